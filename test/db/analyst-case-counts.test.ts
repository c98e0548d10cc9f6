/**
 * The counts migration 0011 adds (cases per state and status, active cases per due day) and the case's dimensions
 * it copies into analyst_case_ways equal a recount from the cases and the history after a mixed series of steps
 * (openings, filings, a review, guidance, a withdrawal, timers fired by the scheduler, late filings), and again
 * after analyst_rebuild(); the per-state figures agree with the history on several days; and every case list
 * (each state, each transition, under each filter) is the same whether found directly, by a walk in order of last
 * change, or by a walk that gives up and falls back.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsoDate } from '../../src/domain/dates.js';
import { selectedCases, stateFigures, wayCounts, type AnalystFilter, type CaseSelection } from '../../src/web/analyst/queries.js';
import { rowsOf } from '../../src/web/queries.js';
import * as pay from '../support/skill-check-payloads.js';
import { makeWorld, type World } from '../support/world.js';

let w: World;
const none: AnalystFilter = { fiscalYear: null, schoolId: null, centerId: null, since: null, until: null };
const fromHistory = (f: AnalystFilter): AnalystFilter => ({ ...f, since: '1900-01-01' as IsoDate });

beforeAll(async () => {
  w = await makeWorld('2026-09-01T09:00:00+09:00');
  const u = w.users;
  const open = (who = u.school.principal) => w.engine.createCase(who, 'skill-check', pay.skillCheckInput());
  const ids = [];
  for (const who of [u.school, u.school, u.neighbour, u.farSchool, u.school, u.farSchool, u.neighbour]) ids.push((await open(who.principal)).id);
  const [a, b, c, d, e, g, h] = ids as [string, string, string, string, string, string, string];
  w.clock.set('2026-09-03T11:30:00+09:00');
  await w.engine.applyEvent(u.school.principal, a, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  await w.engine.applyEvent(u.neighbour.principal, c, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  await w.engine.applyEvent(u.farSchool.principal, g, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  w.clock.set('2026-09-10T15:00:00+09:00');
  await w.engine.applyEvent(u.hq.principal, a, { type: 'REVIEW_APPROVED', data: {} });
  await w.engine.applyEvent(u.hq.principal, g, { type: 'REVIEW_GUIDANCE', data: { guidance: '配点を見直してください' } });
  await w.engine.applyEvent(u.school.principal, e, { type: 'WITHDRAWN', data: { reason: '訓練生がいなくなったため' } });
  await w.engine.applyEvent(u.farSchool.principal, d, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  // b and h miss the question filing date: their overdue timers fire (and the reminders before), then b files late.
  w.clock.set('2026-10-09T10:00:00+09:00');
  await w.scheduler.runOnce();
  w.clock.set('2026-10-12T10:00:00+09:00');
  await w.engine.applyEvent(u.school.principal, b, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  await w.engine.applyEvent(u.neighbour.principal, h, { type: 'WITHDRAWN', data: { reason: '訓練生がいなくなったため' } });
  w.clock.set('2026-10-20T10:00:00+09:00');
});
afterAll(async () => {
  await w.database.close();
});

const filters = (): [string, AnalystFilter][] => [
  ['none', none],
  ['fiscal year', { ...none, fiscalYear: 2026 }],
  ['another year', { ...none, fiscalYear: 2019 }],
  ['school', { ...none, schoolId: w.orgs.school.id }],
  ['centre', { ...none, centerId: w.orgs.center.id }],
  ['other centre', { ...none, centerId: w.orgs.otherCenter.id }],
];

/** The now and due counts (folded and not yet folded), and the same recounted from the cases. */
async function countsAndRecount() {
  const kept = rowsOf<Record<string, unknown>>(
    await w.db.execute(sql`
      select procedure, kind, fiscal_year, center_org_id, school_org_id, k1, k2, k3, sum(n)::int as n from (
        select * from analyst_counts union all select * from analyst_count_deltas
      ) x where kind in ('now', 'due') group by 1, 2, 3, 4, 5, 6, 7, 8 having sum(n) <> 0 order by 1, 2, 3, 4, 5, 6, 7, 8`),
  );
  const recount = rowsOf<Record<string, unknown>>(
    await w.db.execute(sql`
      select procedure, kind, fiscal_year, center_org_id, school_org_id, k1, k2, k3, n from (
        select procedure, 'now' as kind, fiscal_year, coalesce(center_org_id, '00000000-0000-0000-0000-000000000000') as center_org_id,
               '00000000-0000-0000-0000-000000000000'::uuid as school_org_id, state as k1, status as k2, '' as k3, count(*)::int as n
        from cases group by 1, 3, 4, 6, 7
        union all
        select procedure, 'due', fiscal_year, coalesce(center_org_id, '00000000-0000-0000-0000-000000000000'),
               '00000000-0000-0000-0000-000000000000'::uuid, to_char(next_due, 'YYYY-MM-DD'), state, '', count(*)::int
        from cases where status = 'active' and next_due is not null group by 1, 3, 4, 6, 7
      ) x order by 1, 2, 3, 4, 5, 6, 7, 8`),
  );
  return { kept, recount };
}

/** Ways whose dimensions differ from their case's, and the ways against the distinct steps of the history. */
async function waysAgainstHistory() {
  const [wrong] = rowsOf<{ n: number }>(
    await w.db.execute(sql`
      select count(*)::int as n from analyst_case_ways x join cases c on c.id = x.case_id
      where (x.procedure, x.fiscal_year, x.school_org_id, x.center_org_id) is distinct from (c.procedure, c.fiscal_year, c.school_org_id, c.center_org_id)`),
  );
  const ways = rowsOf(await w.db.execute(sql`select case_id, type, from_state, to_state from analyst_case_ways order by 1, 2, 3, 4`));
  const steps = rowsOf(await w.db.execute(sql`select distinct case_id, type, from_state, to_state from case_events where from_state is not null order by 1, 2, 3, 4`));
  return { wrong: Number(wrong!.n), ways, steps };
}

/** Every state's and every transition's cases, three ways, against the one query over the cases. */
async function everyListAgrees() {
  const selections: CaseSelection[] = [];
  const figures = await stateFigures(w.db, 'skill-check', none, '2026-10-20' as IsoDate, w.clock.now());
  for (const state of figures.keys()) selections.push({ state });
  for (const x of await wayCounts(w.db, 'skill-check', none)) {
    selections.push({ event: x.event, from: x.from, to: x.to });
    selections.push({ event: x.event, from: x.from, stays: x.from === x.to });
    selections.push({ event: x.event });
  }
  expect(selections.length).toBeGreaterThan(15);
  let compared = 0;
  for (const [label, f] of filters()) {
    for (const s of selections) {
      for (const limit of [2, 200]) {
        const want = await selectedCases(w.db, 'skill-check', fromHistory(f), s, limit);
        const ids = (x: typeof want) => ({ total: x.total, ids: x.rows.map((r) => r.id) });
        for (const bounds of [undefined, { directMax: 0, walkMax: 1000 }, { directMax: 0, walkMax: 1 }]) {
          const got = await selectedCases(w.db, 'skill-check', f, s, limit, bounds);
          expect(ids(got), `${label} ${JSON.stringify(s)} limit ${limit} ${JSON.stringify(bounds)}`).toEqual(ids(want));
          expect(got.rows, `${label} ${JSON.stringify(s)}`).toEqual(want.rows);
          compared++;
        }
      }
    }
  }
  return compared;
}

describe('analyst counts of the cases (migration 0011)', () => {
  it('equal a recount from the cases and the history after a mixed series of steps', async () => {
    const { kept, recount } = await countsAndRecount();
    expect(recount.length).toBeGreaterThan(4);
    expect(kept).toEqual(recount);
    const ways = await waysAgainstHistory();
    expect(ways.wrong).toBe(0);
    expect(ways.ways).toEqual(ways.steps);
  });

  it('give the history’s counts, overdue ones included, on days before, at and after the due dates', async () => {
    const now = w.clock.now();
    for (const today of ['2026-09-01', '2026-10-07', '2026-10-08', '2026-10-20', '2027-04-01'] as IsoDate[]) {
      for (const [label, f] of filters()) {
        const a = await stateFigures(w.db, 'skill-check', f, today, now);
        const h = await stateFigures(w.db, 'skill-check', fromHistory(f), today, now);
        const counts = (m: typeof a) => [...m].map(([k, v]) => [k, v.total, v.active, v.overdue, v.entered]).sort();
        expect(counts(a), `${label} ${today}`).toEqual(counts(h));
      }
    }
    const overdue = [...(await stateFigures(w.db, 'skill-check', none, '2026-12-01' as IsoDate, now)).values()].reduce((n, v) => n + v.overdue, 0);
    expect(overdue).toBeGreaterThan(0);
  });

  it('list the same cases directly, by a walk, and by a walk that falls back', async () => {
    expect(await everyListAgrees()).toBeGreaterThan(100);
  });

  it('are rebuilt from the cases and the history exactly as the triggers kept them', async () => {
    const before = await countsAndRecount();
    await w.db.execute(sql`select analyst_rebuild()`);
    const after = await countsAndRecount();
    expect(after.kept).toEqual(before.kept);
    expect(after.kept).toEqual(after.recount);
    const ways = await waysAgainstHistory();
    expect(ways.wrong).toBe(0);
    expect(ways.ways).toEqual(ways.steps);
    await everyListAgrees();
  });
});
