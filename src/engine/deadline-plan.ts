/**
 * Which deadlines a case has now, and which timers they need. Pure: the engine diffs this plan against the
 * timers table inside the transition's transaction.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { AnyProcedureDefinition, DeadlineRule, TimerKind } from '../../definitions/types.js';
import type { CaseSettings } from './settings.js';
import { resolveDeadline } from '../../definitions/common/deadline-dates.js';
import { addDays, compareDates, tokyoDate, tokyoInstant, type IsoDate } from '../domain/dates.js';
import { activeDeadlineNames } from './snapshot.js';

export interface ActiveDeadline {
  rule: DeadlineRule;
  nominal: IsoDate;
  effective: IsoDate;
  closedReason: string | null;
}

export interface PlannedTimer {
  deadline: string;
  kind: TimerKind;
  nominal: IsoDate;
  effective: IsoDate;
  fireAt: Date;
}

/** Reminders and the due notice go out at 09:00 Tokyo time; a missed notice the morning after the last day. */
const NOTICE_HOUR = 9;

export function activeDeadlines(
  definition: AnyProcedureDefinition,
  snapshot: AnyMachineSnapshot,
  { settings, settingsOf }: CaseSettings,
): ActiveDeadline[] {
  return activeDeadlineNames(snapshot).flatMap((name) => {
    const rule = definition.deadlines[name];
    if (!rule) throw new Error(`state names unknown deadline '${name}' in ${definition.id}`);
    const due = resolveDeadline(rule, snapshot.context, settings, settingsOf);
    return due ? [{ rule, ...due }] : [];
  });
}

export const timerKey = (t: { deadline: string; kind: string; effective: string; fireAt: Date }) =>
  `${t.deadline}|${t.kind}|${t.effective}|${t.fireAt.toISOString()}`;

export function plannedTimers(deadlines: ActiveDeadline[]): PlannedTimer[] {
  return deadlines.flatMap(({ rule, nominal, effective }) => {
    const base = { deadline: rule.name, nominal, effective };
    return [
      ...rule.reminders.map((days) => ({ ...base, kind: 'reminder' as const, fireAt: tokyoInstant(addDays(effective, -days), NOTICE_HOUR) })),
      { ...base, kind: 'due' as const, fireAt: tokyoInstant(effective, NOTICE_HOUR) },
      { ...base, kind: 'overdue' as const, fireAt: tokyoInstant(addDays(effective, 1), NOTICE_HOUR) },
    ];
  });
}

/**
 * A timer whose moment has passed before it was armed is only worth firing when it still tells something:
 * a reminder never (the due or missed notice follows), a due notice while its day lasts, a missed notice always.
 */
export function worthArming(timer: PlannedTimer, now: Date): boolean {
  if (timer.fireAt > now) return true;
  if (timer.kind === 'reminder') return false;
  if (timer.kind === 'due') return compareDates(tokyoDate(now), timer.effective) <= 0;
  return true;
}

/**
 * A reminder met late (no scheduler ran at its moment: server down over a weekend, clock moved) says nothing
 * true any more once its own Tokyo day has passed or the effective date has come: "あと-29日" helps nobody.
 * Such a reminder is skipped and listed in one catch-up message instead; due and missed notices still fire.
 */
export function reminderIsStale(timer: { kind: string; fireAt: Date; effective: IsoDate }, now: Date): boolean {
  if (timer.kind !== 'reminder') return false;
  const today = tokyoDate(now);
  return compareDates(today, tokyoDate(timer.fireAt)) > 0 || compareDates(today, timer.effective) >= 0;
}

export type DeadlineStatus = 'pending' | 'due-today' | 'overdue';

export function deadlineStatus(effective: IsoDate, now: Date): DeadlineStatus {
  const c = compareDates(tokyoDate(now), effective);
  return c < 0 ? 'pending' : c === 0 ? 'due-today' : 'overdue';
}
