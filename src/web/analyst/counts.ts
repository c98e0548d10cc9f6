/**
 * Reading the analyst aggregates the triggers keep (migrations 0010 and 0011): the counts under a filter, and
 * exact percentiles of time in state and path spans from the per-case rows, each a few statements whatever the
 * number of states or paths.
 */
import { and, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { AnalystFilter } from './filter.js';
import { rowsOf } from '../queries.js';

export const DAY_US = 86_400_000_000;

export type CountKind = 'stay' | 'way' | 'path' | 'deadline' | 'late' | 'now' | 'due';
/** Kinds counted without the school (the school filter reads the per-case rows or the cases instead). */
const SCHOOLLESS = new Set<CountKind>(['stay', 'now', 'due']);

export interface CountRow {
  kind: CountKind;
  k1: string;
  k2: string;
  k3: string;
  n: number;
}

/**
 * The counts of some kinds under the filter, deltas not yet folded included. `dueBefore` keeps the due counts of
 * the days before it only (the cases overdue on that day).
 */
export async function readCounts(db: Db, procedure: string, kinds: CountKind[], f: AnalystFilter, dueBefore?: string): Promise<CountRow[]> {
  if (f.schoolId && kinds.some((k) => SCHOOLLESS.has(k))) throw new Error(`analyst: ${kinds.join(', ')} are not counted per school`);
  await db.execute(sql`select analyst_compact()`);
  const dims = (t: string) => {
    const a = sql.raw(t);
    const parts = [sql`${a}.procedure = ${procedure}`];
    if (f.fiscalYear !== null) parts.push(sql`${a}.fiscal_year = ${f.fiscalYear}`);
    if (f.centerId) parts.push(sql`${a}.center_org_id = ${f.centerId}`);
    if (f.schoolId) parts.push(sql`${a}.school_org_id = ${f.schoolId}`);
    return and(...parts)!;
  };
  const due = (t: string) => (dueBefore === undefined ? sql`true` : sql`(${sql.raw(t)}.kind <> 'due' or ${sql.raw(t)}.k1 < ${dueBefore})`);
  // One branch per kind, so that each reads its own range of the primary key (or of the k1 index for due).
  const branches = kinds.map((k) => sql`select kind, k1, k2, k3, n from analyst_counts t where ${dims('t')} and t.kind = ${k} and ${due('t')}`);
  const rows = rowsOf<{ kind: CountKind; k1: string; k2: string; k3: string; n: string | number }>(
    await db.execute(sql`
      select kind, k1, k2, k3, sum(n)::bigint as n from (
        ${sql.join(branches, sql` union all `)}
        union all
        select kind, k1, k2, k3, n from analyst_count_deltas d
        where ${dims('d')} and d.kind in (${sql.join(
          kinds.map((k) => sql`${k}`),
          sql`, `,
        )}) and ${due('d')}
      ) x group by 1, 2, 3, 4 having sum(n) <> 0`),
  );
  return rows.map((r) => ({ kind: r.kind, k1: r.k1, k2: r.k2, k3: r.k3, n: Number(r.n) }));
}

/** Conditions on the per-case aggregate tables' own copies of the case's year and centre (and school). */
export function dimsWhere(f: AnalystFilter, withSchool: boolean): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.fiscalYear !== null) parts.push(sql`fiscal_year = ${f.fiscalYear}`);
  if (f.centerId) parts.push(sql`center_org_id = ${f.centerId}`);
  if (withSchool && f.schoolId) parts.push(sql`school_org_id = ${f.schoolId}`);
  return and(...parts)!;
}

/** percentile_cont's two ranks (0-based) and the weight of the second, as PostgreSQL computes them. */
export function ranksOf(p: number, n: number) {
  const pos = p * (n - 1);
  return { lo: Math.floor(pos), hi: Math.ceil(pos), w: pos - Math.floor(pos) };
}
export const lerp = (a: number, b: number, w: number) => a + (b - a) * w;

export interface StayCounts {
  state: string;
  /** Closed stays per histogram bin (under the filter). */
  bins: { bucket: number; n: number }[];
  /** Open stays: the cases now in the state (or a child). */
  open: number;
}

type Pick = { state: string; cFrom: number; cOff: number; cLim: number; oOff: number; oLim: number; mOff: number; mLim: number };

/**
 * The ranks lo..hi of a state's values (closed stays ∪ open stays), read exactly from a small merged set: the
 * value of rank r has between r - |smaller side| and r values of the larger side before it, so the smaller side
 * whole and the larger side's window [lo - |smaller|, hi] hold it at rank r - (window start). The closed side's
 * window starts at the histogram bin that holds it.
 */
function pickOf(s: StayCounts, closedN: number, lo: number, hi: number): Pick {
  const openSmaller = s.open <= closedN;
  const small = openSmaller ? s.open : closedN;
  const largeN = openSmaller ? closedN : s.open;
  const start = largeN === 0 ? 0 : Math.max(0, lo - small);
  const end = largeN === 0 ? -1 : Math.min(largeN - 1, hi);
  const count = end - start + 1;
  const pick: Pick = { state: s.state, cFrom: 0, cOff: 0, cLim: closedN, oOff: 0, oLim: s.open, mOff: lo - start, mLim: hi - lo + 1 };
  if (openSmaller) {
    let before = 0;
    let from = s.bins[0]?.bucket ?? 0;
    for (const b of s.bins) {
      if (before + b.n > start) {
        from = b.bucket;
        break;
      }
      before += b.n;
    }
    Object.assign(pick, { cFrom: from, cOff: start - before, cLim: count });
  } else Object.assign(pick, { oOff: start, oLim: count });
  return pick;
}

/**
 * Median and p90 of time in state, exactly, for every state in one statement. The values of a (case, state) are
 * its closed stays (fixed, binned in the counts' histogram) or, while the case is still in the state, its closed
 * stays plus the time since it entered.
 */
export async function stayPercentiles(db: Db, procedure: string, f: AnalystFilter, now: Date, stays: StayCounts[]): Promise<Map<string, { median: number; p90: number }>> {
  const nowUs = now.getTime() * 1000;
  const picks: (Pick & { w: number; p: number })[] = [];
  for (const s of stays) {
    const closedN = s.bins.reduce((n, b) => n + b.n, 0);
    const n = closedN + s.open;
    if (n === 0) continue;
    for (const p of [0.5, 0.9]) {
      const { lo, hi, w } = ranksOf(p, n);
      picks.push({ ...pickOf(s, closedN, lo, hi), w, p });
    }
  }
  const out = new Map<string, { median: number; p90: number }>();
  if (!picks.length) return out;
  const value = sql`(closed_us + case when open_us is null then 0 else greatest(0, ${nowUs}::bigint - open_us) end)`;
  const list = sql.join(
    picks.map(
      (k, i) =>
        sql`(${i}::int, ${k.state}::text, ${k.cFrom}::int, ${k.cOff}::int, ${k.cLim}::int, ${k.oOff}::int, ${k.oLim}::int, ${k.mOff}::int, ${k.mLim}::int)`,
    ),
    sql`, `,
  );
  const rows = rowsOf<{ i: number; v: string | number }>(
    await db.execute(sql`
      select k.i, m.v from (values ${list}) as k(i, state, c_from, c_off, c_lim, o_off, o_lim, m_off, m_lim)
      cross join lateral (
        select v from (
          (select closed_us as v from analyst_case_states
           where procedure = ${procedure} and state = k.state and open_us is null and bucket >= k.c_from and ${dimsWhere(f, false)}
           order by bucket, closed_us offset k.c_off limit k.c_lim)
          union all
          (select ${value} as v from analyst_case_states
           where procedure = ${procedure} and state = k.state and open_us is not null and ${dimsWhere(f, false)}
           order by 1 offset k.o_off limit k.o_lim)
        ) u order by v offset k.m_off limit k.m_lim
      ) m
      order by k.i, m.v`),
  );
  const got = new Map<number, number[]>();
  for (const r of rows) {
    const list = got.get(Number(r.i)) ?? [];
    list.push(Number(r.v));
    got.set(Number(r.i), list);
  }
  picks.forEach((k, i) => {
    const v = got.get(i);
    if (!v || v.length !== k.mLim) throw new Error('analyst: aggregates out of step');
    const x = lerp(v[0]! / DAY_US, v[v.length - 1]! / DAY_US, k.w);
    const o = out.get(k.state) ?? { median: 0, p90: 0 };
    if (k.p === 0.5) o.median = x;
    else o.p90 = x;
    out.set(k.state, o);
  });
  return out;
}

/** The median span of each path (by key) among its `cases` cases under the filter, in one statement. */
export async function pathMedians(db: Db, procedure: string, f: AnalystFilter, paths: { key: string; cases: number }[]): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  const wanted = paths.filter((p) => p.cases > 0).map((p) => ({ ...p, ...ranksOf(0.5, p.cases) }));
  if (!wanted.length) return out;
  const list = sql.join(
    wanted.map((p) => sql`(${p.key}::text, ${p.lo}::int, ${p.hi - p.lo + 1}::int)`),
    sql`, `,
  );
  const rows = rowsOf<{ key: string; v: string | number }>(
    await db.execute(sql`
      select k.key, m.v from (values ${list}) as k(key, off, lim)
      cross join lateral (
        select span_us as v from analyst_case_paths where procedure = ${procedure} and path_key = k.key and ${dimsWhere(f, false)}
        order by span_us offset k.off limit k.lim
      ) m
      order by k.key, m.v`),
  );
  const got = new Map<string, number[]>();
  for (const r of rows) {
    const list = got.get(r.key) ?? [];
    list.push(Number(r.v));
    got.set(r.key, list);
  }
  for (const p of wanted) {
    const v = got.get(p.key) ?? [];
    out.set(p.key, v.length ? lerp(v[0]! / DAY_US, v[v.length - 1]! / DAY_US, p.w) : null);
  }
  return out;
}
