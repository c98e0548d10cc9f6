/**
 * Fixtures for the dispersed-training machine tests; every payload is parsed with the definition's schema.
 *
 * Calendar: fiscal year 2026. Reports are due (assumed defaults) 2026-07-31 (Fri), 2026-10-31 (Sat: effectively
 * 2026-10-30, Fri), 2027-01-31 (Sun: effectively 2027-01-29, Fri) and 2027-03-31 (Wed).
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { settingsFor } from '../../definitions/common/settings.js';
import type { DispersedTrainingReportEvent } from '../../definitions/dispersed-training-report/context.js';
import { dispersedTrainingReport } from '../../definitions/dispersed-training-report/index.js';
import type { Actor, DeadlineEvent, FiscalYearSettings, TimerKind } from '../../definitions/types.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { dispersedTrainingReportMachine, type DispersedTrainingReportMachineInput } from '../../machines/dispersed-training-report.js';
import type { IsoDate } from '../../src/domain/dates.js';

export type Snapshot = SnapshotFrom<typeof dispersedTrainingReportMachine>;
export type Event = DispersedTrainingReportEvent;

export const settingsOf = settingsFor(dispersedTrainingReport, []);
export const SETTINGS: FiscalYearSettings = settingsOf(2026);

export const TRAINEES = [
  { name: '山田 太郎', grade: 1, employer: '株式会社城南製作所' },
  { name: '佐藤 花子', grade: 2, employer: '有限会社蒲田精機' },
];
export const INPUT: DispersedTrainingReportMachineInput = { fiscalYear: 2026, course: { kei: '機械', ka: '機械加工' }, trainees: TRAINEES };

export const at = (date: IsoDate, time = '10:00'): string => `${date}T${time}:00+09:00`;
const actor: Actor = { kind: 'user', userId: 'user-school', role: 'school', orgId: 'org-school' };

export function ev(type: Exclude<Event['type'], typeof DEADLINE_EVENT>, data: unknown, when: IsoDate | string): Event {
  const def = dispersedTrainingReport.events[type];
  if (!def) throw new Error(`unknown event type ${type}`);
  return { type, data: def.schema.parse(data), at: when.length === 10 ? at(when) : when, actor, settings: SETTINGS, settingsOf } as Event;
}

export const deadlineEvent = (kind: TimerKind, when: IsoDate, deadline = 'q2Reports', nominal: IsoDate = '2026-10-31', effective: IsoDate = '2026-10-30'): DeadlineEvent => ({
  type: DEADLINE_EVENT,
  data: { deadline, kind, nominal, effective },
  at: at(when, '09:00'),
  actor: { kind: 'scheduler', userId: null, role: 'system', orgId: null },
  settings: SETTINGS,
  settingsOf,
});

const MONTHS = { q1: [4, 5, 6], q2: [7, 8, 9], q3: [10, 11, 12], q4: [1, 2, 3] } as const;
export const month = (m: number, attended = 76) => ({
  month: m,
  basic: { content: '旋盤・フライス盤の基本操作', planned: 40, actual: 40, attended: 40 },
  major: { content: '量産部品の加工', planned: 80, actual: 80, attended },
});

export const report = (quarter: keyof typeof MONTHS, trainee = 0, over: Record<string, unknown> = {}) => ({
  quarter,
  traineeName: TRAINEES[trainee]!.name,
  employer: TRAINEES[trainee]!.employer,
  instructorName: '戊川 五郎',
  reportedOn: { q1: '2026-07-10', q2: '2026-10-09', q3: '2027-01-12', q4: '2027-03-15' }[quarter],
  months: MONTHS[quarter].map((m) => month(m)),
  ...over,
});

const RECORDED_ON = { q1: '2026-07-20', q2: '2026-10-20', q3: '2027-01-20', q4: '2027-03-20' } as const;
export const E = {
  report: (quarter: keyof typeof MONTHS, trainee = 0, when: IsoDate | string = RECORDED_ON[quarter], over: Record<string, unknown> = {}) =>
    ev('REPORT_RECORDED', report(quarter, trainee, over), when),
  left: (when: IsoDate | string = '2026-11-10', leftOn = '2026-11-05', trainee = 1) => ev('TRAINEE_LEFT', { name: TRAINEES[trainee]!.name, leftOn, reason: '退校' }, when),
  withdrawn: (when: IsoDate | string = '2026-07-01') => ev('WITHDRAWN', { reason: '分散訓練を行わないことになったため' }, when),
};

/** Every report of the year, in time. */
export const fullYear = (): Event[] => (['q1', 'q2', 'q3', 'q4'] as const).flatMap((q) => [E.report(q, 0), E.report(q, 1)]);

export function start(input: DispersedTrainingReportMachineInput = INPUT): Snapshot {
  return initialTransition(dispersedTrainingReportMachine, input)[0];
}
export const send = (s: Snapshot, e: Event): Snapshot => transition(dispersedTrainingReportMachine, s, e)[0];
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
