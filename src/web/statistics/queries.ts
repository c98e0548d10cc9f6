/**
 * HQ statistics from the figures each case stores (cases.figures, a definition's FigureRow[] written with every
 * step): sums per figure over jsonb_array_elements, for one procedure and fiscal year, in one statement (grouping
 * sets for the total, per school and per centre, and a group per course 系/科). Rates (合格率) are computed in it too.
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { FigureDefinition, RateDefinition, StatisticsDefinition } from '../../../definitions/types.js';
import type { Db } from '../../db/client.js';
import { cases, organizations } from '../../db/schema.js';
import { rowsOf } from '../queries.js';

export interface StatisticsFilter {
  fiscalYear: number;
  centerId: string | null;
  /** One school's cases (its per-course figures); null: every school. */
  schoolId: string | null;
  /** Only cases whose procedure is done (finished, or closed although it accepts a late correction). */
  doneOnly: boolean;
}

/** The rates a definition declares over its own figures. */
export const ratesOf = (statistics: Pick<StatisticsDefinition, 'figures' | 'rates'>): RateDefinition[] =>
  (statistics.rates ?? []).filter((r) => statistics.figures.some((f) => f.key === r.numerator) && statistics.figures.some((f) => f.key === r.denominator));

export type GroupLevel = 'total' | 'school' | 'course' | 'center';

export interface FigureGroup {
  level: GroupLevel;
  schoolId: string | null;
  schoolName: string;
  centerId: string | null;
  centerName: string;
  family: string;
  course: string;
  /** Cases contributing at least one figure row to the group, and how many of them are done. */
  cases: number;
  done: number;
  values: Record<string, number>;
  /** Percentages by rate key, one decimal; null when the denominator is 0. */
  rates: Record<string, number | null>;
}

export interface StatisticsResult {
  total: FigureGroup;
  bySchool: FigureGroup[];
  byCourse: FigureGroup[];
  byCenter: FigureGroup[];
}

function caseFilter(procedure: string, f: StatisticsFilter): SQL {
  const parts = [eq(cases.procedure, procedure), eq(cases.fiscalYear, f.fiscalYear)];
  if (f.centerId) parts.push(eq(cases.centerOrgId, f.centerId));
  if (f.schoolId) parts.push(eq(cases.schoolOrgId, f.schoolId));
  if (f.doneOnly) parts.push(eq(cases.status, 'done'));
  return and(...parts)!;
}

const emptyGroup = (figures: FigureDefinition[], rates: RateDefinition[]): FigureGroup => ({
  level: 'total',
  schoolId: null,
  schoolName: '',
  centerId: null,
  centerName: '',
  family: '',
  course: '',
  cases: 0,
  done: 0,
  values: Object.fromEntries(figures.map((d) => [d.key, 0])),
  rates: Object.fromEntries(rates.map((r) => [r.key, null])),
});

/** The figures of one procedure's cases in a fiscal year: the total, per school, per course, per centre. */
export async function figureGroups(db: Db, procedure: string, figures: FigureDefinition[], rates: RateDefinition[], f: StatisticsFilter): Promise<StatisticsResult> {
  if (!figures.length) return { total: emptyGroup(figures, rates), bySchool: [], byCourse: [], byCenter: [] };
  const cols = (make: (name: SQL, i: number) => SQL) => sql.join(figures.map((_, i) => make(sql.raw(`f${i}`), i)), sql`, `);
  const column = (key: string) => sql.raw(`f${figures.findIndex((d) => d.key === key)}`);
  // Each figure is read once per row (float8); a case's rows are summed first, so per school and per centre a
  // case counts once without count(distinct); only a course (a case may list several) needs it. The planner
  // guesses 100 rows per jsonb_array_elements, which would make PostgreSQL JIT-compile the statement: seconds
  // of compiling for milliseconds of work, so JIT is off for this statement only (SET LOCAL).
  const query = sql`
    with figure_rows as (
      select ${cases.id} as id, ${cases.status} as status, ${cases.schoolOrgId} as school_id, ${cases.centerOrgId} as center_id,
             coalesce(r.value ->> 'family', '') as family, coalesce(r.value ->> 'course', '') as course,
             ${cols((name, i) => sql`coalesce((r.value -> 'values' ->> ${figures[i]!.key}::text)::float8, 0) as ${name}`)}
      from ${cases}
      cross join lateral jsonb_array_elements(case when jsonb_typeof(${cases.figures}) = 'array' then ${cases.figures} else '[]'::jsonb end) r
      where ${caseFilter(procedure, f)}
    ), per_case as (
      select id, min(status) as status, school_id, center_id, ${cols((name) => sql`sum(${name}) as ${name}`)}
      from figure_rows group by id, school_id, center_id
    ), grouped as (
      select grouping(school_id) as g_school, 1 as g_family, grouping(center_id) as g_center, school_id, center_id,
             '' as family, '' as course, count(*)::int as cases, (count(*) filter (where status = 'done'))::int as done,
             ${cols((name) => sql`coalesce(sum(${name}), 0) as ${name}`)}
      from per_case group by grouping sets ((), (school_id, center_id), (center_id))
      union all
      select 1, 0, 1, null::uuid, null::uuid, family, course, count(distinct id)::int, (count(distinct id) filter (where status = 'done'))::int,
             ${cols((name) => sql`coalesce(sum(${name}), 0)`)}
      from figure_rows group by family, course
    )
    select g.*, coalesce(s.name, '') as school_name, coalesce(ctr.name, '') as center_name
           ${sql.join(rates.map((r, i) => sql`, round((100.0 * ${column(r.numerator)} / nullif(${column(r.denominator)}, 0))::numeric, 1)::float8 as ${sql.raw(`r${i}`)}`), sql``)}
    from grouped g
    left join ${organizations} s on s.id = g.school_id
    left join ${organizations} ctr on ctr.id = g.center_id
  `;
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return tx.execute(query);
  });
  const out: StatisticsResult = { total: emptyGroup(figures, rates), bySchool: [], byCourse: [], byCenter: [] };
  for (const row of rowsOf<Record<string, unknown>>(result)) {
    const level: GroupLevel = Number(row.g_school) === 0 ? 'school' : Number(row.g_family) === 0 ? 'course' : Number(row.g_center) === 0 ? 'center' : 'total';
    const g: FigureGroup = {
      level,
      schoolId: level === 'school' ? ((row.school_id as string | null) ?? null) : null,
      schoolName: level === 'school' ? String(row.school_name ?? '') : '',
      centerId: level === 'school' || level === 'center' ? ((row.center_id as string | null) ?? null) : null,
      centerName: level === 'school' || level === 'center' ? String(row.center_name ?? '') : '',
      family: level === 'course' ? String(row.family ?? '') : '',
      course: level === 'course' ? String(row.course ?? '') : '',
      cases: Number(row.cases),
      done: Number(row.done),
      values: Object.fromEntries(figures.map((d, i) => [d.key, Number(row[`f${i}`] ?? 0)])),
      rates: Object.fromEntries(rates.map((r, i) => [r.key, row[`r${i}`] === null || row[`r${i}`] === undefined ? null : Number(row[`r${i}`])])),
    };
    if (level === 'total') out.total = g;
    else if (level === 'school') out.bySchool.push(g);
    else if (level === 'course') out.byCourse.push(g);
    else out.byCenter.push(g);
  }
  const ja = (a: string, b: string) => a.localeCompare(b, 'ja');
  out.bySchool.sort((a, b) => ja(a.schoolName, b.schoolName) || ja(a.centerName, b.centerName));
  out.byCourse.sort((a, b) => ja(a.family, b.family) || ja(a.course, b.course));
  out.byCenter.sort((a, b) => (a.centerId === null ? 1 : 0) - (b.centerId === null ? 1 : 0) || ja(a.centerName, b.centerName));
  return out;
}

/** How many of the year's cases (under the filter) there are, and how many have figures to count. */
export async function caseCoverage(db: Db, procedure: string, f: StatisticsFilter): Promise<{ all: number; counted: number }> {
  const [row] = await db
    .select({
      all: sql<number>`count(*)::int`,
      counted: sql<number>`(count(*) filter (where jsonb_typeof(${cases.figures}) = 'array' and jsonb_array_length(${cases.figures}) > 0))::int`,
    })
    .from(cases)
    .where(caseFilter(procedure, f));
  return { all: Number(row?.all ?? 0), counted: Number(row?.counted ?? 0) };
}

export interface StatisticsChoices {
  fiscalYears: number[];
  centers: { id: string; name: string }[];
  /** Every registered school with its centre (the page lists those of the chosen centre). */
  schools: { id: string; name: string; centerId: string | null }[];
}

/** The fiscal years the procedure has cases in, and the centres and schools to filter by. */
export async function statisticsChoices(db: Db, procedure: string): Promise<StatisticsChoices> {
  const years = await db.selectDistinct({ fy: cases.fiscalYear }).from(cases).where(eq(cases.procedure, procedure)).orderBy(asc(cases.fiscalYear));
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, centerId: organizations.centerId })
    .from(organizations)
    .where(inArray(organizations.kind, ['center', 'school']))
    .orderBy(asc(organizations.name), asc(organizations.id));
  return {
    fiscalYears: years.map((y) => y.fy),
    centers: orgs.filter((o) => o.kind === 'center').map(({ id, name }) => ({ id, name })),
    schools: orgs.filter((o) => o.kind === 'school').map(({ id, name, centerId }) => ({ id, name, centerId: centerId ?? null })),
  };
}
