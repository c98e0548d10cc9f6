/**
 * The scheduler fires the due timers of many cases per transaction (groups of `groupSize`): every timer once,
 * in each case's order, and a case whose firing throws is retried alone without holding back its group.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, cases, outbox, timers } from '../../src/db/schema.js';
import { CATCH_UP_TEMPLATE } from '../../src/engine/catch-up.js';
import { createScheduler } from '../../src/engine/scheduler.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld('2026-09-01T10:00:00+09:00', { poolSize: 12 });
});
afterAll(async () => {
  await w.database.close();
});

describe('batch firing on ' + (process.env.TEST_PG_URL ? 'PostgreSQL' : 'PGlite'), () => {
  it('fires the due timers of 45 cases in groups, each once, and isolates a broken case', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 45; i++) ids.push((await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput())).id);
    // One case breaks: its definition version is not registered, so its firing throws inside a group.
    const broken = ids[17]!;
    await w.db.update(cases).set({ definitionVersion: 999 }).where(eq(cases.id, broken));
    const errors: string[] = [];
    const schedulers = [1, 2].map(() =>
      createScheduler({ db: w.db, clock: w.clock, registry: w.registry, groupSize: 8, batchSize: 30, concurrency: 2, onError: (_e, caseId) => errors.push(caseId) }),
    );
    // Every case's first two reminders of the question filing are due (2026-09-23 and 09-30, at 09:00 Tokyo): the
    // first one's moment passed while no scheduler ran, so it is skipped and listed in a catch-up message; the
    // second fires as a step.
    w.clock.set('2026-09-30T09:00:00+09:00');
    const fired = await Promise.all(schedulers.map((s) => s.runOnce()));
    expect(fired[0]! + fired[1]!).toBe(44);
    expect(new Set(errors)).toEqual(new Set([broken]));

    const good = ids.filter((id) => id !== broken);
    const deadlineRows = await w.db
      .select({ caseId: caseEvents.caseId, seq: caseEvents.seq, payload: caseEvents.payload })
      .from(caseEvents)
      .where(and(inArray(caseEvents.caseId, good), eq(caseEvents.type, 'DEADLINE')));
    expect(deadlineRows).toHaveLength(44);
    const catchUps = await w.db.select({ caseId: outbox.caseId }).from(outbox).where(and(inArray(outbox.caseId, ids), eq(outbox.template, CATCH_UP_TEMPLATE)));
    for (const id of good) {
      const mine = deadlineRows.filter((r) => r.caseId === id);
      expect(mine.map((r) => r.seq)).toEqual([2]);
      expect(mine.map((r) => (r.payload as { kind: string }).kind)).toEqual(['reminder']);
      const [row] = await w.db.select({ version: cases.version }).from(cases).where(eq(cases.id, id));
      expect(row!.version).toBe(2);
      expect(catchUps.filter((c) => c.caseId === id).length).toBeGreaterThan(0);
    }
    expect(catchUps.filter((c) => c.caseId === broken)).toEqual([]);
    const timerRows = await w.db.select({ caseId: timers.caseId, status: timers.status, fireAt: timers.fireAt, attempts: timers.attempts }).from(timers).where(inArray(timers.caseId, ids));
    const due = timerRows.filter((t) => t.fireAt <= w.clock.now());
    const goodDue = due.filter((t) => t.caseId !== broken);
    expect(goodDue.filter((t) => t.status === 'fired')).toHaveLength(44);
    expect(goodDue.filter((t) => t.status === 'skipped')).toHaveLength(44);
    expect(due.filter((t) => t.caseId === broken).every((t) => t.status === 'pending' && t.attempts >= 1)).toBe(true);

    // Nothing is left to fire for the good cases; the broken one is retried after its lease, alone.
    expect(await schedulers[0]!.runOnce()).toBe(0);
    expect(await w.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, broken), eq(caseEvents.type, 'DEADLINE')))).toEqual([]);
  });
});
