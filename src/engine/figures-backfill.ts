/**
 * Cases written before their definition declared statistics have no figures: computes them from the stored
 * snapshot at start-up, a batch at a time. A row another node stepped meanwhile (its version moved) is left to
 * that step, which wrote the figures itself.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Registry } from '../../definitions/registry.js';
import type { Db } from '../db/client.js';
import { cases } from '../db/schema.js';
import { restore, type StoredSnapshot } from './snapshot.js';

export async function backfillFigures(db: Db, registry: Registry, opts: { batchSize?: number; stopped?: () => boolean } = {}): Promise<number> {
  const batchSize = opts.batchSize ?? 500;
  const procedures = registry.list().filter((d) => d.statistics).map((d) => d.id);
  if (!procedures.length) return 0;
  let written = 0;
  const skipped = new Set<string>();
  for (;;) {
    // A server stopping leaves the rest to its next start.
    if (opts.stopped?.()) return written;
    const rows = await db
      .select({ id: cases.id, procedure: cases.procedure, definitionVersion: cases.definitionVersion, snapshot: cases.snapshot, version: cases.version })
      .from(cases)
      .where(and(isNull(cases.figures), inArray(cases.procedure, procedures)))
      .limit(batchSize + skipped.size);
    const todo = rows.filter((r) => !skipped.has(r.id));
    if (!todo.length) return written;
    for (const r of todo) {
      const definition = registry.get(r.procedure, r.definitionVersion);
      if (!definition?.statistics) {
        // An old version without statistics: nothing to count, and never asked again in this pass.
        skipped.add(r.id);
        continue;
      }
      const figures = definition.statistics.rows(restore(definition.machine, r.snapshot as StoredSnapshot).context);
      const done = await db.update(cases).set({ figures }).where(and(eq(cases.id, r.id), eq(cases.version, r.version))).returning({ id: cases.id });
      if (done.length) written++;
      else skipped.add(r.id);
    }
  }
}
