/**
 * The analyst's figures for one procedure under filters (fiscal year, school, centre, dates): cases per state
 * now, overdue per state, time in state (median, p90, exact), how many cases took each transition, lateness per
 * deadline, the paths cases took, and the cases behind any of them. States are dotted paths, so a compound state
 * counts the cases in its children.
 *
 * At scale the figures come from the tables the triggers of migration 0010 keep in the same transaction as each
 * step (analyst_case_* per case, analyst_counts per procedure, year, centre and school): under no filter, a fiscal
 * year, a centre or a school they are read from the counts, and the percentiles are found exactly from the
 * histogram of times in state plus a window of the per-case rows. Under a date range (cases opened between two
 * days) the figures are computed from the history itself, as they were before the aggregates (`…FromHistory`).
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { analystCaseWays, caseEvents, cases, organizations, timers } from '../../db/schema.js';
import type { IsoDate } from '../../domain/dates.js';
import { rowsOf } from '../queries.js';

export interface AnalystFilter {
  fiscalYear: number | null;
  schoolId: string | null;
  centerId: string | null;
  /** Cases opened on or after / on or before these Tokyo dates. */
  since: IsoDate | null;
  until: IsoDate | null;
}

export interface StateFigure {
  total: number;
  active: number;
  overdue: number;
  median: number | null;
  p90: number | null;
  /** Cases that ever entered the state. */
  entered: number;
}

export interface WayCount {
  event: string;
  from: string | null;
  to: string;
  cases: number;
}

function caseWhere(procedure: string, f: AnalystFilter, alias = cases): SQL {
  const parts = [eq(alias.procedure, procedure)];
  if (f.fiscalYear !== null) parts.push(eq(alias.fiscalYear, f.fiscalYear));
  if (f.schoolId) parts.push(eq(alias.schoolOrgId, f.schoolId));
  if (f.centerId) parts.push(eq(alias.centerOrgId, f.centerId));
  if (f.since) parts.push(sql`${alias.createdAt} >= (${f.since}::date)::timestamp at time zone 'Asia/Tokyo'`);
  if (f.until) parts.push(sql`${alias.createdAt} < ((${f.until}::date + 1)::timestamp at time zone 'Asia/Tokyo')`);
  return and(...parts)!;
}

/** Every prefix of a dotted path: 'a.b.c' -> a, a.b, a.b.c (a case in a child is in its parents too). */
export const prefixes = (path: string) => path.split('.').map((_, i, all) => all.slice(0, i + 1).join('.'));

/** Figures per state path (compound states included), under the filter. */
export async function stateFigures(db: Db, procedure: string, f: AnalystFilter, today: IsoDate, now: Date, timesOf?: string[]): Promise<Map<string, StateFigure>> {
  const counts = await stateCounts(db, procedure, f, today);
  if (byHistory(f)) return figuresOf(counts, await timesFromHistory(db, procedure, f, now));
  return figuresOf(counts, await timesFromAggregates(db, procedure, f, now, counts, timesOf));
}

async function stateCounts(db: Db, procedure: string, f: AnalystFilter, today: IsoDate) {
  return db
    .select({
      state: cases.state,
      total: sql<number>`count(*)::int`,
      active: sql<number>`(count(*) filter (where ${cases.status} = 'active'))::int`,
      overdue: sql<number>`(count(*) filter (where ${cases.status} = 'active' and ${cases.nextDue} < ${today}))::int`,
    })
    .from(cases)
    .where(caseWhere(procedure, f))
    .groupBy(cases.state);
}

type Times = { state: string; median: number | null; p90: number | null; entered: number }[];

async function timesFromHistory(db: Db, procedure: string, f: AnalystFilter, now: Date): Promise<Times> {
  const c = sql.raw('c');
  return rowsOf<{ state: string; median: number | null; p90: number | null; entered: number }>(
    await db.execute(sql`
      with picked as (select id from ${cases} where ${caseWhere(procedure, f)}),
      stays as (
        select e.case_id, e.to_state as state, e.at,
               lead(e.at) over (partition by e.case_id order by e.seq) as left_at
        from ${caseEvents} e join picked ${c} on ${c}.id = e.case_id
      ), per_case as (
        select s.case_id, array_to_string((string_to_array(s.state, '.'))[1:d.n], '.') as state,
               sum(greatest(0, extract(epoch from (coalesce(s.left_at, ${now.toISOString()}::timestamptz) - s.at)))) / 86400.0 as days
        from stays s cross join lateral generate_series(1, array_length(string_to_array(s.state, '.'), 1)) as d(n)
        group by 1, 2
      )
      select state, (percentile_cont(0.5) within group (order by days))::float8 as median,
             (percentile_cont(0.9) within group (order by days))::float8 as p90, count(*)::int as entered
      from per_case group by state`),
  );
}

function figuresOf(counts: Awaited<ReturnType<typeof stateCounts>>, times: Times): Map<string, StateFigure> {
  const out = new Map<string, StateFigure>();
  const get = (state: string) => {
    let v = out.get(state);
    if (!v) out.set(state, (v = { total: 0, active: 0, overdue: 0, median: null, p90: null, entered: 0 }));
    return v;
  };
  for (const row of counts) {
    for (const p of prefixes(row.state)) {
      const v = get(p);
      v.total += row.total;
      v.active += row.active;
      v.overdue += row.overdue;
    }
  }
  for (const t of times) {
    const v = get(t.state);
    v.median = t.median === null ? null : Number(t.median);
    v.p90 = t.p90 === null ? null : Number(t.p90);
    v.entered = Number(t.entered);
  }
  return out;
}

/** How many cases took each (event, from, to) in their history, under the filter. */
export async function wayCounts(db: Db, procedure: string, f: AnalystFilter): Promise<WayCount[]> {
  if (!byHistory(f)) return (await readCounts(db, procedure, 'way', f)).map((r) => ({ event: r.k1, from: r.k2, to: r.k3, cases: r.n }));
  const rows = rowsOf<{ event: string; from: string | null; to: string; cases: number }>(
    await db.execute(sql`
      select e.type as event, e.from_state as "from", e.to_state as "to", count(distinct e.case_id)::int as cases
      from ${caseEvents} e join ${cases} on ${cases.id} = e.case_id
      where ${caseWhere(procedure, f)} and e.from_state is not null
      group by 1, 2, 3`),
  );
  return rows.map((r) => ({ ...r, cases: Number(r.cases) }));
}

export interface CaseSelection {
  /** Cases now in this state (or one of its children). */
  state?: string | null;
  /** Cases whose history has this event… */
  event?: string | null;
  /** …taken from this state (or a child; null: from any state)… */
  from?: string | null;
  /** …into this state (or a child; null: staying where it was). */
  to?: string | null;
  /** With `event` and no `to`: the event left the state unchanged. */
  stays?: boolean;
}

const within = (column: SQL, path: string) => sql`(${column} = ${path} or ${column} like ${`${path.replace(/[\\%_]/g, (ch) => `\\${ch}`)}.%`})`;

export interface ListedCase {
  id: string;
  title: string;
  state: string;
  status: string;
  fiscalYear: number;
  schoolName: string | null;
  centerName: string | null;
  nextDue: string | null;
  updatedAt: Date;
}

/** The cases of a selection, newest change first, at most `limit` (with the total). */
export async function selectedCases(db: Db, procedure: string, f: AnalystFilter, s: CaseSelection, limit = 200): Promise<{ total: number; rows: ListedCase[] }> {
  const where: SQL[] = [caseWhere(procedure, f)];
  if (s.state) where.push(within(sql`${cases.state}`, s.state));
  if (s.event) {
    // The distinct steps each case took (kept by the trigger on case_events; from_state is never null there).
    const e: SQL[] = [sql`e.case_id = ${cases.id}`, sql`e.type = ${s.event}`];
    if (s.from) e.push(within(sql`e.from_state`, s.from));
    if (s.to) e.push(within(sql`e.to_state`, s.to));
    if (s.stays) e.push(sql`e.to_state = e.from_state`);
    where.push(sql`exists (select 1 from ${analystCaseWays} e where ${and(...e)})`);
  }
  const school = sql.raw('school');
  const center = sql.raw('center');
  const c = sql.raw('c');
  // The matching cases once (ids and times only), the page's rows from them, then their names: the organisations
  // are joined to the rows shown, not to every match.
  const rows = rowsOf<ListedCase & { total: number }>(
    await db.execute(sql`
      with sel as materialized (select ${cases.id} as id, ${cases.updatedAt} as updated_at from ${cases} where ${and(...where)}),
      top as (select id, updated_at from sel order by updated_at desc, id limit ${limit})
      select ${c}.id as id, ${c}.title as title, ${c}.state as state, ${c}.status as status,
             ${c}.fiscal_year as "fiscalYear", ${school}.name as "schoolName", ${center}.name as "centerName",
             ${c}.next_due::text as "nextDue", ${c}.updated_at as "updatedAt", (select count(*) from sel)::int as total
      from top join ${cases} ${c} on ${c}.id = top.id
      left join ${organizations} ${school} on ${school}.id = ${c}.school_org_id
      left join ${organizations} ${center} on ${center}.id = ${c}.center_org_id
      order by top.updated_at desc, top.id`),
  );
  return { total: rows[0] ? Number(rows[0].total) : 0, rows: rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt) })) };
}

/** The schools and centres to filter by, and the fiscal years the procedure has cases in. */
export async function filterChoices(db: Db, procedure: string) {
  const orgs = await db.select({ id: organizations.id, kind: organizations.kind, name: organizations.name }).from(organizations).orderBy(asc(organizations.name));
  // A skip scan down cases_analyst_year_idx: one probe per fiscal year, not one row per case.
  const years = rowsOf<{ fy: number }>(
    await db.execute(sql`
      with recursive y(fy) as (
        select min(fiscal_year) from ${cases} where procedure = ${procedure}
        union all
        select (select min(fiscal_year) from ${cases} where procedure = ${procedure} and fiscal_year > y.fy) from y where y.fy is not null
      )
      select fy from y where fy is not null order by fy`),
  ).map((y) => ({ fy: Number(y.fy) }));
  return {
    schools: orgs.filter((o) => o.kind === 'school'),
    centers: orgs.filter((o) => o.kind === 'center'),
    fiscalYears: years.map((y) => y.fy),
  };
}

export interface DeadlineLateness {
  deadline: string;
  /** Cases whose state armed the deadline and left it in time (the overdue timer was cancelled). */
  onTime: number;
  /** Cases still in the state on the day after the effective date (the overdue timer fired). */
  missed: number;
  /** Cases still before the date. */
  pending: number;
  /** Days late of the late filings the cases recorded (soft deadlines). */
  daysLate: number[];
}

/**
 * Per deadline: in time, missed, pending (from the timers the engine armed), and the days late of recorded
 * late filings (the `lateness` list a case's context keeps, the same one the case page's timeline reads).
 */
export async function latenessByDeadline(db: Db, procedure: string, f: AnalystFilter): Promise<Map<string, DeadlineLateness>> {
  if (!byHistory(f)) {
    const out = new Map<string, DeadlineLateness>();
    const get = (name: string) => {
      let v = out.get(name);
      if (!v) out.set(name, (v = { deadline: name, onTime: 0, missed: 0, pending: 0, daysLate: [] }));
      return v;
    };
    for (const r of await readCounts(db, procedure, 'deadline', f)) {
      const v = get(r.k1);
      if (r.k2 === 'on_time') v.onTime += r.n;
      else if (r.k2 === 'missed') v.missed += r.n;
      else if (r.k2 === 'pending') v.pending += r.n;
    }
    const late = (await readCounts(db, procedure, 'late', f)).map((r) => ({ deadline: r.k1, days: Number(r.k2), n: r.n })).sort((a, b) => a.days - b.days);
    for (const r of late) for (let i = 0; i < r.n; i++) get(r.deadline).daysLate.push(r.days);
    return out;
  }
  const c = sql.raw('c');
  const counts = rowsOf<{ deadline: string; on_time: number; missed: number; pending: number }>(
    await db.execute(sql`
      with picked as (select id from ${cases} where ${caseWhere(procedure, f)}),
      per_case as (
        select t.deadline, t.case_id, bool_or(t.status = 'fired') as missed, bool_or(t.status = 'pending') as pending
        from ${timers} t join picked ${c} on ${c}.id = t.case_id
        where t.kind = 'overdue'
        group by 1, 2
      )
      select deadline, (count(*) filter (where not missed and not pending))::int as on_time,
             (count(*) filter (where missed))::int as missed, (count(*) filter (where not missed and pending))::int as pending
      from per_case group by deadline`),
  );
  const late = rowsOf<{ deadline: string; days: number }>(
    await db.execute(sql`
      select l->>'deadline' as deadline, (l->>'daysLate')::int as days
      from ${cases} cross join lateral jsonb_array_elements(
        case when jsonb_typeof(${cases.snapshot}->'context'->'lateness') = 'array' then ${cases.snapshot}->'context'->'lateness' else '[]'::jsonb end) l
      where ${caseWhere(procedure, f)} and l->>'daysLate' ~ '^[0-9]+$'`),
  );
  const out = new Map<string, DeadlineLateness>();
  const get = (name: string) => {
    let v = out.get(name);
    if (!v) out.set(name, (v = { deadline: name, onTime: 0, missed: 0, pending: 0, daysLate: [] }));
    return v;
  };
  for (const r of counts) Object.assign(get(r.deadline), { onTime: Number(r.on_time), missed: Number(r.missed), pending: Number(r.pending) });
  for (const r of late) get(r.deadline).daysLate.push(Number(r.days));
  return out;
}

export interface CasePath {
  /** The states in order, as dotted paths (the first is where the case started). */
  states: string[];
  /** The events between them, in order. */
  events: string[];
  cases: number;
  /** Median days from opening to the last step. */
  medianDays: number | null;
}

/** The distinct paths the cases took (state sequences from their history), most taken first. */
export async function casePaths(db: Db, procedure: string, f: AnalystFilter, limit = 20): Promise<CasePath[]> {
  if (!byHistory(f)) return pathsFromAggregates(db, procedure, f, limit);
  const c = sql.raw('c');
  const rows = rowsOf<{ states: string[]; events: string[]; cases: number; median: number | null }>(
    await db.execute(sql`
      with picked as (select id from ${cases} where ${caseWhere(procedure, f)}),
      per_case as (
        select e.case_id,
               array_agg(e.to_state order by e.seq) filter (where e.from_state is distinct from e.to_state) as states,
               array_agg(e.type order by e.seq) filter (where e.from_state is distinct from e.to_state and e.from_state is not null) as events,
               extract(epoch from max(e.at) - min(e.at)) / 86400.0 as days
        from ${caseEvents} e join picked ${c} on ${c}.id = e.case_id
        group by e.case_id
      )
      select states, coalesce(events, '{}') as events, count(*)::int as cases, (percentile_cont(0.5) within group (order by days))::float8 as median
      from per_case group by states, events order by count(*) desc, states limit ${limit}`),
  );
  return rows.map((r) => ({ states: r.states ?? [], events: r.events ?? [], cases: Number(r.cases), medianDays: r.median === null ? null : Number(r.median) }));
}

// ---------------------------------------------------------------------------------------------------------------
// From the aggregates of migration 0010.

const ZERO = '00000000-0000-0000-0000-000000000000';
const DAY_US = 86_400_000_000;

/** A date range is answered from the history itself (the counts have no day of opening). */
const byHistory = (f: AnalystFilter) => f.since !== null || f.until !== null;

type CountKind = 'stay' | 'way' | 'path' | 'deadline' | 'late';

/** The counts of one kind under the filter, deltas not yet folded included. */
async function readCounts(db: Db, procedure: string, kind: CountKind, f: AnalystFilter): Promise<{ k1: string; k2: string; k3: string; n: number }[]> {
  await db.execute(sql`select analyst_compact()`);
  const where = (t: string) => {
    const a = sql.raw(t);
    const parts = [sql`${a}.procedure = ${procedure}`, sql`${a}.kind = ${kind}`];
    if (f.fiscalYear !== null) parts.push(sql`${a}.fiscal_year = ${f.fiscalYear}`);
    if (f.centerId) parts.push(sql`${a}.center_org_id = ${f.centerId}`);
    if (f.schoolId && kind !== 'stay') parts.push(sql`${a}.school_org_id = ${f.schoolId}`);
    return and(...parts)!;
  };
  const rows = rowsOf<{ k1: string; k2: string; k3: string; n: string | number }>(
    await db.execute(sql`
      select k1, k2, k3, sum(n)::bigint as n from (
        select k1, k2, k3, n from analyst_counts t where ${where('t')}
        union all
        select k1, k2, k3, n from analyst_count_deltas d where ${where('d')}
      ) x group by 1, 2, 3 having sum(n) <> 0`),
  );
  return rows.map((r) => ({ k1: r.k1, k2: r.k2, k3: r.k3, n: Number(r.n) }));
}

/** Conditions on the per-case aggregate tables' own copies of the case's year and centre (and school). */
function dimsWhere(f: AnalystFilter, withSchool: boolean): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.fiscalYear !== null) parts.push(sql`fiscal_year = ${f.fiscalYear}`);
  if (f.centerId) parts.push(sql`center_org_id = ${f.centerId}`);
  if (withSchool && f.schoolId) parts.push(sql`school_org_id = ${f.schoolId}`);
  return and(...parts)!;
}

/** percentile_cont's two ranks (0-based) and the weight of the second, as PostgreSQL computes them. */
function ranksOf(p: number, n: number) {
  const pos = p * (n - 1);
  return { lo: Math.floor(pos), hi: Math.ceil(pos), w: pos - Math.floor(pos) };
}
const lerp = (a: number, b: number, w: number) => a + (b - a) * w;

/**
 * The values of given ranks in the union of two sorted multisets, exactly: `small` loaded whole (sorted), `large`
 * read by window (`window(start, count)` gives its values from sorted position `start`). The value of union rank r
 * comes from large positions r - |small| … r, so one window per rank range is enough.
 */
async function ranksOfUnion(small: number[], largeSize: number, window: (start: number, count: number) => Promise<number[]>, lo: number, hi: number): Promise<[number, number]> {
  if (largeSize === 0) return [small[lo]!, small[hi]!];
  const start = Math.max(0, lo - small.length);
  const end = Math.min(largeSize - 1, hi);
  const w = await window(start, end - start + 1);
  if (w.length !== end - start + 1) throw new Error('analyst: aggregates out of step');
  const first = w[0]!;
  const last = w[w.length - 1]!;
  const reachesEnd = end === largeSize - 1;
  // Order: by value, large before small at equal values. Rank of large[i] = i + #small < v;
  // rank of small[j] = #large <= v + j, known when v lies within the window.
  const below = (v: number) => {
    let a = 0;
    let b = small.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (small[m]! < v) a = m + 1;
      else b = m;
    }
    return a;
  };
  const found = new Map<number, number>();
  w.forEach((v, i) => found.set(start + i + below(v), v));
  small.forEach((v, j) => {
    if ((start > 0 && v < first) || (!reachesEnd && v >= last)) return;
    let le = 0;
    for (const x of w) if (x <= v) le++;
    found.set(start + le + j, v);
  });
  const a = found.get(lo);
  const b = found.get(hi);
  if (a === undefined || b === undefined) throw new Error('analyst: rank not found');
  return [a, b];
}

/**
 * Median and p90 of time in state, exactly. The values of a (case, state) are its closed stays (fixed, binned in
 * the counts' histogram) or, while the case is still in the state, its closed stays plus the time since it entered.
 */
async function timesFromAggregates(db: Db, procedure: string, f: AnalystFilter, now: Date, counts: Awaited<ReturnType<typeof stateCounts>>, timesOf?: string[]): Promise<Times> {
  const nowUs = now.getTime() * 1000;
  const value = sql`(closed_us + case when open_us is null then 0 else greatest(0, ${nowUs}::bigint - open_us) end)`;
  if (f.schoolId) {
    // A school's cases are few: straight from its rows.
    const rows = rowsOf<Times[number]>(
      await db.execute(sql`
        select state, (percentile_cont(0.5) within group (order by v))::float8 as median, (percentile_cont(0.9) within group (order by v))::float8 as p90, count(*)::int as entered
        from (select state, ${value}::float8 / ${DAY_US}::float8 as v from analyst_case_states where procedure = ${procedure} and school_org_id = ${f.schoolId} and ${dimsWhere(f, false)}) x
        group by state`),
    );
    const wanted = timesOf ? new Set(timesOf) : null;
    return rows.map((r) => (wanted && !wanted.has(r.state) ? { ...r, median: null, p90: null } : r));
  }
  // Closed stays per state and bin.
  const hist = new Map<string, { bucket: number; n: number }[]>();
  for (const r of await readCounts(db, procedure, 'stay', f)) {
    const list = hist.get(r.k1) ?? [];
    list.push({ bucket: Number(r.k2), n: r.n });
    hist.set(r.k1, list);
  }
  // Open stays per state: the cases now in it (or in a child), the same rows the counts per state read.
  const open = new Map<string, number>();
  for (const row of counts) for (const p of prefixes(row.state)) open.set(p, (open.get(p) ?? 0) + row.total);
  const out: Times = [];
  const states = new Set([...hist.keys(), ...open.keys()]);
  for (const state of states) {
    const bins = (hist.get(state) ?? []).sort((a, b) => a.bucket - b.bucket);
    const closedN = bins.reduce((n, b) => n + b.n, 0);
    const openN = open.get(state) ?? 0;
    const n = closedN + openN;
    if (n === 0) continue;
    if (timesOf && !timesOf.includes(state)) {
      out.push({ state, median: null, p90: null, entered: n });
      continue;
    }
    const closedWindow = async (start: number, count: number) => {
      // Skip whole bins by their counts, then read the rows of the index in order.
      let before = 0;
      let from = bins[0]?.bucket ?? 0;
      for (const b of bins) {
        if (before + b.n > start) {
          from = b.bucket;
          break;
        }
        before += b.n;
      }
      const rows = rowsOf<{ v: string | number }>(
        await db.execute(sql`
          select closed_us as v from analyst_case_states
          where procedure = ${procedure} and state = ${state} and open_us is null and bucket >= ${from} and ${dimsWhere(f, false)}
          order by bucket, closed_us offset ${start - before} limit ${count}`),
      );
      return rows.map((r) => Number(r.v));
    };
    const openWindow = async (start: number, count: number) => {
      const rows = rowsOf<{ v: string | number }>(
        await db.execute(sql`
          select ${value} as v from analyst_case_states
          where procedure = ${procedure} and state = ${state} and open_us is not null and ${dimsWhere(f, false)}
          order by 1 offset ${start} limit ${count}`),
      );
      return rows.map((r) => Number(r.v));
    };
    const openSmaller = openN <= closedN;
    const small = openSmaller ? await openWindow(0, openN) : await closedWindow(0, closedN);
    if (small.length !== (openSmaller ? openN : closedN)) throw new Error('analyst: aggregates out of step');
    const largeN = openSmaller ? closedN : openN;
    const large = openSmaller ? closedWindow : openWindow;
    const pick = async (p: number) => {
      const { lo, hi, w } = ranksOf(p, n);
      const [a, b] = await ranksOfUnion(small, largeN, large, lo, hi);
      return lerp(a / DAY_US, b / DAY_US, w);
    };
    out.push({ state, median: await pick(0.5), p90: await pick(0.9), entered: n });
  }
  return out;
}

async function pathsFromAggregates(db: Db, procedure: string, f: AnalystFilter, limit: number): Promise<CasePath[]> {
  const counted = (await readCounts(db, procedure, 'path', f)).filter((r) => r.n > 0);
  if (!counted.length) return [];
  const keys = counted.map((r) => r.k1);
  const shapes = new Map(
    rowsOf<{ path_key: string; states: string[]; events: string[] }>(
      await db.execute(sql`
        select k.path_key, p.states, p.events from unnest(${`{${keys.join(',')}}`}::text[]) k(path_key)
        cross join lateral (select states, events from analyst_case_paths p where p.procedure = ${procedure} and p.path_key = k.path_key limit 1) p`),
    ).map((r) => [r.path_key, r]),
  );
  const cmp = (a: string[], b: string[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return a.length - b.length;
  };
  const top = counted
    .map((r) => ({ key: r.k1, cases: r.n, states: shapes.get(r.k1)?.states ?? [], events: shapes.get(r.k1)?.events ?? [] }))
    .sort((a, b) => b.cases - a.cases || cmp(a.states, b.states) || cmp(a.events, b.events))
    .slice(0, limit);
  const medians = new Map<string, number | null>();
  if (f.schoolId) {
    for (const r of rowsOf<{ path_key: string; median: number | null }>(
      await db.execute(sql`
        select path_key, (percentile_cont(0.5) within group (order by span_us::float8 / ${DAY_US}::float8))::float8 as median
        from analyst_case_paths where procedure = ${procedure} and school_org_id = ${f.schoolId} and ${dimsWhere(f, false)}
        group by path_key`),
    ))
      medians.set(r.path_key, r.median === null ? null : Number(r.median));
  } else {
    for (const t of top) {
      const { lo, hi, w } = ranksOf(0.5, t.cases);
      const rows = rowsOf<{ v: string | number }>(
        await db.execute(sql`
          select span_us as v from analyst_case_paths where procedure = ${procedure} and path_key = ${t.key} and ${dimsWhere(f, false)}
          order by span_us offset ${lo} limit ${hi - lo + 1}`),
      ).map((r) => Number(r.v));
      medians.set(t.key, rows.length ? lerp(rows[0]! / DAY_US, rows[rows.length - 1]! / DAY_US, w) : null);
    }
  }
  return top.map((t) => ({ states: t.states, events: t.events, cases: t.cases, medianDays: medians.get(t.key) ?? null }));
}
