/**
 * The helpers every procedure's machine fixtures have, made for one definition and machine: events parsed with the
 * definition's schema (a school user's, at 10:00 Tokyo time), the deadline event of its one deadline, and the pure
 * start / send / run over the machine. Settings are the defaults of the fiscal year, or the year with HQ's moved
 * date (`holiday`, the default for events, as most tests are about the moved date).
 */
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type InputFrom, type SnapshotFrom } from 'xstate';
import { settingsFor } from '../../definitions/common/settings.js';
import type { Actor, AnyProcedureDefinition, DeadlineEvent, FiscalYearSettings, TimerKind } from '../../definitions/types.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import type { IsoDate } from '../../src/domain/dates.js';

export const at = (date: IsoDate, time = '10:00'): string => `${date}T${time}:00+09:00`;
const actor: Actor = { kind: 'user', userId: 'user-school', role: 'school', orgId: 'org-school' };

export function machineFixtures<TMachine extends AnyStateMachine, TEvent extends { type: string }>(f: {
  definition: AnyProcedureDefinition;
  machine: TMachine;
  input: InputFrom<TMachine>;
  fiscalYear: number;
  /** The setting key of the deadline (also the deadline's name), and the day HQ moved it to with its effective day. */
  deadline: string;
  holiday: { nominal: IsoDate; effective: IsoDate };
}) {
  type Snapshot = SnapshotFrom<TMachine>;
  const settingsOf = settingsFor(f.definition, []);
  const holidaySettingsOf = settingsFor(f.definition, [{ procedure: f.definition.id, key: f.deadline, fiscalYear: f.fiscalYear, value: f.holiday.nominal }]);
  const SETTINGS: FiscalYearSettings = settingsOf(f.fiscalYear);
  const HOLIDAY: FiscalYearSettings = holidaySettingsOf(f.fiscalYear);

  function ev(type: Exclude<TEvent['type'], typeof DEADLINE_EVENT>, data: unknown, when: IsoDate | string, settings: FiscalYearSettings = HOLIDAY): TEvent {
    const def = f.definition.events[type];
    if (!def) throw new Error(`unknown event type ${type}`);
    return { type, data: def.schema.parse(data), at: when.length === 10 ? at(when) : when, actor, settings, settingsOf: settings === HOLIDAY ? holidaySettingsOf : settingsOf } as unknown as TEvent;
  }

  const deadlineEvent = (kind: TimerKind, when: IsoDate, nominal: IsoDate = f.holiday.nominal, effective: IsoDate = f.holiday.effective): DeadlineEvent => ({
    type: DEADLINE_EVENT,
    data: { deadline: f.deadline, kind, nominal, effective },
    at: at(when, '09:00'),
    actor: { kind: 'scheduler', userId: null, role: 'system', orgId: null },
    settings: HOLIDAY,
    settingsOf: holidaySettingsOf,
  });

  const start = (input: InputFrom<TMachine> = f.input): Snapshot => initialTransition(f.machine, input)[0] as Snapshot;
  const send = (s: Snapshot, e: TEvent): Snapshot => transition(f.machine, s, e as never)[0] as Snapshot;
  // A generic machine's snapshot type does not name its fields; every machine's snapshot has them.
  const shape = (s: Snapshot) => JSON.stringify([(s as AnyMachineSnapshot).value, (s as AnyMachineSnapshot).context, (s as AnyMachineSnapshot).status]);
  const changed = (a: Snapshot, b: Snapshot) => shape(a) !== shape(b);
  function run(events: TEvent[], from: Snapshot = start()): Snapshot {
    let s = from;
    for (const e of events) {
      const next = send(s, e);
      if (!changed(s, next)) throw new Error(`${e.type} refused in state ${JSON.stringify((s as AnyMachineSnapshot).value)}`);
      s = next;
    }
    return s;
  }

  return { settingsOf, holidaySettingsOf, SETTINGS, HOLIDAY, ev, deadlineEvent, start, send, changed, run };
}
