/**
 * The analyst aggregates (migration 0010) kept by the triggers while the engine steps, fires timers and records
 * late filings: every figure the analyst pages read from them equals the same figure computed from the history,
 * under each filter; and analyst_rebuild() (the backfill) recomputes exactly what the triggers kept.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsoDate } from '../../src/domain/dates.js';
import { casePaths, latenessByDeadline, stateFigures, wayCounts, type AnalystFilter } from '../../src/web/analyst/queries.js';
import { rowsOf } from '../../src/web/queries.js';
import * as pay from '../support/skill-check-payloads.js';
import { makeWorld, type World } from '../support/world.js';

let w: World;
const none: AnalystFilter = { fiscalYear: null, schoolId: null, centerId: null, since: null, until: null };
/** A date range sends every query to the history itself. */
const fromHistory = (f: AnalystFilter): AnalystFilter => ({ ...f, since: '1900-01-01' as IsoDate });

beforeAll(async () => {
  w = await makeWorld('2026-09-01T09:00:00+09:00');
  const school = w.users.school.principal;
  const open = (who = school) => w.engine.createCase(who, 'skill-check', pay.skillCheckInput());
  const a = await open();
  const b = await open();
  const c = await open(w.users.neighbour.principal);
  const d = await open(w.users.farSchool.principal);
  const e = await open();
  w.clock.set('2026-09-03T11:30:00+09:00');
  await w.engine.applyEvent(school, a.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  await w.engine.applyEvent(w.users.neighbour.principal, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  w.clock.set('2026-09-10T15:00:00+09:00');
  await w.engine.applyEvent(w.users.hq.principal, a.id, { type: 'REVIEW_APPROVED', data: {} });
  await w.engine.applyEvent(school, e.id, { type: 'WITHDRAWN', data: { reason: '訓練生がいなくなったため' } });
  await w.engine.applyEvent(w.users.farSchool.principal, d.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  // b misses the question filing date: the overdue timer fires, then it files late.
  w.clock.set('2026-10-09T10:00:00+09:00');
  await w.scheduler.runOnce();
  w.clock.set('2026-10-12T10:00:00+09:00');
  await w.engine.applyEvent(school, b.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  w.clock.set('2026-10-20T10:00:00+09:00');
});
afterAll(async () => {
  await w.database.close();
});

describe('analyst aggregates', () => {
  const filters = (): [string, AnalystFilter][] => [
    ['none', none],
    ['fiscal year', { ...none, fiscalYear: 2026 }],
    ['another year', { ...none, fiscalYear: 2019 }],
    ['school', { ...none, schoolId: w.orgs.school.id }],
    ['centre', { ...none, centerId: w.orgs.center.id }],
    ['other centre', { ...none, centerId: w.orgs.otherCenter.id }],
  ];

  it('answer every figure as the history does, under each filter', async () => {
    const now = w.clock.now();
    const today = '2026-10-20' as IsoDate;
    for (const [label, f] of filters()) {
      const [a, h] = [await stateFigures(w.db, 'skill-check', f, today, now), await stateFigures(w.db, 'skill-check', fromHistory(f), today, now)];
      expect([...a.keys()].sort(), label).toEqual([...h.keys()].sort());
      for (const [state, v] of h) {
        const x = a.get(state)!;
        expect({ ...x, median: null, p90: null }, `${label} ${state}`).toEqual({ ...v, median: null, p90: null });
        expect(x.median, `${label} ${state} median`).toBeCloseTo(v.median!, 9);
        expect(x.p90, `${label} ${state} p90`).toBeCloseTo(v.p90!, 9);
      }
      const sortWays = (ws: Awaited<ReturnType<typeof wayCounts>>) => [...ws].sort((p, q) => JSON.stringify(p).localeCompare(JSON.stringify(q)));
      expect(sortWays(await wayCounts(w.db, 'skill-check', f)), label).toEqual(sortWays(await wayCounts(w.db, 'skill-check', fromHistory(f))));
      const late = async (x: AnalystFilter) => [...(await latenessByDeadline(w.db, 'skill-check', x)).values()].map((l) => ({ ...l, daysLate: [...l.daysLate].sort() })).sort((p, q) => p.deadline.localeCompare(q.deadline));
      expect(await late(f), label).toEqual(await late(fromHistory(f)));
      const paths = await casePaths(w.db, 'skill-check', f);
      const again = await casePaths(w.db, 'skill-check', fromHistory(f));
      expect(paths.map((p) => ({ ...p, medianDays: null })), label).toEqual(again.map((p) => ({ ...p, medianDays: null })));
      paths.forEach((p, i) => expect(p.medianDays, label).toBeCloseTo(again[i]!.medianDays!, 9));
    }
    // Hand-counted: b missed the date (its overdue timer fired) and filed late; the other four left in time (the
    // withdrawal cancelled e's timer, which the page counts as in time, as before).
    const l = (await latenessByDeadline(w.db, 'skill-check', none)).get('questionFiling')!;
    expect({ onTime: l.onTime, missed: l.missed, pending: l.pending }).toEqual({ onTime: 4, missed: 1, pending: 0 });
    expect(l.daysLate).toHaveLength(1);
  });

  it('rebuilds from the history exactly what the triggers kept', async () => {
    await w.db.execute(sql`select analyst_compact()`);
    const dump = async () => {
      const out: Record<string, unknown[]> = {};
      for (const [table, order] of [
        ['analyst_case_states', 'case_id, state'],
        ['analyst_case_ways', 'case_id, type, from_state, to_state'],
        ['analyst_case_paths', 'case_id'],
        ['analyst_case_deadlines', 'case_id, deadline'],
        ['analyst_case_lateness', 'case_id, deadline, days'],
      ] as const)
        out[table] = rowsOf(await w.db.execute(sql.raw(`select * from ${table} order by ${order}`)));
      out.counts = rowsOf(
        await w.db.execute(sql`select procedure, kind, fiscal_year, center_org_id, school_org_id, k1, k2, k3, n::text as n from analyst_counts where n <> 0 order by 1, 2, 3, 4, 5, 6, 7, 8`),
      );
      return out;
    };
    const kept = await dump();
    expect(kept.analyst_case_states!.length).toBeGreaterThan(5);
    expect(kept.analyst_case_deadlines!.length).toBeGreaterThan(0);
    await w.db.execute(sql`select analyst_rebuild()`);
    expect(await dump()).toEqual(kept);
  });
});
