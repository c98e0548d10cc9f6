/**
 * Timer incidents: a timer whose firing failed TIMER_MAX_ATTEMPTS times is 'failed' with its last error
 * (src/engine/scheduler.ts). Admins and HQ list them and put one back in the queue once the cause is fixed.
 */
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
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
    .select({ timer: timers, procedure: cases.procedure, caseTitle: cases.title, caseState: cases.state })
    .from(timers)
    .leftJoin(cases, eq(cases.id, timers.caseId))
    .where(eq(timers.status, 'failed'))
    .orderBy(desc(timers.failedAt), timers.id)
    .limit(opts.limit ?? 100)
    .offset(opts.offset ?? 0);
  return rows.map(({ timer: t, ...c }) => ({
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
  }));
}

/**
 * Puts a failed timer back to pending with a fresh attempt budget (its last error is kept until it fires). A
 * timer the case no longer plans (it moved on meanwhile), or one already armed again or fired, is cancelled
 * instead, so a retry never fires a deadline twice or one the case has left.
 */
export async function retryIncident(db: Db, registry: Registry, id: string): Promise<{ id: string; status: 'pending' | 'cancelled'; reason?: string }> {
  return db.transaction(async (tx) => {
    const [t] = await tx.select().from(timers).where(eq(timers.id, id)).for('update');
    if (!t) throw notFound('指定された期限タイマーは見つかりません', { timerId: id });
    if (t.status !== 'failed') throw conflict('not_failed', `この期限タイマーは失敗していないため、再実行できません（再実行できるのは失敗したタイマーだけです）`, { timerId: id, status: t.status });
    const cancel = async (reason: string) => {
      await tx.update(timers).set({ status: 'cancelled', lastError: `${t.lastError ?? ''} (retry: ${reason})`.trim() }).where(eq(timers.id, id));
      return { id, status: 'cancelled' as const, reason };
    };
    const twins = await tx
      .select({ id: timers.id, deadline: timers.deadline, kind: timers.kind, effective: timers.effective, fireAt: timers.fireAt })
      .from(timers)
      .where(and(eq(timers.caseId, t.caseId), ne(timers.id, id), inArray(timers.status, ['pending', 'fired'])));
    if (twins.some((x) => timerKey(x) === timerKey(t))) return cancel('the same timer was armed again or has fired');
    const [c] = await tx.select().from(cases).where(eq(cases.id, t.caseId));
    if (!c) return cancel('the case does not exist');
    const definition = registry.get(c.procedure, c.definitionVersion);
    // Without its definition the plan cannot be checked: the timer goes back and fails again until that is fixed.
    if (definition) {
      const snapshot = restore(definition.machine, c.snapshot as StoredSnapshot);
      const plan = plannedTimers(activeDeadlines(definition, snapshot, await loadSettings(tx, definition, c.fiscalYear)));
      if (!plan.some((p) => timerKey(p) === timerKey(t))) return cancel('the case no longer has this deadline');
    }
    await tx.update(timers).set({ status: 'pending', attempts: 0, lockedUntil: null, failedAt: null }).where(eq(timers.id, id));
    return { id, status: 'pending' as const };
  });
}
