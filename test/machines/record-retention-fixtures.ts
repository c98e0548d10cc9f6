/**
 * Fixtures for the record-retention machine tests; every payload is parsed with the definition's schema.
 *
 * Calendar: the records of fiscal year 2026 (ending 2027-03-31). Kept 3 years, they are kept to 2030-03-31 — a Sunday,
 * not moved (a period elapses): disposable from 2030-04-01. Kept 5 years (with subsidies): to 2032-03-31.
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { settingsFor } from '../../definitions/common/settings.js';
import type { RecordRetentionEvent } from '../../definitions/record-retention/context.js';
import { recordRetention } from '../../definitions/record-retention/index.js';
import type { Actor, DeadlineEvent, FiscalYearSettings, TimerKind } from '../../definitions/types.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { recordRetentionMachine, type RecordRetentionMachineInput } from '../../machines/record-retention.js';
import type { IsoDate } from '../../src/domain/dates.js';

export type Snapshot = SnapshotFrom<typeof recordRetentionMachine>;
export type Event = RecordRetentionEvent;

export const settingsOf = settingsFor(recordRetention, []);
export const SETTINGS: FiscalYearSettings = settingsOf(2026);

export const REGULAR: RecordRetentionMachineInput = { fiscalYear: 2026, courseTypes: ['regular'], subsidy: false };
export const SUBSIDISED: RecordRetentionMachineInput = { fiscalYear: 2026, courseTypes: ['regular'], subsidy: true };
export const SHORT_ONLY: RecordRetentionMachineInput = { fiscalYear: 2026, courseTypes: ['short'], subsidy: false };

export const at = (date: IsoDate, time = '10:00'): string => `${date}T${time}:00+09:00`;
const actor: Actor = { kind: 'user', userId: 'user-school', role: 'school', orgId: 'org-school' };

export function ev(type: Exclude<Event['type'], typeof DEADLINE_EVENT>, data: unknown, when: IsoDate | string): Event {
  const def = recordRetention.events[type];
  if (!def) throw new Error(`unknown event type ${type}`);
  return { type, data: def.schema.parse(data), at: when.length === 10 ? at(when) : when, actor, settings: SETTINGS, settingsOf } as Event;
}

export const deadlineEvent = (kind: TimerKind, when: IsoDate, nominal: IsoDate = '2030-03-31'): DeadlineEvent => ({
  type: DEADLINE_EVENT,
  data: { deadline: 'retentionEnds', kind, nominal, effective: nominal },
  at: at(when, '09:00'),
  actor: { kind: 'scheduler', userId: null, role: 'system', orgId: null },
  settings: SETTINGS,
  settingsOf,
});

export const CUSTODIAN = { name: '東京都機械工業協同組合', address: '東京都大田区蒲田5-6-7', representative: '理事長 甲野 一郎' };

export const E = {
  ended: (when: IsoDate = '2030-04-01', nominal: IsoDate = '2030-03-31') => deadlineEvent('overdue', when, nominal),
  disposed: (records: number[], when: IsoDate | string = '2030-04-10', disposedOn = '2030-04-08') => ev('DISPOSED', { records, disposedOn, method: '溶解処理' }, when),
  transferred: (when: IsoDate | string = '2029-06-01') => ev('RECORDS_TRANSFERRED', { custodian: CUSTODIAN, transferredOn: '2029-05-31', reason: '認定職業訓練の廃止（様式4で届出）' }, when),
};

export function start(input: RecordRetentionMachineInput = REGULAR): Snapshot {
  return initialTransition(recordRetentionMachine, input)[0];
}
export const send = (s: Snapshot, e: Event): Snapshot => transition(recordRetentionMachine, s, e)[0];
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
