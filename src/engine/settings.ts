/** Loads the fiscal-year settings HQ has set; years not set fall back to the defaults. */
import type { FiscalYearSettings, SettingsOf } from '../../definitions/types.js';
import { settingsLookup } from '../../definitions/common/settings.js';
import type { Db } from '../db/client.js';
import { calendarSettings } from '../db/schema.js';

export interface CaseSettings {
  settings: FiscalYearSettings;
  settingsOf: SettingsOf;
}

/** One small table: read whole, so a case spanning fiscal years sees every year's dates. */
export async function loadSettings(db: Pick<Db, 'select'>, fiscalYear: number): Promise<CaseSettings> {
  const rows = await db.select().from(calendarSettings);
  const settingsOf = settingsLookup(
    rows.map((r) => ({
      fiscalYear: r.fiscalYear,
      skillCheckQuestionFiling: r.skillCheckQuestionFiling,
      skillCheckReviewResult: r.skillCheckReviewResult,
      suspensionRefiling: r.suspensionRefiling,
    })),
  );
  return { settings: settingsOf(fiscalYear), settingsOf };
}

export async function saveSettings(db: Db, s: FiscalYearSettings, userId: string | null, now: Date): Promise<void> {
  const values = {
    skillCheckQuestionFiling: s.skillCheckQuestionFiling,
    skillCheckReviewResult: s.skillCheckReviewResult,
    suspensionRefiling: s.suspensionRefiling,
    updatedBy: userId,
    updatedAt: now,
  };
  await db
    .insert(calendarSettings)
    .values({ fiscalYear: s.fiscalYear, ...values })
    .onConflictDoUpdate({ target: calendarSettings.fiscalYear, set: values });
}
