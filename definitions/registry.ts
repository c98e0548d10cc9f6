/**
 * The procedures the engine knows, keyed by id and version. Running cases stay on the version they started
 * with, so old versions stay registered when a definition changes.
 */
import type { AnyProcedureDefinition } from './types.js';
import { assertValidDefinitions } from './validate.js';

export interface Registry {
  latest(id: string): AnyProcedureDefinition | undefined;
  get(id: string, version: number): AnyProcedureDefinition | undefined;
  list(): AnyProcedureDefinition[];
}

export function createRegistry(definitions: AnyProcedureDefinition[]): Registry {
  assertValidDefinitions(definitions);
  const byKey = new Map(definitions.map((d) => [`${d.id}@${d.version}`, d]));
  const latest = new Map<string, AnyProcedureDefinition>();
  for (const d of definitions) {
    const current = latest.get(d.id);
    if (!current || current.version < d.version) latest.set(d.id, d);
  }
  return {
    latest: (id) => latest.get(id),
    get: (id, version) => byKey.get(`${id}@${version}`),
    list: () => [...latest.values()],
  };
}
