/**
 * The reads behind the pages, each taking the database first so they can be benchmarked alone. Inbox and
 * dashboard follow the cases indexes: (waiting_on, status, next_due), (center_org_id, status, next_due) and
 * (school_org_id, status, next_due); the sort is next_due (index order) then id (an incremental sort on ties).
 */
import { and, asc, desc, eq, gt, gte, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { caseEvents, cases, organizations, users } from '../db/schema.js';
import type { Principal } from '../db/directory.js';
import { forbidden } from '../errors.js';
import { addDays, type IsoDate } from '../domain/dates.js';

export interface InboxFilters {
  procedure?: string;
  state?: string;
  schoolOrgId?: string;
  fiscalYear?: number;
  /** Centre officers may also list every active case of their region, not only those waiting on the centre. */
  scope?: 'waiting' | 'region';
  /** Words to find in the title, the school's name or any text the case holds (course, trainee names...). */
  text?: string;
  /** Only the cases the viewer has claimed. */
  mine?: boolean;
  page?: number;
  pageSize?: number;
}

const NO_ORG = '00000000-0000-0000-0000-000000000000';

/** `%word%` for ILIKE with the user's own % and _ taken literally. */
const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * Every word (split on spaces, at most 5) must appear in the title, the school's name or a text value of the
 * case's context (keys are not searched: "name" finds no one). Not indexed (a trigram index needs pg_trgm,
 * which embedded PGlite does not load): the caller's other conditions bound the rows it reads.
 */
export function textMatch(text: string | undefined): SQL | undefined {
  const words = (text ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 5);
  if (!words.length) return undefined;
  return and(
    ...words.map((w) => {
      const pat = likePattern(w);
      return or(
        ilike(cases.title, pat),
        ilike(organizations.name, pat),
        sql`exists (select 1 from jsonb_path_query(${cases.snapshot} -> 'context', 'strict $.**') as v(x) where jsonb_typeof(v.x) = 'string' and (v.x #>> '{}') ilike ${pat})`,
      )!;
    }),
  );
}

/** The rows a principal may see, as SQL: the same rule as canSee in src/engine/access.ts (a test checks both agree). */
export function visibleTo(p: Principal): SQL | undefined {
  if (p.role === 'school') return eq(cases.schoolOrgId, p.orgId ?? NO_ORG);
  if (p.role === 'center') return eq(cases.centerOrgId, p.orgId ?? NO_ORG);
  return undefined;
}

/**
 * When the case entered its current state: the latest history row that moved it there (a reminder or another
 * event that keeps the state does not count). One index lookup per row on case_events (case_id, seq).
 */
const enteredStateAt = sql<Date | string | null>`(select max(e.at) from ${caseEvents} e where e.case_id = ${cases.id} and e.to_state = ${cases.state} and e.from_state is distinct from e.to_state)`;

/** The cases waiting on the officer's office, soonest effective due date first; `hasNext` instead of a count. */
export async function inboxQuery(db: Db, p: Principal, f: InboxFilters = {}) {
  const where: SQL[] = [eq(cases.status, 'active')];
  if (p.role === 'hq') where.push(eq(cases.waitingOn, 'hq'));
  else if (p.role === 'center') {
    where.push(eq(cases.centerOrgId, p.orgId ?? NO_ORG));
    if (f.scope !== 'region') where.push(eq(cases.waitingOn, 'center'));
  } else throw forbidden('受付箱は本庁と職業能力開発センターの担当者のためのページです。');
  if (f.procedure) where.push(eq(cases.procedure, f.procedure));
  if (f.state) where.push(eq(cases.state, f.state));
  if (f.schoolOrgId) where.push(eq(cases.schoolOrgId, f.schoolOrgId));
  if (f.fiscalYear) where.push(eq(cases.fiscalYear, f.fiscalYear));
  if (f.mine) where.push(eq(cases.assigneeUserId, p.userId));
  const text = textMatch(f.text);
  if (text) where.push(text);
  const pageSize = Math.min(Math.max(f.pageSize ?? 50, 1), 200);
  const page = Math.max(f.page ?? 1, 1);
  const rows = await db
    .select({ row: cases, schoolName: organizations.name, enteredStateAt })
    .from(cases)
    .leftJoin(organizations, eq(organizations.id, cases.schoolOrgId))
    .where(and(...where))
    .orderBy(sql`${cases.nextDue} ASC NULLS LAST`, asc(cases.id))
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize);
  return {
    rows: rows.slice(0, pageSize).map((r) => ({ ...r.row, schoolName: r.schoolName, enteredStateAt: r.enteredStateAt === null ? null : new Date(r.enteredStateAt) })),
    hasNext: rows.length > pageSize,
    page,
    pageSize,
  };
}

export type InboxRow = Awaited<ReturnType<typeof inboxQuery>>['rows'][number];

export interface CaseListFilters {
  text?: string;
  procedure?: string;
  state?: string;
  fiscalYear?: number;
  schoolOrgId?: string;
  status?: 'active' | 'done';
  page?: number;
  pageSize?: number;
}

/** Every case the principal may see, most recently changed first, with the list's filters and paging. */
export async function caseListQuery(db: Db, p: Principal, f: CaseListFilters = {}) {
  const where: SQL[] = [];
  const scope = visibleTo(p);
  if (scope) where.push(scope);
  if (f.procedure) where.push(eq(cases.procedure, f.procedure));
  if (f.state) where.push(eq(cases.state, f.state));
  if (f.fiscalYear) where.push(eq(cases.fiscalYear, f.fiscalYear));
  if (f.schoolOrgId) where.push(eq(cases.schoolOrgId, f.schoolOrgId));
  if (f.status) where.push(eq(cases.status, f.status));
  const text = textMatch(f.text);
  if (text) where.push(text);
  const pageSize = Math.min(Math.max(f.pageSize ?? 50, 1), 200);
  const page = Math.max(f.page ?? 1, 1);
  const rows = await db
    .select({
      id: cases.id,
      procedure: cases.procedure,
      definitionVersion: cases.definitionVersion,
      title: cases.title,
      state: cases.state,
      status: cases.status,
      fiscalYear: cases.fiscalYear,
      waitingOn: cases.waitingOn,
      nextDue: cases.nextDue,
      schoolOrgId: cases.schoolOrgId,
      centerOrgId: cases.centerOrgId,
      schoolName: organizations.name,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .leftJoin(organizations, eq(organizations.id, cases.schoolOrgId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(cases.updatedAt), asc(cases.id))
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize);
  return { rows: rows.slice(0, pageSize), hasNext: rows.length > pageSize, page, pageSize };
}

export type CaseListRow = Awaited<ReturnType<typeof caseListQuery>>['rows'][number];

/** A school's active cases (soonest due first) and those finished in the last 30 days. */
export const DASHBOARD_CASES = 100;

export async function dashboardQuery(db: Db, p: Principal, today: IsoDate) {
  if (p.role !== 'school' || !p.orgId) throw forbidden('ダッシュボードは訓練校の担当者のためのページです。');
  const active = await db
    .select()
    .from(cases)
    .where(and(eq(cases.schoolOrgId, p.orgId), eq(cases.status, 'active')))
    .orderBy(sql`${cases.nextDue} ASC NULLS LAST`, asc(cases.id))
    // The soonest 100 are what a school acts on; each row carries its snapshot (deadlines are computed from it),
    // so a longer page mostly costs moving JSON.
    .limit(DASHBOARD_CASES);
  const recentlyDone = await db
    .select({ id: cases.id, title: cases.title, state: cases.state, procedure: cases.procedure, updatedAt: cases.updatedAt })
    .from(cases)
    .where(and(eq(cases.schoolOrgId, p.orgId), eq(cases.status, 'done'), gte(cases.updatedAt, new Date(`${addDays(today, -30)}T00:00:00+09:00`))))
    .orderBy(desc(cases.updatedAt))
    .limit(20);
  return { active, recentlyDone };
}

/** Schools an officer may filter by: all for HQ (and analysts, admins), the region's for a centre, its own for a school. */
export async function schoolsOf(db: Db, p: Principal) {
  const where = [eq(organizations.kind, 'school')];
  if (p.role === 'school') where.push(eq(organizations.id, p.orgId ?? NO_ORG));
  if (p.role === 'center') where.push(eq(organizations.centerId, p.orgId ?? NO_ORG));
  return db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(and(...where)).orderBy(asc(organizations.name));
}

export async function organizationNames(db: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map<string, string>();
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(sql`${organizations.id} IN (${sql.join(wanted.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A case's history with who acted (e-mail of the user; the scheduler has none). */
export async function historyWithActors(db: Db, caseId: string) {
  return db
    .select({
      seq: caseEvents.seq,
      type: caseEvents.type,
      payload: caseEvents.payload,
      actorKind: caseEvents.actorKind,
      actorRole: caseEvents.actorRole,
      actorEmail: users.email,
      actorName: users.name,
      fromState: caseEvents.fromState,
      toState: caseEvents.toState,
      at: caseEvents.at,
    })
    .from(caseEvents)
    .leftJoin(users, eq(users.id, caseEvents.actorUserId))
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.seq));
}

/** Both drivers answer db.execute differently: postgres.js an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Cases per procedure and status, for the list of procedures. */
export async function procedureTotals(db: Db) {
  const rows = await db
    .select({ procedure: cases.procedure, status: cases.status, n: sql<number>`count(*)::int` })
    .from(cases)
    .groupBy(cases.procedure, cases.status);
  return rows;
}

export interface StateFigures {
  state: string;
  total: number;
  active: number;
  overdue: number;
  medianDays: number | null;
}

/**
 * Per state of one procedure: cases in it, active ones past their earliest effective due date, and the median
 * days a case spends in it (the sum of its stays, the current stay counted up to `now`; a clock set back counts 0).
 */
export async function procedureFigures(db: Db, procedure: string, today: IsoDate, now: Date): Promise<Map<string, StateFigures>> {
  const counts = await db
    .select({
      state: cases.state,
      total: sql<number>`count(*)::int`,
      active: sql<number>`(count(*) filter (where ${cases.status} = 'active'))::int`,
      overdue: sql<number>`(count(*) filter (where ${cases.status} = 'active' and ${cases.nextDue} < ${today}))::int`,
    })
    .from(cases)
    .where(eq(cases.procedure, procedure))
    .groupBy(cases.state);
  const medians = rowsOf<{ state: string; median: number }>(
    await db.execute(sql`
      with stays as (
        select e.case_id, e.to_state as state, e.at,
               lead(e.at) over (partition by e.case_id order by e.seq) as left_at
        from ${caseEvents} e join ${cases} c on c.id = e.case_id
        where c.procedure = ${procedure}
      ), per_case as (
        select case_id, state, sum(greatest(0, extract(epoch from (coalesce(left_at, ${now.toISOString()}::timestamptz) - at)))) / 86400.0 as days
        from stays group by case_id, state
      )
      select state, (percentile_cont(0.5) within group (order by days))::float8 as median from per_case group by state`),
  );
  const out = new Map<string, StateFigures>();
  for (const c of counts) out.set(c.state, { ...c, medianDays: null });
  for (const m of medians) {
    const f = out.get(m.state) ?? { state: m.state, total: 0, active: 0, overdue: 0, medianDays: null };
    out.set(m.state, { ...f, medianDays: m.median === null ? null : Number(m.median) });
  }
  return out;
}

/** One batch of a procedure's cases for the CSV export, in id order after `afterId` (keyset paging). */
export async function exportBatch(db: Db, procedure: string, afterId: string | null, size = 1000) {
  const where = [eq(cases.procedure, procedure)];
  if (afterId) where.push(gt(cases.id, afterId));
  return db
    .select({
      id: cases.id,
      title: cases.title,
      definitionVersion: cases.definitionVersion,
      schoolOrgId: cases.schoolOrgId,
      schoolName: organizations.name,
      centerOrgId: cases.centerOrgId,
      fiscalYear: cases.fiscalYear,
      state: cases.state,
      status: cases.status,
      waitingOn: cases.waitingOn,
      nextDue: cases.nextDue,
      version: cases.version,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .leftJoin(organizations, eq(organizations.id, cases.schoolOrgId))
    .where(and(...where))
    .orderBy(asc(cases.id))
    .limit(size);
}

/**
 * Per case of a page of rows, the latest event among the types its own procedure lists (two procedures may
 * name an event alike and tell different offices); one query, bounded by the page's ids.
 */
export async function latestEventsOf(db: Db, rows: { id: string; procedure: string }[], typesOf: (procedure: string) => ReadonlySet<string>) {
  const out = new Map<string, { type: string; at: Date }>();
  const types = [...new Set(rows.flatMap((r) => [...typesOf(r.procedure)]))];
  if (!rows.length || !types.length) return out;
  const found = rowsOf<{ case_id: string; type: string; at: Date | string }>(
    await db.execute(sql`
      select distinct on (case_id, type) case_id, type, at from ${caseEvents}
      where case_id in (${sql.join(rows.map((r) => sql`${r.id}::uuid`), sql`, `)})
        and type in (${sql.join(types.map((t) => sql`${t}`), sql`, `)})
      order by case_id, type, seq desc`),
  );
  const procedureOf = new Map(rows.map((r) => [r.id, r.procedure]));
  for (const f of found) {
    if (!typesOf(procedureOf.get(f.case_id) ?? '').has(f.type)) continue;
    const at = new Date(f.at);
    const seen = out.get(f.case_id);
    if (!seen || seen.at < at) out.set(f.case_id, { type: f.type, at });
  }
  return out;
}
