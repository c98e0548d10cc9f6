/** Pieces every procedure machine shares. Pure: machines compute, the engine persists. */
import { tokyoDate, type IsoDate } from '../src/domain/dates.js';
import type { DeadlineEventData, DeadlineRule, EngineEvent, Rule, StateMeta } from '../definitions/types.js';
import { lateFiling, type LateFiling } from '../definitions/common/lateness.js';

export type MachineEvent = EngineEvent<any>;

/** A guard passing when none of the rules is broken; the same rules explain a 422 in the engine. */
export const rulesPass =
  <C>(...rules: Rule<C>[]) =>
  ({ context, event }: { context: C; event: MachineEvent }) =>
    rules.every((rule) => rule(context, event) === null);

export const filedOn = (event: MachineEvent): IsoDate => tokyoDate(event.at);

/** Appends a late filing of a soft deadline to the case's record (never blocks). */
export function withLateness<C extends { lateness: LateFiling[] }>(
  rule: DeadlineRule<C>,
  context: C,
  event: MachineEvent,
): LateFiling[] {
  const late = lateFiling(rule, context, event);
  return late ? [...context.lateness, late] : context.lateness;
}

/** Records a deadline timer delivered by the scheduler. */
export function withDeadlineNotice<C extends { deadlineNotices: (DeadlineEventData & { on: IsoDate })[] }>(
  context: C,
  event: MachineEvent,
) {
  return [...context.deadlineNotices, { ...(event.data as DeadlineEventData), on: filedOn(event) }];
}

export const meta = (m: StateMeta) => m;
