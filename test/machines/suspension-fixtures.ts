/**
 * Fixtures for the suspension machine tests; every payload is parsed with the definition's schema.
 *
 * Calendar: suspended from 2026-04-01 (令和8年度). The first filing may plan resumption up to 2028-03-31
 * (end of the next fiscal year). New fiscal years start 2027-04-01 (Thu), 2028-04-03 (Mon: 1 April is a
 * Saturday), 2029-04-02 (Mon). Re-filing is due by HQ's date (default 30 April). Five years end 2031-03-31
 * (Mon); one year (職業訓練法人) ends 2027-03-31 (Wed).
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { settingsFor } from '../../definitions/common/settings.js';
import type { SuspensionEvent } from '../../definitions/suspension/context.js';
import { suspension } from '../../definitions/suspension/index.js';
import type { Actor, DeadlineEvent, FiscalYearSettings, Role, TimerKind } from '../../definitions/types.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { suspensionMachine, type SuspensionMachineInput } from '../../machines/suspension.js';
import type { IsoDate } from '../../src/domain/dates.js';

export type Snapshot = SnapshotFrom<typeof suspensionMachine>;
export type Event = SuspensionEvent;

/** HQ set an earlier re-filing date for 令和9年度: 2027-04-23 (Fri); other years take the default (30 April). */
export const settingsOf = settingsFor(suspension, [{ procedure: 'suspension', key: 'refiling', fiscalYear: 2027, value: '2027-04-23' }]);
export const SETTINGS: FiscalYearSettings = settingsOf(2026);

export const COURSE = { trainingType: '普通職業訓練' as const, courseType: '普通課程', kei: '建築', ka: '建築' };

export const INPUT: SuspensionMachineInput = { course: COURSE, suspensionDate: '2026-04-01', trainingCorporation: false, fiscalYear: 2026 };
export const CORPORATION: SuspensionMachineInput = { ...INPUT, trainingCorporation: true };

export const at = (date: IsoDate, time = '10:00'): string => `${date}T${time}:00+09:00`;
const ROLE: Record<string, Role> = { INSPECTION_RECORDED: 'center', REVIEW_CONTINUED: 'hq', REVOKED: 'hq' };
const actor = (role: Role): Actor => ({ kind: 'user', userId: `user-${role}`, role, orgId: `org-${role}` });

export function ev(type: Exclude<Event['type'], typeof DEADLINE_EVENT>, data: unknown, when: IsoDate | string): Event {
  const def = suspension.events[type];
  if (!def) throw new Error(`unknown event type ${type}`);
  // The schema parse is the check: the payload has the type's form.
  return { type, data: def.schema.parse(data), at: when.length === 10 ? at(when) : when, actor: actor(ROLE[type] ?? 'school'), settings: SETTINGS, settingsOf } as Event;
}

export const deadlineEvent = (deadline: string, kind: TimerKind, nominal: IsoDate, effective: IsoDate = nominal, when: IsoDate = kind === 'overdue' ? '' : effective): DeadlineEvent => ({
  type: DEADLINE_EVENT,
  data: { deadline, kind, nominal, effective },
  at: at(when || nominal, '09:00'),
  actor: { kind: 'scheduler', userId: null, role: 'system', orgId: null },
  settings: SETTINGS,
  settingsOf,
});

export const payload = {
  filed: (plannedResumptionDate: IsoDate = '2028-03-31', suspensionDate: IsoDate = '2026-04-01') => ({
    representative: '城南建築職業訓練協会 会長 佐藤一郎',
    notice: { course: COURSE, suspensionDate, periodFrom: suspensionDate, periodTo: plannedResumptionDate, reason: '訓練生の応募がないため' },
    plan: { situation: '地域の建設業者の採用減により応募者がない', measures: '加盟事業所への募集の働きかけを強化する', plannedResumptionDate },
  }),
  abolished: () => ({
    representative: '城南建築職業訓練協会 会長 佐藤一郎',
    course: COURSE,
    abolishedOn: '2027-06-30',
    reason: '再開の見込みが立たないため',
    custodian: { name: '東京建築業協同組合', address: '東京都品川区1-2-3', representative: '理事長 鈴木次郎' },
  }),
};

export const E = {
  filed: (when: IsoDate | string = '2026-04-10', planned?: IsoDate) => ev('SUSPENSION_FILED', payload.filed(planned), when),
  refiled: (when: IsoDate | string = '2027-04-15', planned: IsoDate = '2029-03-31') => ev('ANNUAL_REFILED', payload.filed(planned), when),
  inspection: (when: IsoDate | string = '2026-10-01') => ev('INSPECTION_RECORDED', { inspectedOn: '2026-09-30', findings: '設備は保全されている' }, when),
  resumed: (resumedOn: IsoDate = '2027-10-01', when: IsoDate | string = resumedOn) => ev('RESUMED', { resumedOn }, when),
  abolished: (when: IsoDate | string = '2027-06-20') => ev('ABOLISHED', payload.abolished(), when),
  continued: (when: IsoDate | string = '2031-04-10') => ev('REVIEW_CONTINUED', { reason: '具体的な再開計画が提出されたため' }, when),
  revoked: (when: IsoDate | string = '2031-04-20') => ev('REVOKED', { revokedOn: when.slice(0, 10), reason: '5年を超えて訓練を行っていないため' }, when),
  withdrawn: (when: IsoDate | string = '2026-04-05') => ev('WITHDRAWN', { reason: '休止を取りやめたため' }, when),
  /** The first open day of fiscal year `fy` arriving (the scheduler's 'due' timer). */
  newYear: (fy: number, nominal: IsoDate = `${fy}-04-01`) => deadlineEvent('fiscalYearStart', 'due', nominal),
  fiveYears: () => deadlineEvent('fiveYearReview', 'overdue', '2031-03-31', '2031-03-31', '2031-04-01'),
  oneYear: () => deadlineEvent('corporationReview', 'overdue', '2027-03-31', '2027-03-31', '2027-04-01'),
};

export function start(input: SuspensionMachineInput = INPUT): Snapshot {
  return initialTransition(suspensionMachine, input)[0];
}
export const send = (s: Snapshot, e: Event): Snapshot => transition(suspensionMachine, s, e)[0];
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
