/**
 * Delivers due deadline timers to their cases as DEADLINE events. Any number of schedulers may run against
 * one database: a batch is claimed with FOR UPDATE SKIP LOCKED and a lease, and each timer is fired in the
 * same transaction that re-checks it is still pending under the case lock, so it fires once.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Registry } from '../../definitions/registry.js';
import { DEADLINE_EVENT, type DeadlineEventData, type EngineEvent, type Party } from '../../definitions/types.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { claimLeased, type LeasedTable } from '../db/lease.js';
import { outbox, timers } from '../db/schema.js';
import { MESSAGE_ID_DOMAIN } from '../db/message-id.js';
import { createLoop } from '../loop.js';
import { lockCase } from './engine.js';
import { loadSettings } from './settings.js';
import { restore, stateKey, stateLabel, type StoredSnapshot } from './snapshot.js';
import { catchUpNotices, type SkippedReminder } from './catch-up.js';
import { reminderIsStale } from './deadline-plan.js';
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
  /** Failed firings of a timer (each claim counts) before it becomes an incident: status 'failed' with its last error. */
  maxAttempts?: number;
  onError?: (err: unknown, caseId: string) => void;
}

const describeError = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return `${e?.code ? `${e.code}: ` : ''}${e?.message ?? String(err)}`.slice(0, 1000);
};

export function createScheduler(deps: SchedulerDeps) {
  const { db, clock, registry } = deps;
  const leaseMs = deps.leaseMs ?? 60_000;
  const batchSize = deps.batchSize ?? 100;
  const concurrency = deps.concurrency ?? 4;
  const maxAttempts = deps.maxAttempts ?? 5;
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
      const skipped: SkippedReminder[] = [];
      for (const timer of due) {
        if (!stateAccepts(current.snapshot, DEADLINE_EVENT)) {
          await tx.update(timers).set({ status: 'cancelled' }).where(eq(timers.id, timer.id));
          continue;
        }
        // An earlier step in this loop may have cancelled it (the state changed on a deadline).
        const [still] = await tx.select({ status: timers.status }).from(timers).where(eq(timers.id, timer.id));
        if (still?.status !== 'pending') continue;
        // Its moment passed while no scheduler ran: not mailed as "あと-29日", listed in one catch-up message below.
        if (reminderIsStale(timer, now)) {
          await tx.update(timers).set({ status: 'skipped', firedAt: now }).where(eq(timers.id, timer.id));
          skipped.push(timer);
          continue;
        }
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
        const { version, title } = await persistStep(tx, {
          definition,
          row: current.row,
          prev: { state: current.row.state, version: current.row.version },
          next,
          event,
          // Each step's messages are queued 1 ms after the previous step's and none later than `now` (the
          // catch-up first), so the dispatcher, which claims oldest first and sends one case's rows in turn,
          // sends them in the order they happened.
          now: new Date(now.getTime() - (due.length - fired)),
          hqOrgId,
        });
        current = { row: { ...current.row, state: stateKey(next.value), version, title }, snapshot: next };
        fired++;
      }
      if (skipped.length) await writeCatchUps(tx, definition, current, skipped, now, new Date(now.getTime() - due.length - 1));
      return fired;
    });
  }

  /** One catch-up outbox row per party of the skipped reminders, for this case, in the firing transaction. */
  async function writeCatchUps(
    tx: Parameters<Parameters<Db['transaction']>[0]>[0],
    definition: NonNullable<ReturnType<Registry['get']>>,
    current: { row: Awaited<ReturnType<typeof lockCase>>; snapshot: ReturnType<typeof restore> },
    skipped: SkippedReminder[],
    now: Date,
    queuedAt: Date,
  ) {
    const { row, snapshot } = current;
    const notices = catchUpNotices(
      definition,
      { id: row.id, title: row.title, state: row.state, stateLabel: stateLabel(snapshot), context: snapshot.context },
      skipped,
      now.toISOString(),
    );
    const orgOf: Record<Party, string | null> = { school: row.schoolOrgId, center: row.centerOrgId, hq: await hqOrgId(tx) };
    const rows = notices.flatMap((n) => {
      const orgId = orgOf[n.to];
      if (!orgId) return [];
      const id = randomUUID();
      return [{ id, caseId: row.id, recipientOrgId: orgId, recipientParty: n.to, template: n.template, payload: n.payload, status: 'pending' as const, nextAttemptAt: queuedAt, messageId: `<${id}@${MESSAGE_ID_DOMAIN}>` }];
    });
    if (rows.length) await tx.insert(outbox).values(rows);
  }

  /**
   * After a failed firing (the case's transaction rolled back): its due timers keep the error, and those claimed
   * maxAttempts times become incidents (status 'failed'), out of the retry loop until an officer retries them.
   */
  async function recordFailure(caseId: string, err: unknown) {
    const now = clock.now();
    const lastError = describeError(err);
    const dueOfCase = and(eq(timers.caseId, caseId), eq(timers.status, 'pending'), lte(timers.fireAt, now));
    await db.transaction(async (tx) => {
      await tx.update(timers).set({ lastError }).where(dueOfCase);
      await tx
        .update(timers)
        .set({ status: 'failed', failedAt: now, lockedUntil: null })
        .where(and(dueOfCase, gte(timers.attempts, maxAttempts)));
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
              // The lease runs out and another pass retries it, up to maxAttempts claims; then it is an incident.
              deps.onError?.(err, caseId);
              await recordFailure(caseId, err).catch((e: unknown) => deps.onError?.(e, caseId));
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
