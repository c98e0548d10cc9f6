/**
 * "Submit by" deadlines: a nominal day computed from an anchor, pulled back to
 * the previous open day because a closed office cannot receive the filing.
 */
import { closedReason, previousOpenDay } from './calendar.js';
import { compareDates, shiftDate, tokyoDate, type IsoDate, type Offset } from './dates.js';

export interface SubmitBy {
  nominal: IsoDate;
  effective: IsoDate;
  /** Why the nominal day was moved; null when nominal is itself open. */
  closedReason: string | null;
}

export function submitBy(anchor: IsoDate, offset: Offset, direction: 'before' | 'after'): SubmitBy {
  const nominal = shiftDate(anchor, offset, direction);
  const effective = previousOpenDay(nominal);
  return { nominal, effective, closedReason: effective === nominal ? null : closedReason(nominal) };
}

/** Judged on the Tokyo calendar date, so anything received on the last day counts. */
export function isSubmittedInTime(at: Date | string, effective: IsoDate): boolean {
  return compareDates(tokyoDate(at), effective) <= 0;
}

/** Inclusive on both ends. */
export function isWithin(d: IsoDate, from: IsoDate, to: IsoDate): boolean {
  return compareDates(from, d) <= 0 && compareDates(d, to) <= 0;
}
