/** Resolves a deadline rule to its nominal and effective dates for one case. Pure. */
import { submitBy, type SubmitBy } from '../../src/domain/submit-by.js';
import type { DeadlineRule, FiscalYearSettings } from '../types.js';

export function resolveDeadline<C>(
  rule: DeadlineRule<C>,
  context: C,
  settings: FiscalYearSettings,
): SubmitBy | null {
  const anchor = rule.anchor.resolve(context, settings);
  return anchor ? submitBy(anchor, rule.offset, rule.direction) : null;
}
