/**
 * Fiscal-year settings as keyed data: a stored value is (procedure, key, fiscal year) -> date, and a key HQ has
 * not set for a year takes the definition's default. Pure.
 */
import type { AnyProcedureDefinition, FiscalYearSettings, SettingsOf } from '../types.js';

export interface StoredSetting {
  procedure: string;
  key: string;
  fiscalYear: number;
  value: string;
}

/** One procedure's settings of every fiscal year, from the stored values and its declared defaults. */
export function settingsFor(definition: Pick<AnyProcedureDefinition, 'id' | 'settings'>, stored: readonly StoredSetting[]): SettingsOf {
  const mine = new Map(stored.filter((s) => s.procedure === definition.id).map((s) => [`${s.key}@${s.fiscalYear}`, s.value]));
  const cache = new Map<number, FiscalYearSettings>();
  return (fiscalYear) => {
    let s = cache.get(fiscalYear);
    if (!s) {
      const values = Object.fromEntries(definition.settings.map((d) => [d.key, mine.get(`${d.key}@${fiscalYear}`) ?? d.default(fiscalYear)]));
      cache.set(fiscalYear, (s = { fiscalYear, values }));
    }
    return s;
  };
}

/** The lookup an event carries, or one answering from the case's own year when a test builds events by hand. */
export function settingsOfEvent(event: { settings: FiscalYearSettings; settingsOf?: SettingsOf }): SettingsOf {
  return event.settingsOf ?? ((fy) => (fy === event.settings.fiscalYear ? event.settings : { fiscalYear: fy, values: event.settings.values }));
}

/** A setting's value for a year; a missing key is a definition bug (registration checks every key has a default). */
export function settingValue(settings: FiscalYearSettings, key: string): string {
  const v = settings.values[key];
  if (v === undefined) throw new Error(`fiscal-year setting '${key}' is not declared by this procedure`);
  return v;
}

/**
 * The flat name of a setting in the API and CLI: procedure id and key in camelCase
 * ('skill-check' + 'questionFiling' -> 'skillCheckQuestionFiling').
 */
export function flatSettingName(procedure: string, key: string): string {
  const camel = procedure.replace(/-([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
  return camel + key.charAt(0).toUpperCase() + key.slice(1);
}
