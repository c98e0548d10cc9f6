/** Races that only a real PostgreSQL server can show; skipped on the embedded PGlite run. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, lte } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/client.js';
import { caseEvents, timers } from '../../src/db/schema.js';
import { createScheduler } from '../../src/engine/scheduler.js';
import { AppError } from '../../src/errors.js';
import { onPostgres } from '../support/database.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';

describe.skipIf(!onPostgres())('concurrency on PostgreSQL', () => {
  let w: World;
  let second: Database;
  beforeAll(async () => {
    w = await makeWorld('2026-09-01T09:00:00+09:00', { poolSize: 25 });
    second = await openDatabase({ url: w.database.url!, poolSize: 10 });
  });
  afterAll(async () => {
    await second.close();
    await w.database.close();
  });

  it('20 concurrent sends of the same event: exactly one applied, the rest 409, one history row', async () => {
    const c = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => w.engine.applyEvent(w.users.school.principal, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const statuses = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as AppError).status] : []));
    expect(ok).toHaveLength(1);
    expect(statuses).toEqual(Array(19).fill(409));
    const [rows] = await w.db
      .select({ n: count() })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, 'QUESTIONS_FILED')));
    expect(rows!.n).toBe(1);
  });

  it('20 concurrent sends with the same If-Match: one wins, the rest are stale', async () => {
    const c = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        w.engine.applyEvent(w.users.school.principal, c.id, { type: 'EXAM_DATE_CHANGED', data: { examDate: `2027-02-${String(i + 1).padStart(2, '0')}`, reason: '変更' } }, { ifMatch: 1 }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => ((r as PromiseRejectedResult).reason as AppError).code)).toEqual(Array(19).fill('stale_version'));
    const h = await w.engine.history(w.users.hq.principal, c.id);
    expect(h.map((r) => r.seq)).toEqual([1, 2]);
  });

  it('two schedulers over 1,000 due timers handle each exactly once', async () => {
    w.clock.set('2026-09-01T09:00:00+09:00');
    const ids: string[] = [];
    // Each case arms 5 question-filing timers (3 reminders, due, overdue).
    for (let i = 0; i < 200; i++) ids.push((await w.engine.createCase(w.users.hq.principal, 'skill-check', pay.skillCheckInput({ schoolOrgId: w.orgs.farSchool.id }))).id);
    w.clock.set('2026-10-09T09:00:00+09:00');
    const pending = await w.db.select({ n: count() }).from(timers).where(and(eq(timers.status, 'pending'), lte(timers.fireAt, w.clock.now())));
    expect(pending[0]!.n).toBeGreaterThanOrEqual(1000);

    const a = createScheduler({ db: w.db, clock: w.clock, registry: w.registry, batchSize: 50, concurrency: 4 });
    const b = createScheduler({ db: second.db, clock: w.clock, registry: w.registry, batchSize: 50, concurrency: 4 });
    const [firedA, firedB] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(firedA).toBeGreaterThan(0);
    expect(firedB).toBeGreaterThan(0);

    // Every due timer was handled exactly once: fired, or (a reminder whose moment passed) skipped.
    const left = await w.db.select({ n: count() }).from(timers).where(and(eq(timers.status, 'pending'), lte(timers.fireAt, w.clock.now())));
    expect(left[0]!.n).toBe(0);
    const handled = await w.db.select({ status: timers.status, n: count() }).from(timers).where(lte(timers.fireAt, w.clock.now())).groupBy(timers.status);
    const n = (status: string) => handled.find((h) => h.status === status)?.n ?? 0;
    expect(n('fired')).toBe(firedA + firedB);
    expect(n('fired') + n('skipped')).toBeGreaterThanOrEqual(pending[0]!.n);
    const deadlines = await w.db.select({ n: count() }).from(caseEvents).where(eq(caseEvents.type, 'DEADLINE'));
    expect(deadlines[0]!.n).toBe(firedA + firedB);
    // No timer was delivered twice: each case got its due and missed notices once (the stale reminders skipped),
    // with gap-free history.
    for (const id of ids.slice(0, 20)) {
      const h = await w.engine.history(w.users.hq.principal, id);
      expect(h.filter((r) => r.type === 'DEADLINE').map((r) => (r.payload as { kind: string }).kind)).toEqual(['due', 'overdue']);
      expect(h.map((r) => r.seq)).toEqual([1, 2, 3]);
    }
  });
});
