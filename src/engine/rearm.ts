/**
 * Re-arming a case's deadlines when what they are computed from changes outside the case (HQ moves a
 * fiscal-year date): the timers and the next due date follow at once, in the caller's transaction, without a
 * history row (nothing happened to the case itself).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Registry } from '../../definitions/registry.js';
import { cases } from '../db/schema.js';
import { activeDeadlines, plannedTimers } from './deadline-plan.js';
import { settingsFor } from '../../definitions/common/settings.js';
import { loadStoredSettings } from './settings.js';
import { restore, type StoredSnapshot } from './snapshot.js';
import { liveTimers, stageTimers, type Tx } from './step.js';
import { flushWrites, WriteSet } from './step-writes.js';

/** Re-computes every active case of the given procedures under its row lock; returns how many changed. */
export async function rearmCases(tx: Tx, registry: Registry, procedures: string[], now: Date): Promise<number> {
  if (!procedures.length) return 0;
  const rows = await tx
    .select()
    .from(cases)
    .where(and(inArray(cases.procedure, procedures), eq(cases.status, 'active')))
    .orderBy(cases.id)
    .for('update');
  // The settings table is read once (with the values just written), not once per case.
  const stored = await loadStoredSettings(tx);
  // The timer changes of every case, staged as a step stages them and written by one statement; not tied to
  // a case row write, since the case row stays as it is.
  const writes = new WriteSet();
  let changed = 0;
  for (const row of rows) {
    const definition = registry.get(row.procedure, row.definitionVersion);
    if (!definition) continue;
    const snapshot = restore(definition.machine, row.snapshot as StoredSnapshot);
    const settingsOf = settingsFor(definition, stored);
    const deadlines = activeDeadlines(definition, snapshot, { settings: settingsOf(row.fiscalYear), settingsOf });
    const nextDue = deadlines.map((d) => d.effective).sort()[0] ?? null;
    if (nextDue !== row.nextDue) {
      await tx.update(cases).set({ nextDue }).where(eq(cases.id, row.id));
      changed++;
    }
    stageTimers(writes, row.id, plannedTimers(deadlines), await liveTimers(tx, row.id), now, false);
  }
  await flushWrites(tx, writes);
  return changed;
}
