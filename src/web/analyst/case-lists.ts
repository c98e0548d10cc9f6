/**
 * The cases behind a state (now in it) or a transition (took it) of the analyst's diagram, newest change first.
 *
 * At a million cases a common transition has a hundred thousand cases: looking each one up for its time of last
 * change is seconds. So the total comes from the counts (migrations 0010/0011) and the page's rows are found by
 * walking the cases in order of last change (an index per procedure, year, or state) until enough match, each
 * walked case checked against its ways by primary key. A walk is bounded; when it does not find enough (the
 * matches are few, or all behind many newer cases) the matches are taken from the way index (or the state's
 * cases) and sorted, which is cheap exactly then. Date ranges, and a state and a transition together, take the
 * one query that does everything from the cases.
 */
import { and, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { analystCaseWays, cases, organizations } from '../../db/schema.js';
import { rowsOf } from '../queries.js';
import { readCounts } from './counts.js';
import { byHistory, caseWhere, type AnalystFilter } from './filter.js';

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

type Found = { total: number; rows: ListedCase[] };

export interface ListBounds {
  /** Up to this many matches are looked up and sorted; more are walked in order of last change. */
  directMax: number;
  /** Cases walked (per state) before giving up the walk for the sort. */
  walkMax: number;
}
const BOUNDS: ListBounds = { directMax: 3000, walkMax: 5000 };

const within = (column: SQL, path: string) => sql`(${column} = ${path} or ${column} like ${`${path.replace(/[\\%_]/g, (ch) => `\\${ch}`)}.%`})`;
const isWithin = (value: string, path: string) => value === path || value.startsWith(`${path}.`);

/** The cases of a selection, newest change first, at most `limit` (with the total). */
export async function selectedCases(db: Db, procedure: string, f: AnalystFilter, s: CaseSelection, limit = 200, bounds = BOUNDS): Promise<Found> {
  if (byHistory(f) || (s.state && s.event) || (!s.state && !s.event)) return fromCases(db, procedure, f, s, limit);
  if (s.event) return tookWay(db, procedure, f, s, limit, bounds);
  // A school's cases are few: one pass over them.
  if (f.schoolId) return fromCases(db, procedure, f, s, limit);
  return inState(db, procedure, f, s.state!, limit, bounds);
}

/** The page's rows with their names, from a statement giving (id, updated_at) in order. */
async function named(db: Db, top: SQL, total: SQL | number): Promise<(ListedCase & { total: number })[]> {
  const school = sql.raw('school');
  const center = sql.raw('center');
  const c = sql.raw('c');
  const rows = rowsOf<ListedCase & { total: number }>(
    await db.execute(sql`
      with top as (${top})
      select ${c}.id as id, ${c}.title as title, ${c}.state as state, ${c}.status as status,
             ${c}.fiscal_year as "fiscalYear", ${school}.name as "schoolName", ${center}.name as "centerName",
             ${c}.next_due::text as "nextDue", ${c}.updated_at as "updatedAt", (${typeof total === 'number' ? sql`${total}` : total})::int as total
      from top join ${cases} ${c} on ${c}.id = top.id
      left join ${organizations} ${school} on ${school}.id = ${c}.school_org_id
      left join ${organizations} ${center} on ${center}.id = ${c}.center_org_id
      order by top.updated_at desc, top.id`),
  );
  return rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt) }));
}

const done = (rows: (ListedCase & { total: number })[], total?: number): Found => ({
  total: total ?? (rows[0] ? Number(rows[0].total) : 0),
  rows: rows.map(({ total: _, ...r }) => r),
});

/** Everything from the cases: the matching ones once (ids and times), the page's rows from them. */
async function fromCases(db: Db, procedure: string, f: AnalystFilter, s: CaseSelection, limit: number): Promise<Found> {
  const where: SQL[] = [caseWhere(procedure, f)];
  if (s.state) where.push(within(sql`${cases.state}`, s.state));
  if (s.event) {
    const e: SQL[] = [sql`e.case_id = ${cases.id}`, sql`e.type = ${s.event}`];
    if (s.from) e.push(within(sql`e.from_state`, s.from));
    if (s.to) e.push(within(sql`e.to_state`, s.to));
    if (s.stays) e.push(sql`e.to_state = e.from_state`);
    where.push(sql`exists (select 1 from ${analystCaseWays} e where ${and(...e)})`);
  }
  const school = sql.raw('school');
  const center = sql.raw('center');
  const c = sql.raw('c');
  // The organisations are joined to the rows shown, not to every match.
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
  return done(rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt) })));
}

/** Conditions on the cases table's year, centre and school under the filter. */
function caseDims(f: AnalystFilter, alias: string): SQL {
  const a = sql.raw(alias);
  const parts: SQL[] = [sql`true`];
  if (f.fiscalYear !== null) parts.push(sql`${a}.fiscal_year = ${f.fiscalYear}`);
  if (f.centerId) parts.push(sql`${a}.center_org_id = ${f.centerId}`);
  if (f.schoolId) parts.push(sql`${a}.school_org_id = ${f.schoolId}`);
  return and(...parts)!;
}

/** Cases that took the event (from, to as selected): the (event, from, to) steps that match, from the counts. */
async function tookWay(db: Db, procedure: string, f: AnalystFilter, s: CaseSelection, limit: number, bounds: ListBounds): Promise<Found> {
  const ways = (await readCounts(db, procedure, ['way'], f)).filter(
    (w) => w.n > 0 && w.k1 === s.event && (!s.from || isWithin(w.k2, s.from)) && (!s.to || isWithin(w.k3, s.to)) && (!s.stays || w.k2 === w.k3),
  );
  if (!ways.length) return { total: 0, rows: [] };
  const triples = sql.join(
    ways.map((w) => sql`(${w.k1}::text, ${w.k2}::text, ${w.k3}::text)`),
    sql`, `,
  );
  const wayDims: SQL[] = [sql`w.procedure = ${procedure}`, sql`(w.type, w.from_state, w.to_state) in (${triples})`];
  if (f.fiscalYear !== null) wayDims.push(sql`w.fiscal_year = ${f.fiscalYear}`);
  if (f.centerId) wayDims.push(sql`w.center_org_id = ${f.centerId}`);
  if (f.schoolId) wayDims.push(sql`w.school_org_id = ${f.schoolId}`);
  // A case takes a given step once in the ways, so one step's count is its cases; several steps may share cases.
  let total = ways.length === 1 ? ways[0]!.n : -1;
  if (total < 0) {
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(distinct w.case_id)::int as n from analyst_case_ways w where ${and(...wayDims)}`));
    total = Number(row?.n ?? 0);
  }
  if (total === 0) return { total: 0, rows: [] };
  const wanted = Math.min(limit, total);
  const direct = async () =>
    done(
      await named(
        db,
        sql`select c.id, c.updated_at from (select distinct w.case_id from analyst_case_ways w where ${and(...wayDims)}) m
            join ${cases} c on c.id = m.case_id order by c.updated_at desc, c.id limit ${limit}`,
        total,
      ),
      total,
    );
  if (total <= bounds.directMax) return direct();
  // The walk: the procedure's (or the year's) cases by last change, each checked against its ways by primary key
  // (OFFSET 0 keeps the check a per-row probe instead of a join over every match).
  const walked = sql`select id, updated_at, center_org_id, school_org_id from ${cases}
    where procedure = ${procedure} ${f.fiscalYear !== null ? sql`and fiscal_year = ${f.fiscalYear}` : sql``}
    order by updated_at desc, id limit ${bounds.walkMax}`;
  const rows = await named(
    db,
    sql`select k.id, k.updated_at from (${walked}) k
        where ${caseDims({ ...f, fiscalYear: null }, 'k')}
          and exists (select 1 from analyst_case_ways e where e.case_id = k.id and (e.type, e.from_state, e.to_state) in (${triples}) offset 0)
        order by k.updated_at desc, k.id limit ${limit}`,
    total,
  );
  return rows.length >= wanted ? done(rows, total) : direct();
}

/** Cases now in a state (or its children): each leaf's cases by last change, merged. */
async function inState(db: Db, procedure: string, f: AnalystFilter, state: string, limit: number, bounds: ListBounds): Promise<Found> {
  const leaves = (await readCounts(db, procedure, ['now'], f)).filter((r) => r.n > 0 && isWithin(r.k1, state));
  const total = leaves.reduce((n, r) => n + r.n, 0);
  if (total === 0) return { total: 0, rows: [] };
  const states = [...new Set(leaves.map((r) => r.k1))];
  const wanted = Math.min(limit, total);
  const direct = async () =>
    done(
      await named(
        db,
        sql`select c.id, c.updated_at from ${cases} c
            where c.procedure = ${procedure} and c.state in (${sql.join(
              states.map((x) => sql`${x}`),
              sql`, `,
            )}) and ${caseDims(f, 'c')}
            order by c.updated_at desc, c.id limit ${limit}`,
        total,
      ),
      total,
    );
  if (total <= bounds.directMax) return direct();
  const filtered = f.fiscalYear !== null || f.centerId !== null;
  const branch = (x: string) =>
    filtered
      ? sql`(select k.id, k.updated_at from (select id, updated_at, fiscal_year, center_org_id, school_org_id from ${cases}
             where procedure = ${procedure} and state = ${x} order by updated_at desc, id limit ${bounds.walkMax}) k
             where ${caseDims(f, 'k')} order by k.updated_at desc, k.id limit ${limit})`
      : sql`(select id, updated_at from ${cases} where procedure = ${procedure} and state = ${x} order by updated_at desc, id limit ${limit})`;
  const rows = await named(
    db,
    sql`select id, updated_at from (${sql.join(states.map(branch), sql` union all `)}) u order by updated_at desc, id limit ${limit}`,
    total,
  );
  return rows.length >= wanted ? done(rows, total) : direct();
}
