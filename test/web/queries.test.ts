import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxQuery, dashboardQuery } from '../../src/web/queries.js';
import { makeWorld, type World } from '../support/world.js';
import { caseIn } from './fixtures.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld('2026-09-01T09:00:00+09:00');
  for (let i = 0; i < 5; i++) await caseIn(w, 'questionReview', i % 2 ? w.users.neighbour.principal : w.users.school.principal);
  // A later exam date gives a later implementation-notice due date.
  await caseIn(w, 'preparing', w.users.school.principal, { plannedExamDate: '2027-03-10' });
  await caseIn(w, 'preparing', w.users.farSchool.principal);
});
afterAll(async () => {
  await w.database.close();
});

describe('inboxQuery', () => {
  it('pages through the cases waiting on HQ in due-date then id order, each once', async () => {
    const seen: string[] = [];
    let page = 1;
    for (;;) {
      const r = await inboxQuery(w.db, w.users.hq.principal, { page, pageSize: 2 });
      seen.push(...r.rows.map((x) => x.id));
      expect(r.rows.every((x) => x.waitingOn === 'hq')).toBe(true);
      if (!r.hasNext) break;
      page += 1;
    }
    expect(seen.length).toBe(5);
    expect(new Set(seen).size).toBe(5);
    expect(page).toBe(3);
  });

  it('scopes a centre to its region and to what waits on the centre', async () => {
    expect((await inboxQuery(w.db, w.users.center.principal, {})).rows).toEqual([]);
    const region = await inboxQuery(w.db, w.users.center.principal, { scope: 'region' });
    expect(region.rows.length).toBe(6);
    expect(region.rows.map((r) => r.nextDue)).toEqual([...region.rows.map((r) => r.nextDue)].sort());
    expect((await inboxQuery(w.db, w.users.otherCenter.principal, { scope: 'region' })).rows.length).toBe(1);
  });

  it('refuses schools and analysts', async () => {
    await expect(inboxQuery(w.db, w.users.school.principal, {})).rejects.toThrow();
    await expect(inboxQuery(w.db, w.users.analyst.principal, {})).rejects.toThrow();
  });
});

describe('dashboardQuery', () => {
  it('returns the school\'s own active cases, soonest due first', async () => {
    const { active } = await dashboardQuery(w.db, w.users.school.principal, '2026-09-01');
    expect(active.length).toBe(4);
    expect(active.every((c) => c.schoolOrgId === w.orgs.school.id)).toBe(true);
    expect(active.at(-1)!.nextDue).toBe('2027-02-10');
  });
});
