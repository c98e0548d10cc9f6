/**
 * Fixtures for the instructor-roster machine tests; every payload is parsed with the definition's schema.
 *
 * Calendar: fiscal year 2026. The roster and the consents are due at the end of April by default (2026-04-30, Thu, an
 * open day). HQ may set another day: 2026-05-03 (憲法記念日, Sun) is effectively 2026-05-01 (Fri).
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { settingsFor } from '../../definitions/common/settings.js';
import type { InstructorRosterEvent } from '../../definitions/instructor-roster/context.js';
import { instructorRoster } from '../../definitions/instructor-roster/index.js';
import type { Actor, DeadlineEvent, FiscalYearSettings, TimerKind } from '../../definitions/types.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { instructorRosterMachine, type InstructorRosterMachineInput } from '../../machines/instructor-roster.js';
import type { IsoDate } from '../../src/domain/dates.js';

export type Snapshot = SnapshotFrom<typeof instructorRosterMachine>;
export type Event = InstructorRosterEvent;

export const settingsOf = settingsFor(instructorRoster, []);
export const SETTINGS: FiscalYearSettings = settingsOf(2026);
/** HQ moved the date to a holiday. */
export const holidaySettingsOf = settingsFor(instructorRoster, [{ procedure: 'instructor-roster', key: 'preparation', fiscalYear: 2026, value: '2026-05-03' }]);
export const HOLIDAY: FiscalYearSettings = holidaySettingsOf(2026);

export const INPUT: InstructorRosterMachineInput = { fiscalYear: 2026, schoolType: 'joint' };
export const SINGLE: InstructorRosterMachineInput = { fiscalYear: 2026, schoolType: 'single' };

export const at = (date: IsoDate, time = '10:00'): string => `${date}T${time}:00+09:00`;
const actor: Actor = { kind: 'user', userId: 'user-school', role: 'school', orgId: 'org-school' };

export function ev(type: Exclude<Event['type'], typeof DEADLINE_EVENT>, data: unknown, when: IsoDate | string, settings: FiscalYearSettings = HOLIDAY): Event {
  const def = instructorRoster.events[type];
  if (!def) throw new Error(`unknown event type ${type}`);
  return { type, data: def.schema.parse(data), at: when.length === 10 ? at(when) : when, actor, settings, settingsOf: settings === HOLIDAY ? holidaySettingsOf : settingsOf } as Event;
}

export const deadlineEvent = (kind: TimerKind, when: IsoDate, deadline = 'rosterPreparation', nominal: IsoDate = '2026-05-03', effective: IsoDate = '2026-05-01'): DeadlineEvent => ({
  type: DEADLINE_EVENT,
  data: { deadline, kind, nominal, effective },
  at: at(when, '09:00'),
  actor: { kind: 'scheduler', userId: null, role: 'system', orgId: null },
  settings: HOLIDAY,
  settingsOf: holidaySettingsOf,
});

export const row = (number: number, name: string, over: Record<string, unknown> = {}) => ({
  number,
  role: 'lecturer',
  subjects: '機械加工実技',
  name,
  address: '東京都大田区蒲田1-2-3',
  employer: '株式会社城南製作所',
  internal: false,
  paid: true,
  ...over,
});
export const INSTRUCTOR = row(1, '甲野 一郎', { role: 'instructor', subjects: '専攻実技', licence: { acquiredOn: '2005-03-31', number: '機第1234号' }, remarks: '機械加工科指導員免許、経験20年' });
export const DISPERSED = {
  number: 1,
  employer: '有限会社蒲田精機',
  representative: '代表取締役 丁田 四郎',
  address: '東京都大田区西蒲田4-5-6',
  trainees: 2,
  role: 'instructor',
  name: '戊川 五郎',
  licence: { acquiredOn: '2010-03-31', number: '機第2345号' },
};

export const roster = (over: Record<string, unknown> = {}) => ({
  preparedOn: '2026-04-20',
  collective: [INSTRUCTOR, row(2, '乙川 二郎'), row(3, '丙山 三郎', { subjects: '安全衛生', internal: true, paid: true, employer: '東京都機械職業訓練校' })],
  dispersed: [DISPERSED],
  ...over,
});

export const consent = (...names: string[]) => ({ consents: names.map((name) => ({ name, consentedOn: '2026-04-21' })) });

export const E = {
  filed: (when: IsoDate | string = '2026-04-20', data: unknown = roster()) => ev('ROSTER_FILED', data, when),
  consents: (when: IsoDate | string = '2026-04-22', ...names: string[]) => ev('CONSENT_RECORDED', consent(...(names.length ? names : ['甲野 一郎', '乙川 二郎', '丙山 三郎'])), when),
  changed: (when: IsoDate | string = '2026-06-01', changedOn = '2026-06-15') =>
    ev('ROSTER_CHANGED', { changedOn, reason: '講師の追加（溶接実技）', collective: [...roster().collective, row(4, '己野 六郎', { subjects: '溶接実技' })], dispersed: [DISPERSED] }, when),
  withdrawn: (when: IsoDate | string = '2026-04-10') => ev('WITHDRAWN', { reason: '訓練科の休止により今年度は作成しない' }, when),
};

export function start(input: InstructorRosterMachineInput = INPUT): Snapshot {
  return initialTransition(instructorRosterMachine, input)[0];
}
export const send = (s: Snapshot, e: Event): Snapshot => transition(instructorRosterMachine, s, e)[0];
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
