/**
 * Fixtures for the annual-plan machine tests; every payload is parsed with the definition's schema.
 *
 * Calendar: fiscal year 2026; the plan is dated 2026-04-01. Due by default at the end of April (2026-04-30, Thu, an
 * open day). HQ may set another day: 2026-04-29 (昭和の日, Wed) is effectively 2026-04-28 (Tue).
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { AnnualPlanEvent } from '../../definitions/annual-plan/context.js';
import type { PlanCourse } from '../../definitions/annual-plan/forms.js';
import { annualPlan } from '../../definitions/annual-plan/index.js';
import { requiredSheets } from '../../definitions/annual-plan/sheets.js';
import { settingsFor } from '../../definitions/common/settings.js';
import type { Actor, DeadlineEvent, FiscalYearSettings, TimerKind } from '../../definitions/types.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { annualPlanMachine, type AnnualPlanMachineInput } from '../../machines/annual-plan.js';
import type { IsoDate } from '../../src/domain/dates.js';

export type Snapshot = SnapshotFrom<typeof annualPlanMachine>;
export type Event = AnnualPlanEvent;

export const settingsOf = settingsFor(annualPlan, []);
export const SETTINGS: FiscalYearSettings = settingsOf(2026);
/** HQ moved the date to a holiday. */
export const holidaySettingsOf = settingsFor(annualPlan, [{ procedure: 'annual-plan', key: 'planFiling', fiscalYear: 2026, value: '2026-04-29' }]);
export const HOLIDAY: FiscalYearSettings = holidaySettingsOf(2026);

export const INPUT: AnnualPlanMachineInput = { fiscalYear: 2026 };

export const at = (date: IsoDate, time = '10:00'): string => `${date}T${time}:00+09:00`;
const actor: Actor = { kind: 'user', userId: 'user-school', role: 'school', orgId: 'org-school' };

export function ev(type: Exclude<Event['type'], typeof DEADLINE_EVENT>, data: unknown, when: IsoDate | string, settings: FiscalYearSettings = HOLIDAY): Event {
  const def = annualPlan.events[type];
  if (!def) throw new Error(`unknown event type ${type}`);
  return { type, data: def.schema.parse(data), at: when.length === 10 ? at(when) : when, actor, settings, settingsOf: settings === HOLIDAY ? holidaySettingsOf : settingsOf } as Event;
}

export const deadlineEvent = (kind: TimerKind, when: IsoDate, nominal: IsoDate = '2026-04-29', effective: IsoDate = '2026-04-28'): DeadlineEvent => ({
  type: DEADLINE_EVENT,
  data: { deadline: 'planFiling', kind, nominal, effective },
  at: at(when, '09:00'),
  actor: { kind: 'scheduler', userId: null, role: 'system', orgId: null },
  settings: HOLIDAY,
  settingsOf: holidaySettingsOf,
});

/** A course with exactly the sheets the table asks of it (unless `sheets` is given). */
export const course = (over: Partial<PlanCourse> & Pick<PlanCourse, 'courseType'>, subsidy: 'subsidy' | 'none' = 'none'): PlanCourse => {
  const c = { kei: '機械', ka: '機械加工', correspondence: false, startsOn: '2026-04-07', endsOn: '2027-03-25', trainees: 12, sheets: [], ...over } as PlanCourse;
  return { ...c, sheets: over.sheets ?? requiredSheets(c, subsidy) };
};
export const FUTSU2 = course({ courseType: 'futsu', years: 2 });
export const GINOSHI = course({ courseType: 'ginoshi', courseName: '2級技能士コース', startsOn: '2026-09-01', endsOn: '2027-01-31', trainees: 8 });

export const plan = (over: Record<string, unknown> = {}) => ({
  representative: '理事長 甲野 一郎',
  contact: '乙川 花子（03-1234-5678）',
  schoolType: 'joint',
  subsidy: 'none',
  courses: [FUTSU2, GINOSHI],
  ...over,
});

export const E = {
  filed: (when: IsoDate | string = '2026-04-20', data: unknown = plan()) => ev('PLAN_FILED', data, when),
  correction: (when: IsoDate | string = '2026-04-22') => ev('CORRECTION_REQUESTED', { points: '様式6-2が添付されていません。' }, when),
  refiled: (when: IsoDate | string = '2026-04-27', data: unknown = plan()) => ev('REFILED', data, when),
  accepted: (when: IsoDate | string = '2026-04-30', note?: string) => ev('ACCEPTED', note ? { note } : {}, when),
  withdrawn: (when: IsoDate | string = '2026-04-10') => ev('WITHDRAWN', { reason: '同じ年度の計画書を二重に作成したため' }, when),
};

export function start(input: AnnualPlanMachineInput = INPUT): Snapshot {
  return initialTransition(annualPlanMachine, input)[0];
}
export const send = (s: Snapshot, e: Event): Snapshot => transition(annualPlanMachine, s, e)[0];
export const changed = (a: Snapshot, b: Snapshot) =>
  JSON.stringify([a.value, a.context, a.status]) !== JSON.stringify([b.value, b.context, b.status]);
export function run(events: Event[], from: Snapshot = start()): Snapshot {
  let s = from;
  for (const e of events) {
    const next = send(s, e);
    if (!changed(s, next)) throw new Error(`${e.type} refused in state ${JSON.stringify(s.value)}`);
    s = next;
  }
  return s;
}
