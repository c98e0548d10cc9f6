/**
 * Reading and changing fiscal-year settings by their flat names (procedure id and key in camelCase), for the API and
 * the CLI alike: names are whatever the registered definitions declare; a bad name or date changes nothing.
 */
import type { Registry } from '../../definitions/registry.js';
import { isIsoDate } from '../domain/dates.js';
import { fiscalYearEnd, fiscalYearStart } from '../domain/fiscal-year.js';
import { isWithin } from '../domain/submit-by.js';
import type { Db } from '../db/client.js';
import { AppError, badRequest } from '../errors.js';
import { rearmCases } from './rearm.js';
import { loadStoredSettings, saveSettings, settingsCatalogue, type SettingEntry } from './settings.js';

export interface SettingsView {
  fiscalYear: number;
  /** Every declared setting with its label, value and default. */
  settings: SettingEntry[];
  /** The same values by flat name (procedure id and key in camelCase -> YYYY-MM-DD). */
  [name: string]: unknown;
}

export async function readSettings(db: Db, registry: Registry, fiscalYear: number): Promise<SettingsView> {
  const settings = settingsCatalogue(registry.list(), await loadStoredSettings(db), fiscalYear);
  return { fiscalYear, ...Object.fromEntries(settings.map((s) => [s.name, s.value])), settings };
}

/** Validates every given value first (400 unknown name or bad date, 422 outside the fiscal year), then saves them together. */
export async function updateSettings(
  db: Db,
  registry: Registry,
  fiscalYear: number,
  input: Record<string, unknown>,
  userId: string | null,
  now: Date,
): Promise<SettingsView> {
  const known = new Map(settingsCatalogue(registry.list(), [], fiscalYear).map((s) => [s.name, s]));
  const unknown = Object.keys(input).filter((k) => !known.has(k));
  if (unknown.length) {
    throw badRequest('invalid_settings', `設定項目 ${unknown.join('、')} はありません。設定できる項目: ${[...known.keys()].join('、')}`, {
      unknown,
      known: [...known.values()].map((s) => ({ name: s.name, label: s.label })),
    });
  }
  const invalid = Object.entries(input).filter(([, v]) => typeof v !== 'string' || !isIsoDate(v));
  if (invalid.length) {
    throw badRequest('invalid_settings', `${invalid.map(([k]) => known.get(k)!.label).join('、')}は YYYY-MM-DD 形式の実在する日付で入力してください`, {
      fields: invalid.map(([k]) => ({ path: k, label: known.get(k)!.label })),
    });
  }
  const [from, to] = [fiscalYearStart(fiscalYear), fiscalYearEnd(fiscalYear)];
  const outside = Object.entries(input).filter(([, v]) => !isWithin(v as string, from, to));
  if (outside.length) {
    throw new AppError(
      422,
      'outside_fiscal_year',
      `${outside.map(([k]) => known.get(k)!.label).join('、')}は${fiscalYear}年度（${from}〜${to}）の日付にしてください`,
      { fields: outside.map(([k]) => k) },
    );
  }
  const values = Object.entries(input).map(([name, value]) => ({ procedure: known.get(name)!.procedure, key: known.get(name)!.key, value: value as string }));
  // The values and every affected case's timers and next due date change together, or not at all.
  await db.transaction(async (tx) => {
    await saveSettings(tx, fiscalYear, values, userId, now);
    await rearmCases(tx, registry, [...new Set(values.map((v) => v.procedure))], now);
  });
  return readSettings(db, registry, fiscalYear);
}
