/**
 * The analyst's figures for one procedure under filters (fiscal year, school, centre, dates): cases per state
 * now, overdue per state, time in state (median, p90, exact), how many cases took each transition, lateness per
 * deadline, the paths cases took, and the cases behind any of them. States are dotted paths, so a compound state
 * counts the cases in its children.
 *
 * At scale the figures come from the tables the triggers of migrations 0010 and 0011 keep in the same transaction
 * as each step (analyst_case_* per case, analyst_counts per procedure, year, centre and school; ./counts.ts reads
 * them): under no filter, a fiscal year, a centre or a school they are read from the counts, and the percentiles
 * are found exactly from the histogram of times in state plus one window of the per-case rows per percentile, all
 * in one statement. Under a date range (cases opened between two days) the figures are computed from the history
 * itself, as they were before the aggregates (`…FromHistory`). The case lists are in ./case-lists.ts.
 */
import { asc, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { caseEvents, cases, organizations, timers } from '../../db/schema.js';
import type { IsoDate } from '../../domain/dates.js';
import { rowsOf } from '../queries.js';
import { DAY_US, dimsWhere, pathMedians, readCounts, stayPercentiles, type CountRow } from './counts.js';
import { byHistory, caseWhere, type AnalystFilter } from './filter.js';

export type { AnalystFilter } from './filter.js';
export { selectedCases, type CaseSelection, type ListedCase } from './case-lists.js';

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

/** Every prefix of a dotted path: 'a.b.c' -> a, a.b, a.b.c (a case in a child is in its parents too). */
export const prefixes = (path: string) => path.split('.').map((_, i, all) => all.slice(0, i + 1).join('.'));

/** Figures per state path (compound states included), under the filter. */
export async function stateFigures(db: Db, procedure: string, f: AnalystFilter, today: IsoDate, now: Date, timesOf?: string[]): Promise<Map<string, StateFigure>> {
  if (byHistory(f)) return figuresOf(await stateCounts(db, procedure, f, today), await timesFromHistory(db, procedure, f, now));
  if (f.schoolId) return figuresOf(await stateCounts(db, procedure, f, today), await timesOfSchool(db, procedure, f, now, timesOf));
  const rows = await readCounts(db, procedure, ['now', 'due', 'stay'], f, today);
  const counts = stateCountsOf(rows);
  return figuresOf(counts, await timesFromAggregates(db, procedure, f, now, counts, rows, timesOf));
}

type StateCount = { state: string; total: number; active: number; overdue: number };

/** From the cases themselves (a school's few, or a date range). */
async function stateCounts(db: Db, procedure: string, f: AnalystFilter, today: IsoDate): Promise<StateCount[]> {
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

/** From the counts: now (state, status) and due (day, state) before today, which are the overdue cases. */
function stateCountsOf(rows: CountRow[]): StateCount[] {
  const by = new Map<string, StateCount>();
  const get = (state: string) => {
    let v = by.get(state);
    if (!v) by.set(state, (v = { state, total: 0, active: 0, overdue: 0 }));
    return v;
  };
  for (const r of rows) {
    if (r.kind === 'now') {
      const v = get(r.k1);
      v.total += r.n;
      if (r.k2 === 'active') v.active += r.n;
    } else if (r.kind === 'due') get(r.k2).overdue += r.n;
  }
  return [...by.values()];
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

function figuresOf(counts: StateCount[], times: Times): Map<string, StateFigure> {
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
  if (!byHistory(f)) return (await readCounts(db, procedure, ['way'], f)).map((r) => ({ event: r.k1, from: r.k2, to: r.k3, cases: r.n }));
  const rows = rowsOf<{ event: string; from: string | null; to: string; cases: number }>(
    await db.execute(sql`
      select e.type as event, e.from_state as "from", e.to_state as "to", count(distinct e.case_id)::int as cases
      from ${caseEvents} e join ${cases} on ${cases.id} = e.case_id
      where ${caseWhere(procedure, f)} and e.from_state is not null
      group by 1, 2, 3`),
  );
  return rows.map((r) => ({ ...r, cases: Number(r.cases) }));
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
    const rows = await readCounts(db, procedure, ['deadline', 'late'], f);
    for (const r of rows.filter((x) => x.kind === 'deadline')) {
      const v = get(r.k1);
      if (r.k2 === 'on_time') v.onTime += r.n;
      else if (r.k2 === 'missed') v.missed += r.n;
      else if (r.k2 === 'pending') v.pending += r.n;
    }
    const late = rows.filter((x) => x.kind === 'late').map((r) => ({ deadline: r.k1, days: Number(r.k2), n: r.n })).sort((a, b) => a.days - b.days);
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
// From the aggregates of migrations 0010 and 0011.

/** A school's cases are few: straight from its rows. */
async function timesOfSchool(db: Db, procedure: string, f: AnalystFilter, now: Date, timesOf?: string[]): Promise<Times> {
  const nowUs = now.getTime() * 1000;
  const value = sql`(closed_us + case when open_us is null then 0 else greatest(0, ${nowUs}::bigint - open_us) end)`;
  const rows = rowsOf<Times[number]>(
    await db.execute(sql`
      select state, (percentile_cont(0.5) within group (order by v))::float8 as median, (percentile_cont(0.9) within group (order by v))::float8 as p90, count(*)::int as entered
      from (select state, ${value}::float8 / ${DAY_US}::float8 as v from analyst_case_states where procedure = ${procedure} and school_org_id = ${f.schoolId} and ${dimsWhere(f, false)}) x
      group by state`),
  );
  const wanted = timesOf ? new Set(timesOf) : null;
  return rows.map((r) => (wanted && !wanted.has(r.state) ? { ...r, median: null, p90: null } : r));
}

/**
 * Median and p90 of time in state from the histogram of closed stays (the stay counts) and the open stays (the
 * cases now in each state, the same counts the figures show), for the states asked for.
 */
async function timesFromAggregates(db: Db, procedure: string, f: AnalystFilter, now: Date, counts: StateCount[], rows: CountRow[], timesOf?: string[]): Promise<Times> {
  const bins = new Map<string, { bucket: number; n: number }[]>();
  for (const r of rows.filter((x) => x.kind === 'stay')) {
    const list = bins.get(r.k1) ?? [];
    list.push({ bucket: Number(r.k2), n: r.n });
    bins.set(r.k1, list);
  }
  const open = new Map<string, number>();
  for (const row of counts) for (const p of prefixes(row.state)) open.set(p, (open.get(p) ?? 0) + row.total);
  const stays = [...new Set([...bins.keys(), ...open.keys()])].map((state) => ({
    state,
    bins: (bins.get(state) ?? []).sort((a, b) => a.bucket - b.bucket),
    open: open.get(state) ?? 0,
  }));
  const entered = (s: (typeof stays)[number]) => s.open + s.bins.reduce((n, b) => n + b.n, 0);
  const wanted = timesOf ? new Set(timesOf) : null;
  const found = await stayPercentiles(
    db,
    procedure,
    f,
    now,
    stays.filter((s) => !wanted || wanted.has(s.state)),
  );
  return stays
    .filter((s) => entered(s) > 0)
    .map((s) => ({ state: s.state, median: found.get(s.state)?.median ?? null, p90: found.get(s.state)?.p90 ?? null, entered: entered(s) }));
}

async function pathsFromAggregates(db: Db, procedure: string, f: AnalystFilter, limit: number): Promise<CasePath[]> {
  const counted = (await readCounts(db, procedure, ['path'], f)).filter((r) => r.n > 0);
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
  let medians = new Map<string, number | null>();
  if (f.schoolId) {
    for (const r of rowsOf<{ path_key: string; median: number | null }>(
      await db.execute(sql`
        select path_key, (percentile_cont(0.5) within group (order by span_us::float8 / ${DAY_US}::float8))::float8 as median
        from analyst_case_paths where procedure = ${procedure} and school_org_id = ${f.schoolId} and ${dimsWhere(f, false)}
        group by path_key`),
    ))
      medians.set(r.path_key, r.median === null ? null : Number(r.median));
  } else medians = await pathMedians(db, procedure, f, top);
  return top.map((t) => ({ states: t.states, events: t.events, cases: t.cases, medianDays: medians.get(t.key) ?? null }));
}
