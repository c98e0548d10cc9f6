/** Pieces every procedure machine shares. Pure: machines compute, the engine persists. */
import { assertEvent } from 'xstate';
import { tokyoDate, type IsoDate } from '../src/domain/dates.js';
import type { DeadlineEvent, DeadlineNotice, DeadlineRule, EngineEvent, StateMeta } from '../definitions/types.js';
import { lateFiling, type LateFiling } from '../definitions/common/lateness.js';

export const filedOn = (event: Pick<EngineEvent, 'at'>): IsoDate => tokyoDate(event.at);

/** The payload of an event the action was written for: narrows the machine's event union (throws on another). */
export function dataOf<E extends { type: string; data: unknown }, T extends E['type']>(event: E, type: T): Extract<E, { type: T }>['data'] {
  assertEvent(event, type);
  return (event as unknown as Extract<E, { type: T }>).data;
}

/** Appends a late filing of a soft deadline to the case's record (never blocks). */
export function withLateness<C extends { lateness: LateFiling[] }>(
  rule: DeadlineRule<C>,
  context: C,
  event: Pick<EngineEvent, 'at' | 'settings' | 'settingsOf'>,
): LateFiling[] {
  const late = lateFiling(rule, context, event);
  return late ? [...context.lateness, late] : context.lateness;
}

/** Records a deadline timer delivered by the scheduler. */
export function withDeadlineNotice<C extends { deadlineNotices: DeadlineNotice[] }>(context: C, event: { type: string; data: unknown; at: string }) {
  const data = dataOf(event as DeadlineEvent, 'DEADLINE');
  return [...context.deadlineNotices, { ...data, on: filedOn(event) }];
}

export const meta = (m: StateMeta) => m;
