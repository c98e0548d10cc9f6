/**
 * Fixtures for the supervision machine tests; every payload is parsed with the definition's schema.
 *
 * Calendar: a 訓練事務指導 visit planned for 2026-10-27 (Tue). Its record is assumed due 7 days later, 2026-11-03, which
 * is 文化の日: effectively 2026-11-02 (Mon). The school's improvement report is due 2026-11-23, 勤労感謝の日: effectively
 * 2026-11-20 (Fri). A 再指導 sets 2026-12-20 (Sun): effectively 2026-12-18 (Fri).
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { settingsFor } from '../../definitions/common/settings.js';
import type { SupervisionEvent } from '../../definitions/supervision/context.js';
import { supervision } from '../../definitions/supervision/index.js';
import type { Actor, DeadlineEvent, FiscalYearSettings, Role, TimerKind } from '../../definitions/types.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { supervisionMachine, type SupervisionMachineInput } from '../../machines/supervision.js';
import type { IsoDate } from '../../src/domain/dates.js';

export type Snapshot = SnapshotFrom<typeof supervisionMachine>;
export type Event = SupervisionEvent;

export const settingsOf = settingsFor(supervision, []);
export const SETTINGS: FiscalYearSettings = settingsOf(2026);

export const INPUT: SupervisionMachineInput = { kind: 'trainingAffairs', plannedOn: '2026-10-27', fiscalYear: 2026, trainingCorporation: false };

export const at = (date: IsoDate, time = '10:00'): string => `${date}T${time}:00+09:00`;
const actor = (role: Role): Actor => ({ kind: 'user', userId: `user-${role}`, role, orgId: `org-${role}` });

export function ev(type: Exclude<Event['type'], typeof DEADLINE_EVENT>, data: unknown, when: IsoDate | string): Event {
  const def = supervision.events[type];
  if (!def) throw new Error(`unknown event type ${type}`);
  return { type, data: def.schema.parse(data), at: when.length === 10 ? at(when) : when, actor: actor(type === 'IMPROVEMENT_REPORTED' ? 'school' : 'center'), settings: SETTINGS, settingsOf } as Event;
}

export const deadlineEvent = (kind: TimerKind, when: IsoDate, deadline = 'visitRecord', nominal: IsoDate = '2026-11-03', effective: IsoDate = '2026-11-02'): DeadlineEvent => ({
  type: DEADLINE_EVENT,
  data: { deadline, kind, nominal, effective },
  at: at(when, '09:00'),
  actor: { kind: 'scheduler', userId: null, role: 'system', orgId: null },
  settings: SETTINGS,
  settingsOf,
});

export const FINDINGS = [
  { matter: '訓練日誌（様式8）の記入漏れ', instruction: '毎訓練日に指導員が記入し、校長が確認すること' },
  { matter: '訓練生出席簿（様式9）の押印漏れ', instruction: '出席簿を毎日確認すること' },
];

export const visit = (over: Record<string, unknown> = {}) => ({
  visitedOn: '2026-10-27',
  visitors: '城南職業能力開発センター 訓練課 丙野 三郎',
  checked: '訓練管理帳票類（指導員・講師名簿、訓練日誌、出席簿、指導要録）',
  findings: FINDINGS,
  followUpBy: '2026-11-23',
  ...over,
});

export const E = {
  rescheduled: (when: IsoDate | string = '2026-10-20', plannedOn = '2026-10-28') => ev('VISIT_RESCHEDULED', { plannedOn, reason: '訓練日の変更のため' }, when),
  recorded: (when: IsoDate | string = '2026-10-29', data: unknown = visit()) => ev('VISIT_RECORDED', data, when),
  clean: (when: IsoDate | string = '2026-10-29') => ev('VISIT_RECORDED', visit({ findings: [], followUpBy: undefined }), when),
  improved: (when: IsoDate | string = '2026-11-19') => ev('IMPROVEMENT_REPORTED', { improvements: '訓練日誌と出席簿を毎日確認する手順を定めました', improvedOn: '2026-11-10' }, when),
  further: (when: IsoDate | string = '2026-11-25', followUpBy = '2026-12-20') => ev('FURTHER_FOLLOW_UP', { instruction: '校長の確認欄への押印を徹底すること', followUpBy }, when),
  confirmed: (when: IsoDate | string = '2026-11-26') => ev('FOLLOW_UP_CONFIRMED', { note: '改善を確認しました' }, when),
  cancelled: (when: IsoDate | string = '2026-10-21') => ev('CANCELLED', { reason: '訓練が休講となったため' }, when),
};

export function start(input: SupervisionMachineInput = INPUT): Snapshot {
  return initialTransition(supervisionMachine, input)[0];
}
export const send = (s: Snapshot, e: Event): Snapshot => transition(supervisionMachine, s, e)[0];
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
