/**
 * Delivers due deadline timers to their cases as DEADLINE events. Any number of schedulers may run against
 * one database: a batch is claimed with FOR UPDATE SKIP LOCKED and a lease, and each timer is fired in the
 * same transaction that re-checks it is still pending under the case lock, so it fires once.
 */
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Registry } from '../../definitions/registry.js';
import { DEADLINE_EVENT, type DeadlineEventData, type EngineEvent } from '../../definitions/types.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { timers } from '../db/schema.js';
import { lockCase } from './engine.js';
import { loadSettings } from './settings.js';
import { restore, type StoredSnapshot } from './snapshot.js';
import { computeNext, persistStep, stateAccepts } from './step.js';

export interface SchedulerDeps {
  db: Db;
  clock: Clock;
  registry: Registry;
  /** How long a claimed batch is reserved before another scheduler may take it over. */
  leaseMs?: number;
  batchSize?: number;
  /** Timers fired at once within a batch (each in its own transaction). */
  concurrency?: number;
  onError?: (err: unknown, timerId: string) => void;
}

export function createScheduler(deps: SchedulerDeps) {
  const { db, clock, registry } = deps;
  const leaseMs = deps.leaseMs ?? 60_000;
  const batchSize = deps.batchSize ?? 100;
  const concurrency = deps.concurrency ?? 4;

  /** Claimed timers grouped by case, each group in firing order, so one case hears its notices in sequence. */
  async function claim(): Promise<string[][]> {
    const now = clock.now();
    const due = db
      .select({ id: timers.id })
      .from(timers)
      .where(and(eq(timers.status, 'pending'), lte(timers.fireAt, now), or(isNull(timers.lockedUntil), lt(timers.lockedUntil, now))))
      .orderBy(asc(timers.fireAt))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    const claimed = await db
      .update(timers)
      .set({ lockedUntil: new Date(now.getTime() + leaseMs), attempts: sqlIncrement() })
      .where(inArray(timers.id, due))
      .returning({ id: timers.id, caseId: timers.caseId, fireAt: timers.fireAt });
    const byCase = new Map<string, typeof claimed>();
    for (const t of claimed) byCase.set(t.caseId, [...(byCase.get(t.caseId) ?? []), t]);
    return [...byCase.values()].map((g) => g.sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime()).map((t) => t.id));
  }

  /** Fires one timer; returns false when it was no longer pending (another scheduler, or its state was left). */
  async function fire(timerId: string): Promise<boolean> {
    return db.transaction(async (tx) => {
      const [peek] = await tx.select({ caseId: timers.caseId }).from(timers).where(eq(timers.id, timerId));
      if (!peek) return false;
      // Case lock first, timer second: the same order as a user's transition, so the two never deadlock.
      const row = await lockCase(tx, peek.caseId);
      const [timer] = await tx.select().from(timers).where(and(eq(timers.id, timerId), eq(timers.status, 'pending'))).for('update');
      if (!timer) return false;
      const now = clock.now();
      const definition = registry.get(row.procedure, row.definitionVersion);
      if (!definition) throw new Error(`definition ${row.procedure}@${row.definitionVersion} is not registered`);
      const snapshot = restore(definition.machine, row.snapshot as StoredSnapshot);
      if (!stateAccepts(snapshot, DEADLINE_EVENT)) {
        await tx.update(timers).set({ status: 'cancelled' }).where(eq(timers.id, timerId));
        return false;
      }
      const data: DeadlineEventData = { deadline: timer.deadline, kind: timer.kind, nominal: timer.nominal, effective: timer.effective };
      const event: EngineEvent = {
        type: DEADLINE_EVENT,
        data,
        at: now.toISOString(),
        actor: { kind: 'scheduler', userId: null, role: 'system', orgId: null },
        ...(await loadSettings(tx, row.fiscalYear)),
      };
      // Marked fired before the step so the step's timer sync sees it and does not arm it again.
      await tx.update(timers).set({ status: 'fired', firedAt: now }).where(eq(timers.id, timerId));
      const next = computeNext(definition, snapshot, event);
      await persistStep(tx, { definition, row, prev: { state: row.state, version: row.version }, next, event, now });
      return true;
    });
  }

  /** Claims and fires what is due now; returns how many timers fired. */
  async function runOnce(): Promise<number> {
    let fired = 0;
    for (;;) {
      const groups = await claim();
      if (groups.length === 0) return fired;
      const claimedCount = groups.reduce((n, g) => n + g.length, 0);
      const queue = [...groups];
      await Promise.all(
        Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
          for (let group = queue.shift(); group; group = queue.shift()) {
            for (const id of group) {
              try {
                if (await fire(id)) fired++;
              } catch (err) {
                // The lease runs out and another pass retries it.
                deps.onError?.(err, id);
              }
            }
          }
        }),
      );
      if (claimedCount < batchSize) return fired;
    }
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  return {
    runOnce,
    fire,
    start(intervalMs: number) {
      const tick = () => {
        running = runOnce()
          .catch((err) => deps.onError?.(err, '-'))
          .finally(() => {
            running = null;
            if (timer) timer = setTimeout(tick, intervalMs);
          });
      };
      timer = setTimeout(tick, 0);
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}

const sqlIncrement = () => sql`${timers.attempts} + 1`;
