/** Fiscal-year settings HQ sets each year, and the defaults used for a year HQ has not set. Pure. */
import type { FiscalYearSettings, SettingsOf } from '../types.js';

/** Early October and mid-November (manual III (6)); suspension re-filing by the end of April. */
export function defaultSettings(fiscalYear: number): FiscalYearSettings {
  return {
    fiscalYear,
    skillCheckQuestionFiling: `${fiscalYear}-10-07`,
    skillCheckReviewResult: `${fiscalYear}-11-16`,
    suspensionRefiling: `${fiscalYear}-04-30`,
  };
}

export function settingsLookup(rows: FiscalYearSettings[]): SettingsOf {
  const byYear = new Map(rows.map((r) => [r.fiscalYear, r]));
  return (fy) => byYear.get(fy) ?? defaultSettings(fy);
}

/** The lookup an event carries, or one answering from the case's own year when a test builds events by hand. */
export function settingsOfEvent(event: { settings: FiscalYearSettings; settingsOf?: SettingsOf }): SettingsOf {
  return event.settingsOf ?? settingsLookup([event.settings]);
}
