/**
 * Delivers due deadline timers to their cases as DEADLINE events. Any number of schedulers may run against
 * one database: a batch is claimed with FOR UPDATE SKIP LOCKED and a lease, and its cases are fired in groups,
 * each group in one transaction that re-checks every timer is still pending under the case locks, so it fires once.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import { settingsFor, type StoredSetting } from '../../definitions/common/settings.js';
import type { Registry } from '../../definitions/registry.js';
import { DEADLINE_EVENT, type AnyProcedureDefinition, type DeadlineEventData, type EngineEvent, type Party } from '../../definitions/types.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { claimLeased, type LeasedTable } from '../db/lease.js';
import { timers } from '../db/schema.js';
import { MESSAGE_ID_DOMAIN } from '../db/message-id.js';
import { createLoop } from '../loop.js';
import { lockForFiring } from './engine.js';
import { restore, stateKey, stateLabel, type StoredSnapshot } from './snapshot.js';
import { catchUpNotices, type SkippedReminder } from './catch-up.js';
import { reminderIsStale } from './deadline-plan.js';
import { stateAccepts } from './candidates.js';
import { computeNext, hqOrgLookup, stageStep, type CaseRow, type LiveTimer } from './step.js';
import { flushWrites, WriteSet } from './step-writes.js';

const SCHEDULER_ACTOR = { kind: 'scheduler', userId: null, role: 'system', orgId: null } as const;

export interface SchedulerDeps {
  db: Db;
  clock: Clock;
  registry: Registry;
  /** How long a claimed batch is reserved before another scheduler may take it over. */
  leaseMs?: number;
  batchSize?: number;
  /** Transactions fired at once within a batch. */
  concurrency?: number;
  /** Cases fired together in one transaction (several due timers of different cases per statement). */
  groupSize?: number;
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
  const groupSize = deps.groupSize ?? 20;
  const maxAttempts = deps.maxAttempts ?? 5;
  const hqOrgId = hqOrgLookup();

  /** Claims a batch of due timers; returns the cases they belong to. */
  async function claim(): Promise<{ cases: string[]; claimed: number }> {
    const claimed = await claimLeased(db, LEASED_TIMERS, { now: clock.now(), leaseMs, batchSize }, { caseId: timers.caseId });
    return { cases: [...new Set(claimed.map((c) => c.caseId))], claimed: claimed.length };
  }

  /**
   * Fires every due timer of the given cases, each case's oldest first, under the cases' row locks, in ONE
   * transaction: the cases with their settings and live timers in one statement, their due timers in another,
   * every step staged in memory and written by one more (step-writes.ts). A case that fell behind hears its
   * reminder before its due notice even when two schedulers claimed its timers; a timer another scheduler
   * already fired is no longer pending here, so each fires once.
   */
  async function fireCases(caseIds: string[]): Promise<number> {
    return db.transaction(async (tx) => {
      const now = clock.now();
      const locked = await lockForFiring(tx, caseIds);
      const due = await tx
        .select()
        .from(timers)
        .where(and(inArray(timers.caseId, caseIds), eq(timers.status, 'pending'), lte(timers.fireAt, now)))
        .orderBy(asc(timers.caseId), asc(timers.fireAt), asc(timers.id))
        .for('update');
      if (due.length === 0) return 0;
      const dueOf = new Map<string, (typeof due)[number][]>();
      for (const t of due) dueOf.set(t.caseId, [...(dueOf.get(t.caseId) ?? []), t]);
      const writes = new WriteSet();
      const hq = await hqOrgId(tx);
      let fired = 0;
      for (const { row, stored, live } of locked) {
        const caseDue = dueOf.get(row.id);
        if (!caseDue) continue;
        const definition = registry.get(row.procedure, row.definitionVersion);
        if (!definition) throw new Error(`definition ${row.procedure}@${row.definitionVersion} is not registered`);
        fired += stageFirings(writes, { definition, row, stored, live, due: caseDue, now, hq });
      }
      const written = await flushWrites(tx, writes);
      for (const id of writes.caseIds()) if (!written.has(id)) throw new Error(`case ${id} changed under its row lock`);
      return fired;
    });
  }

  /** Stages one locked case's due timers: DEADLINE steps, skipped reminders, timers its state no longer takes. */
  function stageFirings(
    writes: WriteSet,
    args: { definition: AnyProcedureDefinition; row: CaseRow; stored: StoredSetting[]; live: LiveTimer[]; due: (typeof timers.$inferSelect)[]; now: Date; hq: string | null },
  ): number {
    const { definition, row, live, due, now } = args;
    const settingsOf = settingsFor(definition, args.stored);
    const settings = { settings: settingsOf(row.fiscalYear), settingsOf };
    let current = { row, snapshot: restore(definition.machine, row.snapshot as StoredSnapshot) };
    let fired = 0;
    const skipped: SkippedReminder[] = [];
    for (const timer of due) {
      // An earlier step of this case may have cancelled it (the state changed on a deadline).
      if (!live.some((t) => t.id === timer.id && t.status === 'pending')) continue;
      if (!stateAccepts(current.snapshot, DEADLINE_EVENT)) {
        writes.mark({ id: timer.id, caseId: row.id, status: 'cancelled', firedAt: null, withStep: false });
        continue;
      }
      // Its moment passed while no scheduler ran: not mailed as "あと-29日", listed in one catch-up message below.
      if (reminderIsStale(timer, now)) {
        writes.mark({ id: timer.id, caseId: row.id, status: 'skipped', firedAt: now, withStep: false });
        live.splice(live.findIndex((t) => t.id === timer.id), 1);
        skipped.push(timer);
        continue;
      }
      const data: DeadlineEventData = { deadline: timer.deadline, kind: timer.kind, nominal: timer.nominal, effective: timer.effective };
      const event: EngineEvent = { type: DEADLINE_EVENT, data, at: now.toISOString(), actor: SCHEDULER_ACTOR, ...settings };
      // Marked fired before the step so the step's timer sync sees it and does not arm it again.
      writes.mark({ id: timer.id, caseId: row.id, status: 'fired', firedAt: now, withStep: true });
      live.find((t) => t.id === timer.id)!.status = 'fired';
      const next = computeNext(definition, current.snapshot, event);
      const { version, title } = stageStep(writes, {
        definition,
        row: current.row,
        prev: { state: current.row.state, version: current.row.version },
        next,
        event,
        // Each step's messages are queued 1 ms after the previous step's and none later than `now` (the
        // catch-up first), so the dispatcher, which claims oldest first and sends one case's rows in turn,
        // sends them in the order they happened.
        now: new Date(now.getTime() - (due.length - fired)),
        live,
        hqOrgId: args.hq,
      });
      current = { row: { ...current.row, state: stateKey(next.value), version, title }, snapshot: next };
      fired++;
    }
    if (skipped.length) stageCatchUps(writes, definition, current, skipped, now, new Date(now.getTime() - due.length - 1), args.hq);
    return fired;
  }

  /** One catch-up outbox row per party of the skipped reminders, for this case, in the firing transaction. */
  function stageCatchUps(
    writes: WriteSet,
    definition: AnyProcedureDefinition,
    current: { row: CaseRow; snapshot: ReturnType<typeof restore> },
    skipped: SkippedReminder[],
    now: Date,
    queuedAt: Date,
    hq: string | null,
  ) {
    const { row, snapshot } = current;
    const notices = catchUpNotices(
      definition,
      { id: row.id, title: row.title, state: row.state, stateLabel: stateLabel(snapshot), context: snapshot.context },
      skipped,
      now.toISOString(),
    );
    const orgOf: Record<Party, string | null> = { school: row.schoolOrgId, center: row.centerOrgId, hq };
    for (const n of notices) {
      const orgId = orgOf[n.to];
      if (!orgId) continue;
      const id = randomUUID();
      writes.outbox.push({ id, caseId: row.id, recipientOrgId: orgId, recipientParty: n.to, template: n.template, payload: n.payload, nextAttemptAt: queuedAt, messageId: `<${id}@${MESSAGE_ID_DOMAIN}>`, withStep: false });
    }
  }

  const fireCase = (caseId: string) => fireCases([caseId]);

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

  /** A failed firing of one case: its due timers keep the error (or become incidents). */
  async function fail(caseId: string, err: unknown) {
    deps.onError?.(err, caseId);
    await recordFailure(caseId, err).catch((e: unknown) => deps.onError?.(e, caseId));
  }

  /**
   * Fires a group of cases in one transaction; when the group fails, each case again on its own, so one case
   * whose step throws does not hold back the others (the lease runs out and another pass retries it, up to
   * maxAttempts claims; then it is an incident).
   */
  async function fireGroup(group: string[]): Promise<number> {
    try {
      return await fireCases(group);
    } catch (err) {
      if (group.length === 1) {
        await fail(group[0]!, err);
        return 0;
      }
      let fired = 0;
      for (const caseId of group) {
        try {
          const n = await fireCase(caseId);
          fired += n;
        } catch (e) {
          await fail(caseId, e);
        }
      }
      return fired;
    }
  }

  /** Claims and fires what is due now; returns how many timers fired. */
  async function runOnce(): Promise<number> {
    let fired = 0;
    for (;;) {
      const { cases: claimedCases, claimed } = await claim();
      if (claimed === 0) return fired;
      const groups: string[][] = [];
      for (let i = 0; i < claimedCases.length; i += groupSize) groups.push(claimedCases.slice(i, i + groupSize));
      await Promise.all(
        Array.from({ length: Math.min(concurrency, groups.length) }, async () => {
          for (let group = groups.shift(); group; group = groups.shift()) {
            // Awaited first: `fired += await ...` would read `fired` before the await and lose counts.
            const n = await fireGroup(group);
            fired += n;
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
