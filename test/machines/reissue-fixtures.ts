/**
 * Fixtures for the reissue machine tests; every payload is parsed with the definition's schema.
 * HQ assigns 2027-07-10 (Sat) as the reissue date: re-certification is due by then (effective Fri 07-09),
 * delivery within a week (2027-07-17, Sat -> effective Fri 07-16).
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { settingsFor } from '../../definitions/common/settings.js';
import type { ReissueEvent, ReissueEventOf } from '../../definitions/reissue/context.js';
import { eventForms } from '../../definitions/reissue/forms.js';
import { reissue } from '../../definitions/reissue/index.js';
import type { Actor, LinkedCase, Role } from '../../definitions/types.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { reissueMachine, type ReissueMachineInput } from '../../machines/reissue.js';
import type { IsoDate } from '../../src/domain/dates.js';

export type Snapshot = SnapshotFrom<typeof reissueMachine>;
export type Event = ReissueEvent;

/** The reissue declares no fiscal-year settings: its events carry an empty set for the case's year. */
const SETTINGS = settingsFor(reissue, [])(2027);
export const COURSE = { kei: '機械', ka: '機械加工' };

export const request = (reason: 'lost' | 'burned' | 'nameChanged' = 'lost') => ({
  addressee: '東京都機械職業訓練校長',
  requestDate: '2027-06-01',
  name: reason === 'nameChanged' ? '山田 花子' : '能力 太郎',
  ...(reason === 'nameChanged' ? { formerName: '鈴木 花子' } : {}),
  birthDate: '2005-04-02',
  course: COURSE,
  reason,
  reasonDetail: reason === 'nameChanged' ? '婚姻により氏が変わったため' : '転居の際に紛失したため',
});

export const INPUT = (over: Partial<ReissueMachineInput> = {}): ReissueMachineInput => ({
  certificateType: 'skill-check',
  request: request(),
  original: { examDate: '2027-02-10', schoolNumber: '第1号', tokyoNumber: '東京R8-0001' },
  fiscalYear: 2027,
  ...over,
});

export const at = (date: IsoDate, time = '10:00'): string => `${date}T${time}:00+09:00`;
const HQ = new Set(['NUMBERS_ASSIGNED', 'RECERTIFIED', 'APPLICATION_RETURNED']);
const actor = (role: Role): Actor => ({ kind: 'user', userId: `user-${role}`, role, orgId: `org-${role}` });

export function ev<T extends keyof typeof eventForms>(type: T, data: unknown, when: IsoDate | string): ReissueEventOf<T> {
  const schema = eventForms[type];
  if (!schema || !reissue.events[type]) throw new Error(`unknown event type ${type}`);
  const event = { type, data: schema.parse(data), at: when.length === 10 ? at(when) : when, actor: actor(HQ.has(type) ? 'hq' : 'school'), settings: SETTINGS };
  return event as ReissueEventOf<T>;
}

export const ALL_BUT_RESIDENCE = ['request', 'resultsRoster', 'applicantsRoster', 'certificate'];

export const payload = {
  numbers: () => ({ reissueDate: '2027-07-10', schoolNumber: '再1号', tokyoNumber: '再東京R9-0001' }),
  application: (attachments: string[] = ALL_BUT_RESIDENCE, over: Record<string, unknown> = {}) => ({
    representative: '東京都機械職業訓練校 校長 甲野乙男',
    holder: { name: '能力 太郎', birthDate: '2005-04-02' },
    course: COURSE,
    examDate: '2027-02-10',
    oldTokyoNumber: '東京R8-0001',
    reissueSchoolNumber: '再1号',
    reissueTokyoNumber: '再東京R9-0001',
    attachments,
    ...over,
  }),
};

export const E = {
  numbers: (when: IsoDate | string = '2027-06-10') => ev('NUMBERS_ASSIGNED', payload.numbers(), when),
  application: (attachments?: string[], when: IsoDate | string = '2027-06-20', over?: Record<string, unknown>) =>
    ev('APPLICATION_FILED', payload.application(attachments, over), when),
  recertified: (when: IsoDate = '2027-07-05') => ev('RECERTIFIED', { certifiedOn: when }, when),
  returned: (when: IsoDate | string = '2027-06-25') => ev('APPLICATION_RETURNED', { reason: '添付書類の不備' }, when),
  delivered: (when: IsoDate = '2027-07-12') => ev('DELIVERED', { deliveredOn: when }, when),
  withdrawn: (when: IsoDate | string = '2027-06-05') => ev('WITHDRAWN', { reason: '旧証書が見つかったため' }, when),
  reminder: (): Event => ({
    type: DEADLINE_EVENT,
    data: { deadline: 'recertification', kind: 'reminder', nominal: '2027-07-10', effective: '2027-07-09' },
    at: at('2027-07-06', '09:00'),
    actor: { kind: 'scheduler', userId: null, role: 'system', orgId: null },
    settings: SETTINGS,
  }),
};

/** A delivered skill-check case as the engine would pass it (only the fields the prefill reads). */
export const linkedSkillCheck = (state = 'delivered'): LinkedCase => ({
  id: '00000000-0000-4000-8000-000000000001',
  procedure: 'skill-check',
  state,
  context: {
    examDate: '2027-02-10',
    roster: [{ traineeId: 'T1', name: '能力 太郎', birthDate: '2005-04-02' }],
    numbers: [{ traineeId: 'T1', tokyoNumber: '東京R8-0001' }],
    application: { applicants: [{ traineeId: 'T1', schoolNumber: '第1号' }] },
  },
});

export function start(input: ReissueMachineInput = INPUT()): Snapshot {
  return initialTransition(reissueMachine, input)[0];
}
export const send = (s: Snapshot, e: Event): Snapshot => transition(reissueMachine, s, e)[0];
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
