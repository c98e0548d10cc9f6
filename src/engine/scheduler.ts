/**
 * Delivers due deadline timers to their cases as DEADLINE events. Any number of schedulers may run against
 * one database: a batch is claimed with FOR UPDATE SKIP LOCKED and a lease, and each timer is fired in the
 * same transaction that re-checks it is still pending under the case lock, so it fires once.
 */
import { and, asc, eq, lte } from 'drizzle-orm';
import type { Registry } from '../../definitions/registry.js';
import { DEADLINE_EVENT, type DeadlineEventData, type EngineEvent } from '../../definitions/types.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { claimLeased, type LeasedTable } from '../db/lease.js';
import { timers } from '../db/schema.js';
import { createLoop } from '../loop.js';
import { lockCase } from './engine.js';
import { loadSettings } from './settings.js';
import { restore, stateKey, type StoredSnapshot } from './snapshot.js';
import { stateAccepts } from './candidates.js';
import { computeNext, hqOrgLookup, persistStep } from './step.js';

export interface SchedulerDeps {
  db: Db;
  clock: Clock;
  registry: Registry;
  /** How long a claimed batch is reserved before another scheduler may take it over. */
  leaseMs?: number;
  batchSize?: number;
  /** Timers fired at once within a batch (each in its own transaction). */
  concurrency?: number;
  onError?: (err: unknown, caseId: string) => void;
}

export function createScheduler(deps: SchedulerDeps) {
  const { db, clock, registry } = deps;
  const leaseMs = deps.leaseMs ?? 60_000;
  const batchSize = deps.batchSize ?? 100;
  const concurrency = deps.concurrency ?? 4;
  const hqOrgId = hqOrgLookup();

  /** Claims a batch of due timers; returns the cases they belong to. */
  async function claim(): Promise<{ cases: string[]; claimed: number }> {
    const claimed = await claimLeased(db, LEASED_TIMERS, { now: clock.now(), leaseMs, batchSize }, { caseId: timers.caseId });
    return { cases: [...new Set(claimed.map((c) => c.caseId))], claimed: claimed.length };
  }

  /**
   * Fires every due timer of one case, oldest first, under the case lock: a case that fell behind hears
   * its reminder before its due notice even when two schedulers claimed its timers. A timer another
   * scheduler already fired is no longer pending here, so each fires once.
   */
  async function fireCase(caseId: string): Promise<number> {
    return db.transaction(async (tx) => {
      const row = await lockCase(tx, caseId);
      const now = clock.now();
      const due = await tx
        .select()
        .from(timers)
        .where(and(eq(timers.caseId, caseId), eq(timers.status, 'pending'), lte(timers.fireAt, now)))
        .orderBy(asc(timers.fireAt))
        .for('update');
      if (due.length === 0) return 0;
      const definition = registry.get(row.procedure, row.definitionVersion);
      if (!definition) throw new Error(`definition ${row.procedure}@${row.definitionVersion} is not registered`);
      const settings = await loadSettings(tx, definition, row.fiscalYear);
      let current = { row, snapshot: restore(definition.machine, row.snapshot as StoredSnapshot) };
      let fired = 0;
      for (const timer of due) {
        if (!stateAccepts(current.snapshot, DEADLINE_EVENT)) {
          await tx.update(timers).set({ status: 'cancelled' }).where(eq(timers.id, timer.id));
          continue;
        }
        // An earlier step in this loop may have cancelled it (the state changed on a deadline).
        const [still] = await tx.select({ status: timers.status }).from(timers).where(eq(timers.id, timer.id));
        if (still?.status !== 'pending') continue;
        const data: DeadlineEventData = { deadline: timer.deadline, kind: timer.kind, nominal: timer.nominal, effective: timer.effective };
        const event: EngineEvent = {
          type: DEADLINE_EVENT,
          data,
          at: now.toISOString(),
          actor: { kind: 'scheduler', userId: null, role: 'system', orgId: null },
          ...settings,
        };
        // Marked fired before the step so the step's timer sync sees it and does not arm it again.
        await tx.update(timers).set({ status: 'fired', firedAt: now }).where(eq(timers.id, timer.id));
        const next = computeNext(definition, current.snapshot, event);
        const { version } = await persistStep(tx, {
          definition,
          row: current.row,
          prev: { state: current.row.state, version: current.row.version },
          next,
          event,
          now,
          hqOrgId,
        });
        current = { row: { ...current.row, state: stateKey(next.value), version }, snapshot: next };
        fired++;
      }
      return fired;
    });
  }

  /** Claims and fires what is due now; returns how many timers fired. */
  async function runOnce(): Promise<number> {
    let fired = 0;
    for (;;) {
      const { cases: queue, claimed } = await claim();
      if (claimed === 0) return fired;
      await Promise.all(
        Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
          for (let caseId = queue.shift(); caseId; caseId = queue.shift()) {
            try {
              // Awaited first: `fired += await ...` would read `fired` before the await and lose counts.
              const n = await fireCase(caseId);
              fired += n;
            } catch (err) {
              // The lease runs out and another pass retries it.
              deps.onError?.(err, caseId);
            }
          }
        }),
      );
      if (claimed < batchSize) return fired;
    }
  }

  const loop = createLoop(
    async () => {
      await runOnce();
    },
    (err) => deps.onError?.(err, '-'),
  );
  return { runOnce, fireCase, start: loop.start, stop: loop.stop };
}

const LEASED_TIMERS: LeasedTable = {
  table: timers,
  id: timers.id,
  status: timers.status,
  due: timers.fireAt,
  lockedUntil: timers.lockedUntil,
  attempts: timers.attempts,
  order: [timers.fireAt],
};
