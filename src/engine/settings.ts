/** Fiscal-year settings (soft dates HQ sets each year), with defaults for a year HQ has not set yet. */
import { eq } from 'drizzle-orm';
import type { FiscalYearSettings } from '../../definitions/types.js';
import type { Db } from '../db/client.js';
import { calendarSettings } from '../db/schema.js';

/** Early October, mid-November (manual III (6)); suspension re-filing by the end of April. */
export function defaultSettings(fiscalYear: number): FiscalYearSettings {
  return {
    fiscalYear,
    skillCheckQuestionFiling: `${fiscalYear}-10-07`,
    skillCheckReviewResult: `${fiscalYear}-11-16`,
    suspensionRefiling: `${fiscalYear}-04-30`,
  };
}

export async function loadSettings(db: Pick<Db, 'select'>, fiscalYear: number): Promise<FiscalYearSettings> {
  const [row] = await db.select().from(calendarSettings).where(eq(calendarSettings.fiscalYear, fiscalYear));
  if (!row) return defaultSettings(fiscalYear);
  return {
    fiscalYear,
    skillCheckQuestionFiling: row.skillCheckQuestionFiling,
    skillCheckReviewResult: row.skillCheckReviewResult,
    suspensionRefiling: row.suspensionRefiling,
  };
}
