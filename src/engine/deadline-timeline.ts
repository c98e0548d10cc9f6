/**
 * The whole timeline of a case's deadlines, not only the ones its current state arms: each deadline of the
 * definition with its dates against the case as it is now, marked as met or passed (a state that arms it was
 * left), current (armed now), or ahead (its states are still to come). Pure.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { describeStates } from '../../definitions/describe.js';
import { resolveDeadline } from '../../definitions/common/deadline-dates.js';
import type { AnyProcedureDefinition, DeadlineRule } from '../../definitions/types.js';
import type { IsoDate } from '../domain/dates.js';
import { deadlineStatus, type DeadlineStatus } from './deadline-plan.js';
import type { CaseSettings } from './settings.js';
import { activeDeadlineNames } from './snapshot.js';

export type TimelinePhase = 'past' | 'current' | 'ahead';

export interface TimelineEntry {
  rule: DeadlineRule;
  phase: TimelinePhase;
  nominal: IsoDate | null;
  effective: IsoDate | null;
  closedReason: string | null;
  /** For a current deadline: pending, due today or overdue. */
  status: DeadlineStatus | null;
  /** A late filing the case recorded for it (soft deadlines). */
  daysLate: number | null;
}

export function deadlineTimeline(
  definition: AnyProcedureDefinition,
  snapshot: AnyMachineSnapshot,
  visitedStates: string[],
  settings: CaseSettings,
  now: Date,
): TimelineEntry[] {
  const armedBy = new Map<string, string[]>();
  for (const s of describeStates(definition)) for (const d of s.deadlines) armedBy.set(d, [...(armedBy.get(d) ?? []), s.path]);
  const current = new Set(activeDeadlineNames(snapshot));
  // A state path 'a.b' was visited when the history entered it or one of its children.
  const visited = (path: string) => visitedStates.some((v) => v.split(',').some((p) => p === path || p.startsWith(`${path}.`)));
  const lateness = ((snapshot.context as { lateness?: { deadline: string; daysLate: number }[] }).lateness ?? []);
  const entries = Object.values(definition.deadlines).map((rule): TimelineEntry => {
    const due = resolveDeadline(rule, snapshot.context, settings.settings, settings.settingsOf);
    const phase: TimelinePhase = current.has(rule.name) ? 'current' : (armedBy.get(rule.name) ?? []).some(visited) ? 'past' : 'ahead';
    const late = lateness.filter((l) => l.deadline === rule.name).at(-1);
    return {
      rule,
      phase,
      nominal: due?.nominal ?? null,
      effective: due?.effective ?? null,
      closedReason: due?.closedReason ?? null,
      status: phase === 'current' && due ? deadlineStatus(due.effective, now) : null,
      daysLate: late?.daysLate ?? null,
    };
  });
  // Date order, undated last; a case that has ended shows nothing ahead.
  const ended = snapshot.status !== 'active';
  return entries
    .filter((e) => !(ended && e.phase === 'ahead'))
    .sort((a, b) => (a.effective ?? '9999').localeCompare(b.effective ?? '9999'));
}
