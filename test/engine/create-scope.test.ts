/** Opening a case: whoever opens it must be able to see it (a centre only for its region's schools); its title follows it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { cases } from '../../src/db/schema.js';
import { AppError } from '../../src/errors.js';
import { makeWorld, type World } from '../support/world.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld('2026-09-01T10:00:00+09:00');
});
afterAll(async () => {
  await w.database.close();
});

describe('opening a case for a school', () => {
  it('a centre outside the school’s region is refused (403) and nothing is written; its own region and HQ are not', async () => {
    const input = (schoolOrgId: string) => ({ kind: 'trainingAffairs', plannedOn: '2026-09-15', schoolOrgId });
    const before = (await w.db.select({ n: count() }).from(cases))[0]!.n;
    const refused = await w.engine.createCase(w.users.center.principal, 'supervision', input(w.orgs.farSchool.id)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 403, code: 'forbidden' });
    expect((refused as AppError).message).toMatch(/他の組織/);
    expect((await w.db.select({ n: count() }).from(cases))[0]!.n).toBe(before);
    const own = await w.engine.createCase(w.users.center.principal, 'supervision', input(w.orgs.school.id));
    const byHq = await w.engine.createCase(w.users.hq.principal, 'supervision', input(w.orgs.farSchool.id));
    expect(await w.engine.getCase(w.users.center.principal, own.id)).toMatchObject({ id: own.id });
    expect((await w.db.select().from(cases).where(eq(cases.id, byHq.id)))[0]!.centerOrgId).toBe(w.orgs.otherCenter.id);
  });

  it('a case title that names a date follows the case when the date moves', async () => {
    const c = await w.engine.createCase(w.users.center.principal, 'supervision', { kind: 'trainingAffairs', plannedOn: '2026-09-15', schoolOrgId: w.orgs.school.id });
    expect(c.title).toContain('2026-09-15');
    const moved = await w.engine.applyEvent(w.users.center.principal, c.id, { type: 'VISIT_RESCHEDULED', data: { plannedOn: '2026-09-29', reason: '訓練校の行事と重なるため' } });
    expect(moved.title).toContain('2026-09-29');
    expect((await w.db.select().from(cases).where(eq(cases.id, c.id)))[0]!.title).toContain('2026-09-29');
  });
});
