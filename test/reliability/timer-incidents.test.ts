/**
 * A timer whose firing keeps failing becomes an incident after maxAttempts claims (status failed, last error),
 * is listed for admins and HQ at GET /api/incidents, and is put back in the queue by POST /api/incidents/:id/retry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { cases, timers } from '../../src/db/schema.js';
import { createScheduler } from '../../src/engine/scheduler.js';
import { makeWorld, type World } from '../support/world.js';
import { appFor, client } from '../support/http.js';
import * as pay from '../support/skill-check-payloads.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld('2026-09-01T10:00:00+09:00');
});
afterAll(async () => {
  await w.database.close();
});

describe('timer incidents on ' + (process.env.TEST_PG_URL ? 'PostgreSQL' : 'PGlite'), () => {
  it('fails after N attempts with its error, is listed for admins only, and fires once after a retry', async () => {
    const c = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
    // Break the case: its definition version is not registered, so every firing throws.
    const [{ definitionVersion }] = await w.db.select({ definitionVersion: cases.definitionVersion }).from(cases).where(eq(cases.id, c.id)) as [{ definitionVersion: number }];
    await w.db.update(cases).set({ definitionVersion: 999 }).where(eq(cases.id, c.id));
    const errors: unknown[] = [];
    const scheduler = createScheduler({ db: w.db, clock: w.clock, registry: w.registry, maxAttempts: 3, leaseMs: 60_000, onError: (e) => errors.push(e) });
    w.clock.set('2026-09-23T09:00:00+09:00'); // the first reminder is due
    const firstReminder = and(eq(timers.caseId, c.id), eq(timers.kind, 'reminder'), eq(timers.fireAt, w.clock.now()));
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await scheduler.runOnce()).toBe(0);
      const [t] = await w.db.select().from(timers).where(firstReminder);
      expect(t).toMatchObject({ attempts: attempt, status: attempt < 3 ? 'pending' : 'failed' });
      expect(t!.lastError).toMatch(/skill-check@999 is not registered/);
      w.clock.advance(61_000); // the lease runs out
    }
    expect(errors).toHaveLength(3);
    // An incident is out of the retry loop.
    expect(await scheduler.runOnce()).toBe(0);
    expect(errors).toHaveLength(3);

    const api = client(appFor(w));
    const listed = await api.get('/api/incidents', w.users.admin.token);
    expect(listed.status).toBe(200);
    expect(listed.body.incidents).toEqual([
      expect.objectContaining({ caseId: c.id, procedure: 'skill-check', deadline: 'questionFiling', kind: 'reminder', attempts: 3, lastError: expect.stringMatching(/not registered/) }),
    ]);
    const id = listed.body.incidents[0].id as string;
    expect((await api.get('/api/incidents', w.users.hq.token)).status).toBe(200);
    for (const who of ['school', 'center', 'analyst'] as const) {
      expect((await api.get('/api/incidents', w.users[who].token)).status).toBe(403);
      expect((await api.post(`/api/incidents/${id}/retry`, w.users[who].token, {})).status).toBe(403);
    }
    expect((await api.post('/api/incidents/not-a-uuid/retry', w.users.admin.token, {})).status).toBe(400);
    expect((await api.post('/api/incidents/00000000-0000-4000-8000-000000000000/retry', w.users.admin.token, {})).status).toBe(404);

    // The cause is fixed, an officer retries: the reminder fires once, on its day.
    await w.db.update(cases).set({ definitionVersion }).where(eq(cases.id, c.id));
    const retried = await api.post(`/api/incidents/${id}/retry`, w.users.admin.token, {});
    expect(retried).toMatchObject({ status: 200, body: { id, status: 'pending' } });
    expect((await api.post(`/api/incidents/${id}/retry`, w.users.admin.token, {})).status).toBe(409);
    expect(await scheduler.runOnce()).toBe(1);
    const [t] = await w.db.select().from(timers).where(eq(timers.id, id));
    expect(t).toMatchObject({ status: 'fired', attempts: 1 });
    const history = await w.engine.history(w.users.school.principal, c.id);
    expect(history.filter((h) => h.type === 'DEADLINE')).toHaveLength(1);
    expect((await api.get('/api/incidents', w.users.admin.token)).body.incidents).toEqual([]);
  });

  it('a retry of an incident the case has moved past cancels it instead of firing it', async () => {
    w.clock.set('2026-09-01T10:00:00+09:00');
    const c = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
    const [reminder] = await w.db.select().from(timers).where(and(eq(timers.caseId, c.id), eq(timers.kind, 'reminder')));
    await w.db.update(timers).set({ status: 'failed', lastError: 'boom', failedAt: w.clock.now() }).where(eq(timers.id, reminder!.id));
    w.clock.set('2026-10-01T10:00:00+09:00');
    await w.engine.applyEvent(w.users.school.principal, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
    const api = client(appFor(w));
    const retried = await api.post(`/api/incidents/${reminder!.id}/retry`, w.users.hq.token, {});
    expect(retried).toMatchObject({ status: 200, body: { status: 'cancelled', reason: 'the case no longer has this deadline' } });
    const [t] = await w.db.select().from(timers).where(eq(timers.id, reminder!.id));
    expect(t!.status).toBe('cancelled');
  });
});
