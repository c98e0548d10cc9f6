/**
 * Fixtures for the change-notice machine tests; every payload is parsed with the definition's schema.
 *
 * Calendar: the change takes effect on 2026-10-01 (Thu); 様式2 is due the day before, 2026-09-30 (Wed, an open
 * day). A filing on 2026-10-05 (Mon) is 5 days late.
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { settingsFor } from '../../definitions/common/settings.js';
import type { ChangeNoticeEvent } from '../../definitions/change-notice/context.js';
import { changeNotice } from '../../definitions/change-notice/index.js';
import type { Actor, DeadlineEvent, FiscalYearSettings, Role, TimerKind } from '../../definitions/types.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { changeNoticeMachine, type ChangeNoticeMachineInput } from '../../machines/change-notice.js';
import type { IsoDate } from '../../src/domain/dates.js';

export type Snapshot = SnapshotFrom<typeof changeNoticeMachine>;
export type Event = ChangeNoticeEvent;

export const settingsOf = settingsFor(changeNotice, []);
export const SETTINGS: FiscalYearSettings = settingsOf(2026);

export const CHANGE_DATE = '2026-10-01';
export const INPUT: ChangeNoticeMachineInput = { changeDate: CHANGE_DATE, items: ['holder'], fiscalYear: 2026, trainingCorporation: false };
export const CORPORATION: ChangeNoticeMachineInput = { ...INPUT, items: ['holder', 'facility'], trainingCorporation: true };

export const at = (date: IsoDate, time = '10:00'): string => `${date}T${time}:00+09:00`;
const ROLE: Record<string, Role> = { CORRECTION_REQUESTED: 'center', ACKNOWLEDGED: 'center' };
const actor = (role: Role): Actor => ({ kind: 'user', userId: `user-${role}`, role, orgId: `org-${role}` });

export function ev(type: Exclude<Event['type'], typeof DEADLINE_EVENT>, data: unknown, when: IsoDate | string): Event {
  const def = changeNotice.events[type];
  if (!def) throw new Error(`unknown event type ${type}`);
  return { type, data: def.schema.parse(data), at: when.length === 10 ? at(when) : when, actor: actor(ROLE[type] ?? 'school'), settings: SETTINGS, settingsOf } as Event;
}

export const deadlineEvent = (kind: TimerKind, when: IsoDate, nominal: IsoDate = '2026-09-30'): DeadlineEvent => ({
  type: DEADLINE_EVENT,
  data: { deadline: 'changeNotice', kind, nominal, effective: nominal },
  at: at(when, '09:00'),
  actor: { kind: 'scheduler', userId: null, role: 'system', orgId: null },
  settings: SETTINGS,
  settingsOf,
});

export const payload = {
  /** A change of representative (item (1)). */
  representative: (changeDate: IsoDate = CHANGE_DATE, reason = '役員改選による代表者の交代') => ({
    representative: '東京機械職業訓練協会 会長 甲野 乙男',
    certification: { certifiedOn: '2019-04-01', number: '単第12号' },
    changes: [{ item: 'holder', before: '会長 甲野 一郎', after: '会長 甲野 乙男' }],
    changeDate,
    reason,
  }),
  /** A 職業訓練法人 renaming itself: the name is written in its 定款 (items (1) and (2)). */
  articles: (changeDate: IsoDate = CHANGE_DATE) => ({
    representative: '職業訓練法人 東京建築協会 理事長 乙川 丙太',
    certification: { certifiedOn: '2018-04-01', number: '共第5号' },
    changes: [
      { item: 'holder', before: '職業訓練法人 東京建築協会', after: '職業訓練法人 東京建築技能協会', articles: true },
      { item: 'facility', before: '東京建築協会職業訓練校', after: '東京建築技能協会職業訓練校', articles: true },
    ],
    changeDate,
    reason: '法人名称の変更（定款変更）',
    operatingRulesAttached: true,
  }),
  /** A move that the 定款 does not state: notified, no 変更認可. */
  move: (changeDate: IsoDate = CHANGE_DATE) => ({
    representative: '職業訓練法人 東京建築協会 理事長 乙川 丙太',
    certification: { certifiedOn: '2018-04-01', number: '共第5号' },
    changes: [{ item: 'facility', before: '東京都品川区1-2-3', after: '東京都大田区4-5-6' }],
    changeDate,
    reason: '訓練施設の移転',
  }),
};

export const E = {
  filed: (when: IsoDate | string = '2026-09-15', data: unknown = payload.representative()) => ev('CHANGE_FILED', data, when),
  correction: (when: IsoDate | string = '2026-09-18') => ev('CORRECTION_REQUESTED', { points: '変更理由に役員改選の年月日を記載してください' }, when),
  refiled: (when: IsoDate | string = '2026-09-22', data: unknown = payload.representative(CHANGE_DATE, '令和8年9月10日の総会における役員改選による代表者の交代')) =>
    ev('REFILED', data, when),
  acknowledged: (when: IsoDate | string = '2026-09-25') => ev('ACKNOWLEDGED', { note: '受理しました' }, when),
  withdrawn: (when: IsoDate | string = '2026-09-20') => ev('WITHDRAWN', { reason: '代表者の交代を取りやめたため' }, when),
};

export function start(input: ChangeNoticeMachineInput = INPUT): Snapshot {
  return initialTransition(changeNoticeMachine, input)[0];
}
export const send = (s: Snapshot, e: Event): Snapshot => transition(changeNoticeMachine, s, e)[0];
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
