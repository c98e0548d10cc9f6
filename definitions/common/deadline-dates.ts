/** Resolves a deadline rule to its nominal and effective dates for one case. Pure. */
import { submitBy, type SubmitBy } from '../../src/domain/submit-by.js';
import type { DeadlineRule, FiscalYearSettings, SettingsOf } from '../types.js';
import { settingsOfEvent } from './settings.js';

export function resolveDeadline<C>(
  rule: DeadlineRule<C>,
  context: C,
  settings: FiscalYearSettings,
  settingsOf: SettingsOf = settingsOfEvent({ settings }),
): SubmitBy | null {
  const anchor = rule.anchor.resolve(context, settings, settingsOf);
  if (!anchor) return null;
  const due = submitBy(anchor, rule.offset, rule.direction);
  return rule.closedDays === 'none' ? { nominal: due.nominal, effective: due.nominal, closedReason: null } : due;
}
