/** Changing a fiscal-year date re-arms every affected active case at once: next due date and timers follow. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, timers } from '../../src/db/schema.js';
import { updateSettings } from '../../src/engine/settings-update.js';
import * as pay from '../support/skill-check-payloads.js';
import { makeWorld, type World } from '../support/world.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld('2026-09-01T09:00:00+09:00');
});
afterAll(async () => {
  await w.database.close();
});

const pendingDue = async (caseId: string) =>
  (await w.db.select().from(timers).where(and(eq(timers.caseId, caseId), eq(timers.status, 'pending'), eq(timers.kind, 'due')))).map((t) => t.effective);

describe('settings changes re-arm at once', () => {
  it('moves the next due date and the timers of a case waiting on that date, in the same transaction', async () => {
    const c = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
    expect(c.nextDue).toBe('2026-10-07'); // the default question-filing date
    expect(await pendingDue(c.id)).toEqual(['2026-10-07']);

    await updateSettings(w.db, w.registry, 2026, { skillCheckQuestionFiling: '2026-10-02' }, w.users.hq.principal.userId, w.clock.now());

    const [row] = await w.db.select().from(cases).where(eq(cases.id, c.id));
    expect(row!.nextDue).toBe('2026-10-02');
    expect(await pendingDue(c.id)).toEqual(['2026-10-02']);
    expect((await w.engine.getCase(w.users.school.principal, c.id)).deadlines[0]).toMatchObject({ name: 'questionFiling', effective: '2026-10-02' });
    // Nothing happened to the case itself: no history row, same version.
    expect(row!.version).toBe(c.version);
  });

  it('a refused change (outside the fiscal year) re-arms nothing', async () => {
    const c = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
    const before = await pendingDue(c.id);
    await expect(updateSettings(w.db, w.registry, 2026, { skillCheckQuestionFiling: '2027-10-02' }, null, w.clock.now())).rejects.toMatchObject({ status: 422 });
    expect(await pendingDue(c.id)).toEqual(before);
  });
});
