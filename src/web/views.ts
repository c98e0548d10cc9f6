/**
 * Case rows -> the engine's case view (deadlines with both dates, events the viewer may send) without a
 * query per case: settings are read once per fiscal year.
 */
import type { Registry } from '../../definitions/registry.js';
import type { Db } from '../db/client.js';
import type { Principal } from '../db/directory.js';
import { caseView, type CaseView } from '../engine/case-view.js';
import { loadSettings, type CaseSettings } from '../engine/settings.js';
import { restore, type StoredSnapshot } from '../engine/snapshot.js';
import type { CaseRow } from '../engine/step.js';

export async function caseViews(deps: { db: Db; registry: Registry }, rows: CaseRow[], viewer: Principal, now: Date): Promise<CaseView[]> {
  const settings = new Map<string, CaseSettings>();
  const out: CaseView[] = [];
  for (const row of rows) {
    const definition = deps.registry.get(row.procedure, row.definitionVersion);
    if (!definition) continue;
    const key = `${definition.id}@${definition.version}/${row.fiscalYear}`;
    let s = settings.get(key);
    if (!s) settings.set(key, (s = await loadSettings(deps.db, definition, row.fiscalYear)));
    out.push(caseView(definition, row, restore(definition.machine, row.snapshot as StoredSnapshot), viewer, s, now));
  }
  return out;
}
