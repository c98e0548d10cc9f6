/**
 * Fixtures for the abolition machine tests; every payload is parsed with the definition's schema.
 *
 * Calendar: the training stops on 2026-10-03 (Sat). 様式4 is assumed due a month later, 2026-11-03, which is 文化の日:
 * the effective last day is the open day before, 2026-11-02 (Mon). A filing on 2026-11-03 is 1 day late.
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { settingsFor } from '../../definitions/common/settings.js';
import type { AbolitionEvent } from '../../definitions/abolition/context.js';
import { abolition } from '../../definitions/abolition/index.js';
import type { Actor, DeadlineEvent, FiscalYearSettings, OpenSchoolCase, Role, TimerKind } from '../../definitions/types.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { abolitionMachine, type AbolitionMachineInput } from '../../machines/abolition.js';
import type { IsoDate } from '../../src/domain/dates.js';

export type Snapshot = SnapshotFrom<typeof abolitionMachine>;
export type Event = AbolitionEvent;

export const settingsOf = settingsFor(abolition, []);
export const SETTINGS: FiscalYearSettings = settingsOf(2026);

export const ABOLISHED_ON = '2026-10-03';
export const TRAINING = { trainingType: '普通職業訓練', courseType: '普通課程', kei: '塗装', ka: '建築塗装' } as const;
export const INPUT: AbolitionMachineInput = { trainings: [TRAINING], abolishedOn: ABOLISHED_ON, fiscalYear: 2026, trainingCorporation: false };

export const at = (date: IsoDate, time = '10:00'): string => `${date}T${time}:00+09:00`;
const ROLE: Record<string, Role> = { CORRECTION_REQUESTED: 'center', ACCEPTED: 'center' };
const actor = (role: Role): Actor => ({ kind: 'user', userId: `user-${role}`, role, orgId: `org-${role}` });

export function ev(type: Exclude<Event['type'], typeof DEADLINE_EVENT>, data: unknown, when: IsoDate | string): Event {
  const def = abolition.events[type];
  if (!def) throw new Error(`unknown event type ${type}`);
  return { type, data: def.schema.parse(data), at: when.length === 10 ? at(when) : when, actor: actor(ROLE[type] ?? 'school'), settings: SETTINGS, settingsOf } as Event;
}

export const deadlineEvent = (kind: TimerKind, when: IsoDate, nominal: IsoDate = '2026-11-03', effective: IsoDate = '2026-11-02'): DeadlineEvent => ({
  type: DEADLINE_EVENT,
  data: { deadline: 'abolitionNotice', kind, nominal, effective },
  at: at(when, '09:00'),
  actor: { kind: 'scheduler', userId: null, role: 'system', orgId: null },
  settings: SETTINGS,
  settingsOf,
});

export const payload = (over: Record<string, unknown> = {}) => ({
  representative: '会長 甲野 一郎',
  certification: { certifiedOn: '2010-04-01', number: '共第8号' },
  trainings: [TRAINING],
  abolishedOn: ABOLISHED_ON,
  reason: '訓練生の確保が困難となり、訓練の継続の見込みがないため',
  custodian: { name: '東京都塗装工業協同組合', address: '東京都品川区東品川1-2-3', representative: '理事長 乙山 二郎' },
  certificateAttached: true,
  subsidyUsed: false,
  ...over,
});

export const E = {
  filed: (when: IsoDate | string = '2026-10-20', data: unknown = payload()) => ev('ABOLITION_FILED', data, when),
  correction: (when: IsoDate | string = '2026-10-22') => ev('CORRECTION_REQUESTED', { points: '進行中の案件が1件あります。完了又は取下げの後に再提出してください' }, when),
  refiled: (when: IsoDate | string = '2026-10-26', data: unknown = payload({ reason: '訓練生の確保が困難となったため（令和8年9月の理事会で決定）' })) => ev('REFILED', data, when),
  accepted: (when: IsoDate | string = '2026-10-28') => ev('ACCEPTED', { certificateReceivedOn: '2026-10-26', note: '受理しました' }, when),
  withdrawn: (when: IsoDate | string = '2026-10-21') => ev('WITHDRAWN', { reason: '訓練を継続することになったため' }, when),
};

export function start(input: AbolitionMachineInput = INPUT): Snapshot {
  return initialTransition(abolitionMachine, input)[0];
}
export const send = (s: Snapshot, e: Event): Snapshot => transition(abolitionMachine, s, e)[0];
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

/** The school's open cases as the engine gives them with a filing (`schoolCases`). */
export const withSchoolCases = (e: Event, schoolCases: OpenSchoolCase[]): Event => ({ ...e, schoolCases }) as Event;
const openCase = (procedure: string, procedureTitle: string, title: string, stateLabel: string, courses: OpenSchoolCase['courses']): OpenSchoolCase => ({
  id: `case-${procedure}-${courses[0]?.ka ?? 'school'}`,
  procedure,
  procedureTitle,
  title,
  stateLabel,
  courses,
});
export const SUSPENSION_OF_TRAINING = openCase('suspension', '認定職業訓練の休止', '塗装系 建築塗装科 認定職業訓練の休止', '休止中', [{ kei: '塗装', ka: '建築塗装' }]);
export const SKILL_CHECK_OF_OTHER_COURSE = openCase('skill-check', '技能照査', '機械系 機械加工科 技能照査（普通課程）', '実施届出前', [{ kei: '機械', ka: '機械加工' }]);
export const ROSTER = openCase('instructor-roster', '職業訓練指導員・講師名簿、承諾書', '令和8年度 職業訓練指導員・講師名簿、承諾書', '名簿作成中', []);
