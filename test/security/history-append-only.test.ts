/** The history is evidence: the database refuses UPDATE and DELETE on case_events, and every row names who did it. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, users } from '../../src/db/schema.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';

let w: World;
let caseId: string;
beforeAll(async () => {
  w = await makeWorld();
  caseId = (await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput())).id;
  await w.engine.applyEvent(w.users.school.principal, caseId, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  await w.engine.applyEvent(w.users.hq.principal, caseId, { type: 'REVIEW_APPROVED', data: {} });
  await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
  w.clock.set('2026-10-09T09:00:00+09:00');
  expect(await w.scheduler.runOnce()).toBeGreaterThan(0); // question-filing reminders: rows written by the scheduler
});
afterAll(async () => {
  await w.database.close();
});

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    const chain = [err, (err as { cause?: unknown }).cause].map((e) => `${(e as Error)?.message ?? ''} ${(e as { code?: string })?.code ?? ''}`).join(' ');
    return chain;
  }
  return null;
};

describe('case_events is append-only at the database level', () => {
  it('refuses UPDATE, through drizzle and in raw SQL', async () => {
    expect(await failure(w.db.update(caseEvents).set({ type: 'FORGED' }).where(sql`${caseEvents.caseId} = ${caseId}`))).toMatch(/append-only|42501/);
    expect(await failure(w.db.execute(sql`update case_events set payload = '{}'::jsonb`))).toMatch(/append-only|42501/);
  });

  it('refuses DELETE', async () => {
    expect(await failure(w.db.delete(caseEvents).where(sql`${caseEvents.caseId} = ${caseId}`))).toMatch(/append-only|42501/);
    expect(await failure(w.db.execute(sql`delete from case_events`))).toMatch(/append-only|42501/);
  });

  it('refuses TRUNCATE', async () => {
    expect(await failure(w.db.execute(sql`truncate case_events`))).toMatch(/append-only|42501/);
  });

  it('kept every row after the refusals', async () => {
    const rows = await w.db.select().from(caseEvents).where(sql`${caseEvents.caseId} = ${caseId}`);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.map((r) => r.type).slice(0, 3)).toEqual(['CASE_CREATED', 'QUESTIONS_FILED', 'REVIEW_APPROVED']);
  });

  it('attributes every row to a user (id and role as registered) or to the scheduler', async () => {
    const rows = await w.db.select().from(caseEvents);
    const registered = new Map((await w.db.select().from(users)).map((u) => [u.id, u.role]));
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) {
      if (r.actorKind === 'user') {
        expect(r.actorUserId).not.toBeNull();
        expect(registered.get(r.actorUserId!)).toBe(r.actorRole);
      } else {
        expect(r).toMatchObject({ actorKind: 'scheduler', actorUserId: null, actorRole: 'system' });
      }
    }
    expect(new Set(rows.map((r) => r.actorKind))).toEqual(new Set(['user', 'scheduler']));
  });
});
