/**
 * Fiscal-year settings: keyed rows (procedure, key, fiscal year, value) with defaults from the definitions.
 * The engine, the API and the CLI read and write whatever keys the registered definitions declare.
 */
import { and, eq } from 'drizzle-orm';
import type { AnyProcedureDefinition, FiscalYearSettings, SettingsOf } from '../../definitions/types.js';
import { flatSettingName, settingsFor, type StoredSetting } from '../../definitions/common/settings.js';
import type { Db } from '../db/client.js';
import { fiscalYearSettings } from '../db/schema.js';

export interface CaseSettings {
  settings: FiscalYearSettings;
  settingsOf: SettingsOf;
}

/** One small table: read whole, so a case spanning fiscal years sees every year's dates. */
export async function loadStoredSettings(db: Pick<Db, 'select'>): Promise<StoredSetting[]> {
  return db
    .select({ procedure: fiscalYearSettings.procedure, key: fiscalYearSettings.key, fiscalYear: fiscalYearSettings.fiscalYear, value: fiscalYearSettings.value })
    .from(fiscalYearSettings);
}

/** A definition's settings for a case of the given fiscal year, and of any other year it spans. */
export async function loadSettings(db: Pick<Db, 'select'>, definition: AnyProcedureDefinition, fiscalYear: number): Promise<CaseSettings> {
  const settingsOf = settingsFor(definition, await loadStoredSettings(db));
  return { settings: settingsOf(fiscalYear), settingsOf };
}

export interface SettingValue {
  procedure: string;
  key: string;
  value: string;
}

/** Writes the given values for one fiscal year (in the caller's transaction); keys not given keep what they had. */
export async function saveSettings(tx: Pick<Db, 'insert'>, fiscalYear: number, values: SettingValue[], userId: string | null, now: Date): Promise<void> {
  for (const v of values) {
    await tx
      .insert(fiscalYearSettings)
      .values({ ...v, fiscalYear, updatedBy: userId, updatedAt: now })
      .onConflictDoUpdate({
        target: [fiscalYearSettings.procedure, fiscalYearSettings.key, fiscalYearSettings.fiscalYear],
        set: { value: v.value, updatedBy: userId, updatedAt: now },
      });
  }
}

/** Removes HQ's value so the definition's default applies again. */
export async function resetSetting(db: Db, fiscalYear: number, procedure: string, key: string): Promise<void> {
  await db
    .delete(fiscalYearSettings)
    .where(and(eq(fiscalYearSettings.procedure, procedure), eq(fiscalYearSettings.key, key), eq(fiscalYearSettings.fiscalYear, fiscalYear)));
}

export interface SettingEntry {
  procedure: string;
  procedureTitle: string;
  key: string;
  /** The name in the API and CLI: procedure id and key in camelCase. */
  name: string;
  label: string;
  value: string;
  defaultValue: string;
  isDefault: boolean;
}

/** Every setting the registered definitions declare, with its value for one fiscal year. */
export function settingsCatalogue(definitions: AnyProcedureDefinition[], stored: StoredSetting[], fiscalYear: number): SettingEntry[] {
  return definitions.flatMap((d) => {
    const values = settingsFor(d, stored)(fiscalYear).values;
    return d.settings.map((s) => {
      const defaultValue = s.default(fiscalYear);
      const isDefault = !stored.some((r) => r.procedure === d.id && r.key === s.key && r.fiscalYear === fiscalYear);
      return { procedure: d.id, procedureTitle: d.title, key: s.key, name: flatSettingName(d.id, s.key), label: s.label, value: values[s.key]!, defaultValue, isDefault };
    });
  });
}
