/**
 * Claiming a case: one conditional write, so of two officers claiming at once exactly one wins; a step of the
 * procedure keeps the claim; the migration adds the columns on both databases (this file runs on either).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/db/directory.js';
import { cases } from '../../src/db/schema.js';
import { AppError } from '../../src/errors.js';
import { claimCase, releaseCase } from '../../src/web/assignments.js';
import { makeWorld, type World } from '../support/world.js';
import { caseIn } from './fixtures.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld('2026-09-01T09:00:00+09:00');
});
afterAll(async () => {
  await w.database.close();
});

const holder = async (id: string) => (await w.db.select({ a: cases.assigneeUserId, at: cases.assignedAt }).from(cases).where(eq(cases.id, id)))[0]!;

describe('claimCase / releaseCase', () => {
  it('lets exactly one of two officers claiming at once win; the other gets 409 already_assigned', async () => {
    const c = await caseIn(w, 'questionReview');
    const second = await addUser(w.db, { role: 'hq', email: 'hq-b@example.test', orgId: w.orgs.hq.id }, w.clock.now());
    const other = { userId: second.id, role: 'hq' as const, orgId: w.orgs.hq.id };
    const results = await Promise.allSettled([claimCase(w.db, w.users.hq.principal, c.id, w.clock.now()), claimCase(w.db, other, c.id, w.clock.now())]);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(AppError);
    expect((failed.reason as AppError).status).toBe(409);
    expect((failed.reason as AppError).code).toBe('already_assigned');
  });

  it('keeps the claim and its time through a step of the procedure, and a release clears both', async () => {
    const c = await caseIn(w, 'questionReview');
    await claimCase(w.db, w.users.hq.principal, c.id, w.clock.now());
    const before = await holder(c.id);
    expect(before.a).toBe(w.users.hq.principal.userId);
    w.clock.set('2026-09-02T09:00:00+09:00');
    // A second claim by the holder keeps the original time.
    await claimCase(w.db, w.users.hq.principal, c.id, w.clock.now());
    expect((await holder(c.id)).at?.toISOString()).toBe(before.at?.toISOString());
    await w.engine.applyEvent(w.users.hq.principal, c.id, { type: 'REVIEW_APPROVED', data: {} });
    expect((await holder(c.id)).a).toBe(w.users.hq.principal.userId);
    await releaseCase(w.db, w.users.hq.principal, c.id);
    expect(await holder(c.id)).toEqual({ a: null, at: null });
    // Releasing what nobody holds changes nothing.
    await releaseCase(w.db, w.users.hq.principal, c.id);
  });

  it('refuses schools and analysts (403), another region (404) and finished cases (409)', async () => {
    const c = await caseIn(w, 'questionReview');
    await expect(claimCase(w.db, w.users.school.principal, c.id, w.clock.now())).rejects.toMatchObject({ status: 403 });
    await expect(claimCase(w.db, w.users.analyst.principal, c.id, w.clock.now())).rejects.toMatchObject({ status: 403 });
    await expect(claimCase(w.db, w.users.otherCenter.principal, c.id, w.clock.now())).rejects.toMatchObject({ status: 404 });
    await claimCase(w.db, w.users.center.principal, c.id, w.clock.now());
    const done = await caseIn(w, 'questionsDrafting');
    await w.engine.applyEvent(w.users.school.principal, done.id, { type: 'WITHDRAWN', data: { reason: '訓練生がいないため' } });
    await expect(claimCase(w.db, w.users.hq.principal, done.id, w.clock.now())).rejects.toMatchObject({ status: 409, code: 'case_done' });
  });
});
