/**
 * Timer incidents: a timer whose firing failed TIMER_MAX_ATTEMPTS times is 'failed' with its last error
 * (src/engine/scheduler.ts). Admins and HQ list them and put one back in the queue once the cause is fixed.
 * A pending timer long past its moment is "stuck" (no scheduler runs, or it keeps failing): listed, not changed.
 */
import { and, asc, desc, eq, inArray, lt, ne } from 'drizzle-orm';
import type { Registry } from '../../definitions/registry.js';
import type { Db } from '../db/client.js';
import { cases, timers } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import { activeDeadlines, plannedTimers, timerKey } from './deadline-plan.js';
import { loadSettings } from './settings.js';
import { restore, type StoredSnapshot } from './snapshot.js';

export interface Incident {
  id: string;
  caseId: string;
  procedure: string | null;
  definitionVersion: number | null;
  caseTitle: string | null;
  caseState: string | null;
  deadline: string;
  kind: string;
  nominal: string;
  effective: string;
  fireAt: string;
  attempts: number;
  lastError: string | null;
  failedAt: string | null;
}

export async function listIncidents(db: Db, opts: { limit?: number; offset?: number } = {}): Promise<Incident[]> {
  const rows = await db
    .select({ timer: timers, ...caseColumns })
    .from(timers)
    .leftJoin(cases, eq(cases.id, timers.caseId))
    .where(eq(timers.status, 'failed'))
    .orderBy(desc(timers.failedAt), timers.id)
    .limit(opts.limit ?? 100)
    .offset(opts.offset ?? 0);
  return rows.map(incidentOf);
}

const caseColumns = { procedure: cases.procedure, definitionVersion: cases.definitionVersion, caseTitle: cases.title, caseState: cases.state };

type IncidentRow = { timer: typeof timers.$inferSelect; procedure: string | null; definitionVersion: number | null; caseTitle: string | null; caseState: string | null };

function incidentOf({ timer: t, ...c }: IncidentRow): Incident {
  return {
    id: t.id,
    caseId: t.caseId,
    ...c,
    deadline: t.deadline,
    kind: t.kind,
    nominal: t.nominal,
    effective: t.effective,
    fireAt: t.fireAt.toISOString(),
    attempts: t.attempts,
    lastError: t.lastError,
    failedAt: t.failedAt?.toISOString() ?? null,
  };
}

/** A pending timer this long past its moment is stuck: a running scheduler claims a due timer within seconds. */
export const STUCK_AFTER_MS = 60 * 60_000;

export interface StuckTimer extends Incident {
  /** Until when the last claim holds it (a firing in progress, or one that failed and waits for its lease to run out). */
  lockedUntil: string | null;
}

/**
 * Pending timers whose moment passed more than `olderThanMs` ago, oldest first: the scheduler is not running
 * (SCHEDULER_ENABLED=false on every node, or stopped), or the timer keeps failing and has attempts left.
 */
export async function listStuckTimers(db: Db, now: Date, opts: { olderThanMs?: number; limit?: number } = {}): Promise<StuckTimer[]> {
  const before = new Date(now.getTime() - (opts.olderThanMs ?? STUCK_AFTER_MS));
  const rows = await db
    .select({ timer: timers, ...caseColumns })
    .from(timers)
    .leftJoin(cases, eq(cases.id, timers.caseId))
    .where(and(eq(timers.status, 'pending'), lt(timers.fireAt, before)))
    .orderBy(asc(timers.fireAt), timers.id)
    .limit(opts.limit ?? 100);
  return rows.map((r) => ({ ...incidentOf(r), lockedUntil: r.timer.lockedUntil?.toISOString() ?? null }));
}

/** Why a retry cancelled a timer instead of queueing it (stable codes; `reason` keeps the API's English words). */
export type RetryCancelCode = 'armed_again' | 'case_missing' | 'deadline_left';

export const RETRY_CANCEL_JA: Record<RetryCancelCode, string> = {
  armed_again: '同じ期限のタイマーが既に設定し直されているか、通知済みのため、このタイマーは取り消しました（二重に通知しません）。',
  case_missing: '案件が見つからないため、このタイマーは取り消しました。',
  deadline_left: '案件が既に先の段階へ進み、この期限はなくなったため、このタイマーは取り消しました。',
};

export interface RetryResult {
  id: string;
  status: 'pending' | 'cancelled';
  reason?: string;
  reasonCode?: RetryCancelCode;
}

/**
 * Puts a failed timer back to pending with a fresh attempt budget (its last error is kept until it fires). A
 * timer the case no longer plans (it moved on meanwhile), or one already armed again or fired, is cancelled
 * instead, so a retry never fires a deadline twice or one the case has left.
 */
export async function retryIncident(db: Db, registry: Registry, id: string): Promise<RetryResult> {
  return db.transaction(async (tx) => {
    const [t] = await tx.select().from(timers).where(eq(timers.id, id)).for('update');
    if (!t) throw notFound('指定された期限タイマーは見つかりません', { timerId: id });
    if (t.status !== 'failed') throw conflict('not_failed', `この期限タイマーは失敗していないため、再実行できません（再実行できるのは失敗したタイマーだけです）`, { timerId: id, status: t.status });
    const cancel = async (reasonCode: RetryCancelCode, reason: string) => {
      await tx.update(timers).set({ status: 'cancelled', lastError: `${t.lastError ?? ''} (retry: ${reason})`.trim() }).where(eq(timers.id, id));
      return { id, status: 'cancelled' as const, reason, reasonCode };
    };
    const twins = await tx
      .select({ id: timers.id, deadline: timers.deadline, kind: timers.kind, effective: timers.effective, fireAt: timers.fireAt })
      .from(timers)
      .where(and(eq(timers.caseId, t.caseId), ne(timers.id, id), inArray(timers.status, ['pending', 'fired'])));
    if (twins.some((x) => timerKey(x) === timerKey(t))) return cancel('armed_again', 'the same timer was armed again or has fired');
    const [c] = await tx.select().from(cases).where(eq(cases.id, t.caseId));
    if (!c) return cancel('case_missing', 'the case does not exist');
    const definition = registry.get(c.procedure, c.definitionVersion);
    // Without its definition the plan cannot be checked: the timer goes back and fails again until that is fixed.
    if (definition) {
      const snapshot = restore(definition.machine, c.snapshot as StoredSnapshot);
      const plan = plannedTimers(activeDeadlines(definition, snapshot, await loadSettings(tx, definition, c.fiscalYear)));
      if (!plan.some((p) => timerKey(p) === timerKey(t))) return cancel('deadline_left', 'the case no longer has this deadline');
    }
    await tx.update(timers).set({ status: 'pending', attempts: 0, lockedUntil: null, failedAt: null }).where(eq(timers.id, id));
    return { id, status: 'pending' as const };
  });
}
