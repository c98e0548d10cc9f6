/**
 * The analyst's figures for one procedure under filters (fiscal year, school, centre): cases per state now,
 * overdue per state, time in state (median, p90), how many cases took each transition (from case_events),
 * and the cases behind any of them. Queries go through the indexes on cases(procedure, state) and
 * case_events(case_id, seq); states are dotted paths, so a compound state counts the cases in its children.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { caseEvents, cases, organizations, timers } from '../../db/schema.js';
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
export async function stateFigures(db: Db, procedure: string, f: AnalystFilter, today: IsoDate, now: Date): Promise<Map<string, StateFigure>> {
  const counts = await db
    .select({
      state: cases.state,
      total: sql<number>`count(*)::int`,
      active: sql<number>`(count(*) filter (where ${cases.status} = 'active'))::int`,
      overdue: sql<number>`(count(*) filter (where ${cases.status} = 'active' and ${cases.nextDue} < ${today}))::int`,
    })
    .from(cases)
    .where(caseWhere(procedure, f))
    .groupBy(cases.state);
  const c = sql.raw('c');
  const times = rowsOf<{ state: string; median: number | null; p90: number | null; entered: number }>(
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
    const e: SQL[] = [sql`e.case_id = ${cases.id}`, sql`e.type = ${s.event}`];
    if (s.from) e.push(within(sql`e.from_state`, s.from));
    else e.push(sql`e.from_state is not null`);
    if (s.to) e.push(within(sql`e.to_state`, s.to));
    if (s.stays) e.push(sql`e.to_state = e.from_state`);
    where.push(sql`exists (select 1 from ${caseEvents} e where ${and(...e)})`);
  }
  const school = sql.raw('school');
  const center = sql.raw('center');
  const rows = rowsOf<ListedCase & { total: number }>(
    await db.execute(sql`
      select ${cases.id} as id, ${cases.title} as title, ${cases.state} as state, ${cases.status} as status,
             ${cases.fiscalYear} as "fiscalYear", ${school}.name as "schoolName", ${center}.name as "centerName",
             ${cases.nextDue}::text as "nextDue", ${cases.updatedAt} as "updatedAt", count(*) over ()::int as total
      from ${cases}
      left join ${organizations} ${school} on ${school}.id = ${cases.schoolOrgId}
      left join ${organizations} ${center} on ${center}.id = ${cases.centerOrgId}
      where ${and(...where)}
      order by ${cases.updatedAt} desc, ${cases.id}
      limit ${limit}`),
  );
  return { total: rows[0] ? Number(rows[0].total) : 0, rows: rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt) })) };
}

/** The schools and centres to filter by, and the fiscal years the procedure has cases in. */
export async function filterChoices(db: Db, procedure: string) {
  const orgs = await db.select({ id: organizations.id, kind: organizations.kind, name: organizations.name }).from(organizations).orderBy(asc(organizations.name));
  const years = await db.selectDistinct({ fy: cases.fiscalYear }).from(cases).where(eq(cases.procedure, procedure)).orderBy(asc(cases.fiscalYear));
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
