/**
 * Fixtures for the annual-plan machine tests; every payload is parsed with the definition's schema.
 *
 * Calendar: fiscal year 2026; the plan is dated 2026-04-01. Due by default at the end of April (2026-04-30, Thu, an
 * open day). HQ may set another day: 2026-04-29 (昭和の日, Wed) is effectively 2026-04-28 (Tue).
 */
import type { SnapshotFrom } from 'xstate';
import type { AnnualPlanEvent } from '../../definitions/annual-plan/context.js';
import type { PlanCourse } from '../../definitions/annual-plan/forms.js';
import { annualPlan } from '../../definitions/annual-plan/index.js';
import { requiredSheets } from '../../definitions/annual-plan/sheets.js';
import { annualPlanMachine, type AnnualPlanMachineInput } from '../../machines/annual-plan.js';
import type { IsoDate } from '../../src/domain/dates.js';
import { machineFixtures } from '../support/machine-fixtures.js';

export type Snapshot = SnapshotFrom<typeof annualPlanMachine>;
export type Event = AnnualPlanEvent;

export const INPUT: AnnualPlanMachineInput = { fiscalYear: 2026 };

export const { settingsOf, holidaySettingsOf, SETTINGS, HOLIDAY, ev, deadlineEvent, start, send, changed, run } = machineFixtures<typeof annualPlanMachine, Event>({
  definition: annualPlan,
  machine: annualPlanMachine,
  input: INPUT,
  fiscalYear: 2026,
  deadline: 'planFiling',
  // HQ moved the date to a holiday.
  holiday: { nominal: '2026-04-29', effective: '2026-04-28' },
});
export { at } from '../support/machine-fixtures.js';

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
