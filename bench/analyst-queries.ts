/**
 * Scenario 8, the analyst pages at scale: `cases` cases (about `historyPerCase` history rows each) over every
 * registered procedure, 5 fiscal years, 200 schools under 6 centres, with timers and recorded late filings, seeded
 * by INSERT ... SELECT from a catalogue of random walks through each procedure's own statechart (real states and
 * events, in an order the machine allows). The analyst aggregates (migration 0010) are then rebuilt in one pass by
 * analyst_rebuild(), as a bulk load would, and each analyst query the pages call (src/web/analyst/queries.ts) is
 * timed under the page's default filter and under a fiscal year, a school and a centre, with the EXPLAIN
 * (ANALYZE, BUFFERS) of every statement it sent.
 */
import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { defaultRegistry } from '../definitions/index.js';
import { DEADLINE_EVENT, type AnyProcedureDefinition } from '../definitions/types.js';
import type { Db } from '../src/db/client.js';
import * as schema from '../src/db/schema.js';
import { procedureGraph, type ProcedureGraph } from '../src/diagrams/graph.js';
import type { IsoDate } from '../src/domain/dates.js';
import { casePaths, filterChoices, latenessByDeadline, selectedCases, stateFigures, wayCounts, type AnalystFilter } from '../src/web/analyst/queries.js';
import { percentile } from './stats.js';

export const ANALYST_TODAY = '2026-10-15' as IsoDate;
const NOW = new Date('2026-10-15T12:00:00+09:00');
const FISCAL_YEARS = [2022, 2023, 2024, 2025, 2026];
const CURRENT_FY = 2026;
const CENTRES = 6;
const SCHOOLS = 200;
const WALKS = 160;

export interface AnalystScenarioOptions {
  cases: number;
  historyPerCase: number;
  reps: number;
}

export interface AnalystQueryRow {
  /** Which page query, e.g. 'stateFigures'. */
  query: string;
  /** 'none' (the page's default), 'fiscal year', 'school', 'centre', 'date range'. */
  filter: string;
  reps: number;
  p50: number;
  p95: number;
  /** Statements it sent, their summed execution time under EXPLAIN ANALYZE, buffers, indexes used. */
  plan: { statements: number; ms: number; sharedHit: number; sharedRead: number; indexes: string[]; slowest: string };
}

export interface AnalystScenarioResult {
  procedure: string;
  cases: number;
  historyRows: number;
  timers: number;
  procedures: { id: string; cases: number }[];
  seedSeconds: number;
  rebuildSeconds: number;
  tables: { name: string; mb: number; rows: number }[];
  rows: AnalystQueryRow[];
  /** One line per (query, filter): the EXPLAIN summary. */
  planLines: string[];
  /** The aggregates' answers compared with the same figures computed from the history (smallest procedure). */
  verified: { procedure: string; checks: number; mismatches: string[] };
}

// --- the catalogue of walks ----------------------------------------------------------------------------------

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Walk {
  steps: { type: string; from: string | null; to: string; days: number }[];
  done: boolean;
}

/** Random walks through the statechart: from the initial leaf, by the transitions the graph draws. */
function walksOf(graph: ProcedureGraph, count: number, maxLen: number, rnd: () => number): Walk[] {
  const byId = new Map(graph.states.map((s) => [s.id, s]));
  const leafOf = (id: string): string => {
    let s = byId.get(id)!;
    while (s.kind === 'compound' && s.initial) s = byId.get(s.initial)!;
    return s.id;
  };
  const ancestors = (id: string) => {
    const out: string[] = [];
    for (let s = byId.get(id); s; s = s.parent ? byId.get(s.parent) : undefined) out.push(s.id);
    return out;
  };
  const settle = (id: string): string => {
    // Eventless transitions are taken within the same step: the history never rests in a transient state.
    for (let i = 0; i < 10; i++) {
      const s = byId.get(id)!;
      if (!s.transient) return id;
      const autos = graph.transitions.filter((t) => t.kind === 'auto' && ancestors(id).includes(t.from) && !t.internal);
      if (!autos.length) return id;
      id = leafOf(autos[Math.floor(rnd() * autos.length)]!.to);
    }
    return id;
  };
  const start = graph.initial ? settle(leafOf(graph.initial)) : graph.states[0]!.id;
  const walks: Walk[] = [];
  for (let w = 0; w < count; w++) {
    const target = 1 + Math.floor(rnd() * maxLen);
    let at = start;
    const steps: Walk['steps'] = [{ type: 'CASE_CREATED', from: null, to: byId.get(at)!.path, days: 0 }];
    let done = byId.get(at)!.kind === 'final';
    while (!done && steps.length < target) {
      const up = ancestors(at);
      const own = graph.transitions.filter((t) => t.kind !== 'auto' && up.includes(t.from));
      const grouped = graph.groups.filter((g) => g.from.some((f) => up.includes(f)));
      const moving = own.filter((t) => !t.internal);
      const staying = own.filter((t) => t.internal);
      const r = rnd();
      let type: string;
      let to: string;
      if (grouped.length && (r < 0.04 || (!moving.length && !staying.length))) {
        const g = grouped[Math.floor(rnd() * grouped.length)]!;
        type = g.event;
        to = g.to ? settle(leafOf(g.to)) : at;
      } else if (staying.length && (r < 0.2 || !moving.length)) {
        const t = staying[Math.floor(rnd() * staying.length)]!;
        type = t.event;
        to = at;
      } else if (moving.length) {
        const t = moving[Math.floor(rnd() * moving.length)]!;
        type = t.kind === 'timer' ? DEADLINE_EVENT : t.event;
        to = settle(leafOf(t.to));
      } else break;
      steps.push({ type, from: byId.get(at)!.path, to: byId.get(to)!.path, days: Math.max(0, Math.round(-Math.log(1 - rnd()) * 12)) });
      at = to;
      done = byId.get(at)!.kind === 'final';
    }
    walks.push({ steps, done });
  }
  return walks;
}

/** Weights over walks (∝ exp(θ·length)) so that the cases' mean history length is `mean`. */
function weightsFor(walks: Walk[], mean: number): number[] {
  const at = (theta: number) => {
    const w = walks.map((x) => Math.exp(theta * x.steps.length));
    const sum = w.reduce((a, b) => a + b, 0);
    return { w: w.map((x) => x / sum), mean: walks.reduce((a, x, i) => a + (x.steps.length * w[i]!) / sum, 0) };
  };
  let lo = -3;
  let hi = 3;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (at(mid).mean < mean) lo = mid;
    else hi = mid;
  }
  return at((lo + hi) / 2).w;
}

// --- seeding -------------------------------------------------------------------------------------------------

const SHARE: Record<string, number> = { 'skill-check': 30, 'completion-exam': 20 };

export async function seedAnalystWorld(url: string, opts: { cases: number; historyPerCase: number }) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const t0 = performance.now();
  const definitions = defaultRegistry().list();
  const rnd = mulberry32(20261015);
  await sql`SET work_mem = '256MB'`;
  await sql`SET maintenance_work_mem = '1GB'`;
  await sql`SET synchronous_commit = off`;

  // Organisations: HQ, 6 centres, 200 schools.
  await sql`INSERT INTO organizations (id, kind, name) VALUES (${randomUUID()}, 'hq', '能力開発課 (analyst gen)')`;
  await sql`CREATE TEMP TABLE gen_centres AS SELECT g - 1 AS idx, gen_random_uuid() AS id FROM generate_series(1, ${CENTRES}) g`;
  await sql`INSERT INTO organizations (id, kind, name) SELECT id, 'center', '職業能力開発センター' || idx || ' (analyst gen)' FROM gen_centres`;
  await sql`CREATE TEMP TABLE gen_schools AS SELECT g - 1 AS idx, gen_random_uuid() AS id, c.id AS center_id FROM generate_series(1, ${SCHOOLS}) g JOIN gen_centres c ON c.idx = g % ${CENTRES}`;
  await sql`INSERT INTO organizations (id, kind, name, center_id) SELECT id, 'school', '訓練校' || idx || ' (analyst gen)', center_id FROM gen_schools`;

  // The catalogue: per procedure, walks (done and still open), 1,000 slots to pick a walk by weight, deadlines.
  await sql`CREATE TEMP TABLE gen_procs (idx int, procedure text, lo int, hi int)`;
  await sql`CREATE TEMP TABLE gen_walks (procedure text, walk int, done boolean, last_state text, steps int)`;
  await sql`CREATE TEMP TABLE gen_steps (procedure text, walk int, seq int, type text, from_state text, to_state text, day int)`;
  await sql`CREATE TEMP TABLE gen_slots (procedure text, done boolean, slot int, walk int)`;
  await sql`CREATE TEMP TABLE gen_deadlines (procedure text, idx int, name text, soft boolean)`;
  const shares = definitions.map((d) => SHARE[d.id] ?? 50 / Math.max(1, definitions.length - 2));
  const total = shares.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (const [i, d] of definitions.entries()) {
    const lo = Math.round((acc / total) * 10_000);
    acc += shares[i]!;
    const hi = Math.round((acc / total) * 10_000);
    await sql`INSERT INTO gen_procs VALUES (${i}, ${d.id}, ${lo}, ${hi})`;
    await seedCatalogue(sql, d, opts.historyPerCase, rnd);
  }

  // Cases: procedure, fiscal year, school by multiplicative hashing of g; done walks for most of the past years.
  await sql`
    CREATE TEMP TABLE gen_cases AS
    SELECT gen_random_uuid() AS id, p.procedure, fy.fy, s.id AS school, s.center_id AS centre, w.walk, w.done, w.last_state,
           (make_date(fy.fy, 4, 1)::timestamp AT TIME ZONE 'Asia/Tokyo') + ((g::bigint * 7919) % 200) * interval '1 day' + ((g::bigint * 104729) % 30000) * interval '1 second' AS created_at,
           g::bigint AS g
    FROM generate_series(1, ${opts.cases}) g
    JOIN gen_procs p ON (g::bigint * 2654435761) % 10000 >= p.lo AND (g::bigint * 2654435761) % 10000 < p.hi
    CROSS JOIN LATERAL (SELECT (${sql.array(FISCAL_YEARS)}::int[])[1 + (g::bigint * 40503) % ${FISCAL_YEARS.length}] AS fy) fy
    JOIN gen_schools s ON s.idx = (g::bigint * 48271) % ${SCHOOLS}
    JOIN gen_slots sl ON sl.procedure = p.procedure AND sl.slot = (g::bigint * 69621) % 1000
                     AND sl.done = CASE WHEN fy.fy < ${CURRENT_FY} THEN (g::bigint * 16807) % 100 < 92 ELSE (g::bigint * 16807) % 100 < 35 END
    JOIN gen_walks w ON w.procedure = p.procedure AND w.walk = sl.walk`;
  // Bulk load: the analyst triggers off (rebuilt in one pass below), the history's unique index built afterwards.
  await sql`ALTER TABLE case_events DISABLE TRIGGER analyst_case_events_ai`;
  await sql`ALTER TABLE timers DISABLE TRIGGER analyst_timers_aiud`;
  await sql`ALTER TABLE cases DISABLE TRIGGER analyst_cases_ai`;
  const restoreBase = await dropIndexes(sql, ['cases', 'case_events', 'timers']);
  await sql`
    INSERT INTO cases (id, procedure, definition_version, title, school_org_id, center_org_id, fiscal_year, state, status, snapshot, version, waiting_on, next_due, created_at, updated_at)
    SELECT c.id, c.procedure, 1, '生成した案件 ' || c.g, c.school, c.centre, c.fy, c.last_state,
           CASE WHEN c.done THEN 'done' ELSE 'active' END,
           jsonb_build_object('status', CASE WHEN c.done THEN 'done' ELSE 'active' END, 'value', c.last_state,
             'context', jsonb_build_object('lateness', CASE WHEN (c.g * 31) % 100 < 12 AND d.name IS NOT NULL
               THEN jsonb_build_array(jsonb_build_object('deadline', d.name, 'daysLate', 1 + ((c.g * 7) % 29) * ((c.g * 13) % 3 + 1) / 2))
               ELSE '[]'::jsonb END)),
           w.steps, NULL,
           CASE WHEN NOT c.done THEN ${ANALYST_TODAY}::date - 60 + ((c.g * 9973) % 200)::int END,
           c.created_at, c.created_at + (w.steps * interval '9 days')
    FROM gen_cases c JOIN gen_walks w ON w.procedure = c.procedure AND w.walk = c.walk
    LEFT JOIN gen_deadlines d ON d.procedure = c.procedure AND d.soft AND d.idx = 0`;
  await sql`
    INSERT INTO case_events (case_id, seq, type, payload, actor_kind, actor_role, from_state, to_state, at, recorded_at)
    SELECT c.id, st.seq, st.type, '{}'::jsonb, CASE WHEN st.type = ${DEADLINE_EVENT} THEN 'scheduler' ELSE 'user' END,
           CASE WHEN st.type = ${DEADLINE_EVENT} THEN 'system' ELSE 'school' END, st.from_state, st.to_state,
           c.created_at + st.day * interval '1 day' + st.seq * interval '17 minutes' + ((c.g * st.seq) % 1000) * interval '1 second',
           c.created_at + st.day * interval '1 day'
    FROM gen_cases c JOIN gen_steps st ON st.procedure = c.procedure AND st.walk = c.walk`;
  // Timers: an overdue timer per deadline the case met (one or two): fired (missed), cancelled (in time), or
  // still pending for open cases.
  await sql`
    INSERT INTO timers (id, case_id, deadline, kind, nominal, effective, fire_at, status, created_at)
    SELECT gen_random_uuid(), c.id, d.name, 'overdue', ${ANALYST_TODAY}::date, ${ANALYST_TODAY}::date, c.created_at + interval '30 days',
           CASE WHEN NOT c.done AND (c.g + d.idx) % 3 = 0 THEN 'pending' WHEN (c.g * 17 + d.idx) % 100 < 18 THEN 'fired' ELSE 'cancelled' END,
           c.created_at
    FROM gen_cases c JOIN gen_deadlines d ON d.procedure = c.procedure AND d.idx < 1 + (c.g % 2)`;
  await restoreBase();
  await sql`ALTER TABLE case_events ENABLE TRIGGER analyst_case_events_ai`;
  await sql`ALTER TABLE timers ENABLE TRIGGER analyst_timers_aiud`;
  await sql`ALTER TABLE cases ENABLE TRIGGER analyst_cases_ai`;
  const seeded = performance.now();
  const restoreAnalyst = await dropIndexes(sql, ['analyst_case_states', 'analyst_case_ways', 'analyst_case_paths', 'analyst_case_deadlines', 'analyst_case_lateness', 'analyst_counts']);
  // The rebuild reads the whole history in order: one sort beats ten million index probes into a heap loaded
  // in another order.
  await sql`SET enable_indexscan = off`;
  await sql`SELECT analyst_rebuild()`;
  await sql`RESET enable_indexscan`;
  await restoreAnalyst();
  await sql`VACUUM ANALYZE`;
  const rebuilt = performance.now();
  const [counts] = await sql<{ cases: number; events: number; timers: number }[]>`
    SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM case_events)::int AS events, (SELECT count(*) FROM timers)::int AS timers`;
  const procedures = (await sql<{ id: string; cases: number }[]>`SELECT procedure AS id, count(*)::int AS cases FROM gen_cases GROUP BY 1 ORDER BY 2 DESC`).map((r) => ({ ...r }));
  const tables = (
    await sql<{ name: string; mb: number; rows: number }[]>`
      SELECT c.relname AS name, pg_total_relation_size(c.oid) / 1048576.0 AS mb, c.reltuples::bigint AS rows FROM pg_class c
      WHERE c.relkind = 'r' AND c.relname IN ('cases', 'case_events', 'timers', 'analyst_case_states', 'analyst_case_ways', 'analyst_case_paths', 'analyst_case_deadlines', 'analyst_case_lateness', 'analyst_counts')
      ORDER BY 2 DESC`
  ).map((r) => ({ name: r.name, mb: Number(r.mb), rows: Number(r.rows) }));
  const schools = (await sql<{ id: string }[]>`SELECT id FROM gen_schools ORDER BY idx`).map((r) => r.id);
  const centres = (await sql<{ id: string }[]>`SELECT id FROM gen_centres ORDER BY idx`).map((r) => r.id);
  await sql.end();
  return {
    cases: counts!.cases,
    historyRows: counts!.events,
    timers: counts!.timers,
    procedures,
    tables,
    schools,
    centres,
    seedSeconds: (seeded - t0) / 1000,
    rebuildSeconds: (rebuilt - seeded) / 1000,
  };
}

/** Drops the tables' indexes (and the constraints they back) for a bulk load; the function returned puts them back. */
async function dropIndexes(sql: postgres.Sql, tables: string[]) {
  const rows = await sql<{ name: string; table: string; def: string; conname: string | null; contype: string | null }[]>`
    SELECT i.indexrelid::regclass::text AS name, t.relname AS table, pg_get_indexdef(i.indexrelid) AS def, c.conname, c.contype
    FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
    LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.contype IN ('p', 'u')
    WHERE t.relname = ANY(${tables}) AND t.relnamespace = 'public'::regnamespace`;
  for (const r of rows) {
    if (r.conname) await sql.unsafe(`ALTER TABLE ${r.table} DROP CONSTRAINT ${r.conname}`);
    else await sql.unsafe(`DROP INDEX ${r.name}`);
  }
  return async () => {
    for (const r of rows) {
      await sql.unsafe(r.def);
      if (r.conname) await sql.unsafe(`ALTER TABLE ${r.table} ADD CONSTRAINT ${r.conname} ${r.contype === 'p' ? 'PRIMARY KEY' : 'UNIQUE'} USING INDEX ${r.name}`);
    }
  };
}

async function seedCatalogue(sql: postgres.Sql, d: AnyProcedureDefinition, historyPerCase: number, rnd: () => number) {
  const graph = procedureGraph(d);
  const walks = walksOf(graph, WALKS, Math.max(2, historyPerCase * 3), rnd);
  const steps: (string | number | null)[][] = [];
  const walkRows: (string | number | boolean)[][] = [];
  walks.forEach((w, i) => {
    let day = 0;
    w.steps.forEach((s, j) => {
      day += s.days;
      steps.push([d.id, i, j + 1, s.type, s.from, s.to, day]);
    });
    walkRows.push([d.id, i, w.done, w.steps.at(-1)!.to, w.steps.length]);
  });
  await sql`INSERT INTO gen_walks ${sql(walkRows.map(([procedure, walk, done, last_state, n]) => ({ procedure, walk, done, last_state, steps: n })))}`;
  for (let i = 0; i < steps.length; i += 2000) {
    const chunk = steps.slice(i, i + 2000).map(([procedure, walk, seq, type, from_state, to_state, day]) => ({ procedure, walk, seq, type, from_state, to_state, day }));
    await sql`INSERT INTO gen_steps ${sql(chunk as never[])}`;
  }
  // 1,000 slots per kind (done / open), filled by weight so the mean history length is historyPerCase.
  for (const done of [true, false]) {
    let pool = walks.map((w, i) => ({ w, i })).filter((x) => x.w.done === done);
    if (!pool.length) pool = walks.map((w, i) => ({ w, i }));
    const weights = weightsFor(
      pool.map((x) => x.w),
      historyPerCase,
    );
    const slots: { procedure: string; done: boolean; slot: number; walk: number }[] = [];
    let cum = 0;
    let k = 0;
    for (let slot = 0; slot < 1000; slot++) {
      const u = (slot + 0.5) / 1000;
      while (k < pool.length - 1 && cum + weights[k]! < u) cum += weights[k++]!;
      slots.push({ procedure: d.id, done, slot, walk: pool[k]!.i });
    }
    await sql`INSERT INTO gen_slots ${sql(slots)}`;
  }
  const deadlines = Object.entries(d.deadlines).map(([name, r], idx) => ({ procedure: d.id, idx, name, soft: r.enforcement === 'soft' }));
  // Soft deadlines first: late filings are recorded against them.
  deadlines.sort((a, b) => Number(b.soft) - Number(a.soft));
  deadlines.forEach((x, i) => (x.idx = i));
  if (deadlines.length) await sql`INSERT INTO gen_deadlines ${sql(deadlines)}`;
}

// --- timing --------------------------------------------------------------------------------------------------

type PlanNode = { 'Node Type': string; 'Index Name'?: string; 'Relation Name'?: string; Plans?: PlanNode[]; 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number };

function walk(node: PlanNode, visit: (n: PlanNode) => void) {
  visit(node);
  node.Plans?.forEach((c) => walk(c, visit));
}

type AnalystWorld = Awaited<ReturnType<typeof seedAnalystWorld>>;

/** The world of a database seeded earlier (kept by `bench/analyst-run.ts --keep`), to time the queries again. */
export async function existingAnalystWorld(url: string): Promise<AnalystWorld> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [counts] = await sql<{ cases: number; events: number; timers: number }[]>`
    SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM case_events)::int AS events, (SELECT count(*) FROM timers)::int AS timers`;
  const procedures = (await sql<{ id: string; cases: number }[]>`SELECT procedure AS id, count(*)::int AS cases FROM cases GROUP BY 1 ORDER BY 2 DESC, 1`).map((r) => ({ ...r }));
  const tables = (
    await sql<{ name: string; mb: number; rows: number }[]>`
      SELECT c.relname AS name, pg_total_relation_size(c.oid) / 1048576.0 AS mb, c.reltuples::bigint AS rows FROM pg_class c
      WHERE c.relkind = 'r' AND c.relname IN ('cases', 'case_events', 'timers', 'analyst_case_states', 'analyst_case_ways', 'analyst_case_paths', 'analyst_case_deadlines', 'analyst_case_lateness', 'analyst_counts')
      ORDER BY 2 DESC`
  ).map((r) => ({ name: r.name, mb: Number(r.mb), rows: Number(r.rows) }));
  const orgs = await sql<{ id: string; kind: string; name: string }[]>`SELECT id, kind, name FROM organizations WHERE name LIKE '%(analyst gen)'`;
  const idx = (name: string) => Number(/(\d+) \(analyst gen\)$/.exec(name)?.[1] ?? -1);
  const ordered = (kind: string) => orgs.filter((o) => o.kind === kind).sort((a, b) => idx(a.name) - idx(b.name)).map((o) => o.id);
  await sql.end();
  return {
    cases: counts!.cases,
    historyRows: counts!.events,
    timers: counts!.timers,
    procedures,
    tables,
    schools: ordered('school'),
    centres: ordered('center'),
    seedSeconds: 0,
    rebuildSeconds: 0,
  };
}

export async function analystScenario(url: string, opts: AnalystScenarioOptions): Promise<AnalystScenarioResult> {
  return timeAnalyst(url, await seedAnalystWorld(url, opts), opts.reps);
}

/** Each page query timed under each filter, with the EXPLAIN of every statement it sent, then checked. */
export async function timeAnalyst(url: string, world: AnalystWorld, reps: number): Promise<AnalystScenarioResult> {
  let capture: { query: string; params: unknown[] }[] | null = null;
  const client = postgres(url, {
    max: 1,
    onnotice: () => {},
    debug: (_conn, query, params) => capture?.push({ query, params: params as unknown[] }),
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  const procedure = world.procedures[0]!.id;
  const definition = defaultRegistry().latest(procedure)!;
  const graph = procedureGraph(definition);
  const timed = graph.states.filter((s) => s.kind !== 'final').map((s) => s.path);
  const none: AnalystFilter = { fiscalYear: null, schoolId: null, centerId: null, since: null, until: null };
  const filters: [string, AnalystFilter][] = [
    ['none', none],
    ['fiscal year', { ...none, fiscalYear: CURRENT_FY }],
    ['school', { ...none, schoolId: world.schools[7]! }],
    ['centre', { ...none, centerId: world.centres[2]! }],
    // A quarter of opening dates (the page's 期間 filter): no aggregate is kept per day, so this reads the cases.
    ['date range', { ...none, since: '2026-04-01' as IsoDate, until: '2026-06-30' as IsoDate }],
  ];
  // The busiest resting state and the most taken transition, for the case lists.
  const figures = await stateFigures(db, procedure, none, ANALYST_TODAY, NOW, timed);
  const busiest = [...figures.entries()].filter(([p]) => timed.includes(p) && !p.includes('.')).sort((a, b) => b[1].total - a[1].total)[0]?.[0] ?? timed[0]!;
  const ways = (await wayCounts(db, procedure, none)).filter((w) => w.from !== w.to).sort((a, b) => b.cases - a.cases);
  const way = ways[0]!;
  const page = async (f: AnalystFilter) => {
    await stateFigures(db, procedure, f, ANALYST_TODAY, NOW, timed);
    await wayCounts(db, procedure, f);
    await latenessByDeadline(db, procedure, f);
    await casePaths(db, procedure, f);
    await filterChoices(db, procedure);
  };
  const queries: [string, (f: AnalystFilter) => Promise<unknown>][] = [
    ['stateFigures', (f) => stateFigures(db, procedure, f, ANALYST_TODAY, NOW, timed)],
    ['wayCounts', (f) => wayCounts(db, procedure, f)],
    ['latenessByDeadline', (f) => latenessByDeadline(db, procedure, f)],
    ['casePaths', (f) => casePaths(db, procedure, f)],
    ['filterChoices', () => filterChoices(db, procedure)],
    ['page /analyst/procedures/:id (all of the above)', page],
    [`selectedCases state=${busiest}`, (f) => selectedCases(db, procedure, f, { state: busiest })],
    [`selectedCases event=${way.event} ${way.from}→${way.to}`, (f) => selectedCases(db, procedure, f, { event: way.event, from: way.from, to: way.to })],
  ];
  const rows: AnalystQueryRow[] = [];
  const planLines: string[] = [];
  for (const [name, run] of queries) {
    for (const [label, f] of filters) {
      if (name === 'filterChoices' && label !== 'none') continue;
      for (let i = 0; i < 3; i++) await run(f);
      const lat: number[] = [];
      for (let i = 0; i < reps; i++) {
        const t0 = performance.now();
        await run(f);
        lat.push(performance.now() - t0);
      }
      lat.sort((a, b) => a - b);
      capture = [];
      await run(f);
      const sent = capture.filter((x) => /^\s*(select|with)/i.test(x.query) && !/analyst_compact/.test(x.query));
      capture = null;
      const plan = { statements: sent.length, ms: 0, sharedHit: 0, sharedRead: 0, indexes: [] as string[], slowest: '' };
      const indexes = new Set<string>();
      let slowestMs = -1;
      for (const s of sent) {
        const [row] = await client.unsafe(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.query}`, s.params as never[]);
        const p = (row as unknown as { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] })['QUERY PLAN'][0];
        const nodes: string[] = [];
        walk(p.Plan, (n) => {
          nodes.push(n['Index Name'] ? `${n['Node Type']} (${n['Index Name']})` : n['Relation Name'] ? `${n['Node Type']} (${n['Relation Name']})` : n['Node Type']);
          if (n['Index Name']) indexes.add(n['Index Name']);
        });
        plan.ms += p['Execution Time'];
        plan.sharedHit += p.Plan['Shared Hit Blocks'] ?? 0;
        plan.sharedRead += p.Plan['Shared Read Blocks'] ?? 0;
        if (p['Execution Time'] > slowestMs) {
          slowestMs = p['Execution Time'];
          plan.slowest = `${p['Execution Time'].toFixed(1)} ms: ${nodes.join(' > ')}`;
        }
      }
      plan.indexes = [...indexes];
      rows.push({ query: name, filter: label, reps, p50: percentile(lat, 50), p95: percentile(lat, 95), plan });
      planLines.push(
        `${name} [${label}]: ${plan.statements} statements, ${plan.ms.toFixed(1)} ms executing, buffers hit ${plan.sharedHit} read ${plan.sharedRead}; indexes ${plan.indexes.join(', ') || '(none)'}; slowest ${plan.slowest}`,
      );
    }
  }
  const verified = await verify(db, world.procedures.at(-1)!.id, filters);
  await client.end();
  return {
    verified,
    procedure,
    cases: world.cases,
    historyRows: world.historyRows,
    timers: world.timers,
    procedures: world.procedures,
    seedSeconds: world.seedSeconds,
    rebuildSeconds: world.rebuildSeconds,
    tables: world.tables,
    rows,
    planLines,
  };
}

/**
 * Every figure from the aggregates against the same figure from the history (a date range far in the past sends
 * the queries to the history), under each filter: time in state to 1e-9 days, counts exactly.
 */
async function verify(db: Db, procedure: string, filters: [string, AnalystFilter][]) {
  const mismatches: string[] = [];
  let checks = 0;
  const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));
  for (const [label, f] of filters) {
    const h = { ...f, since: '1900-01-01' as IsoDate };
    const [fa, fh] = [await stateFigures(db, procedure, f, ANALYST_TODAY, NOW), await stateFigures(db, procedure, h, ANALYST_TODAY, NOW)];
    for (const key of new Set([...fa.keys(), ...fh.keys()])) {
      checks++;
      const a = fa.get(key);
      const b = fh.get(key);
      if (!a || !b || a.total !== b.total || a.entered !== b.entered || !close(a.median, b.median) || !close(a.p90, b.p90)) mismatches.push(`${label} state ${key}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
    const norm = (ws: { event: string; from: string | null; to: string; cases: number }[]) => JSON.stringify(ws.map((w) => `${w.event}|${w.from}|${w.to}|${w.cases}`).sort());
    checks++;
    if (norm(await wayCounts(db, procedure, f)) !== norm(await wayCounts(db, procedure, h))) mismatches.push(`${label} ways differ`);
    const lat = async (x: AnalystFilter) =>
      JSON.stringify([...(await latenessByDeadline(db, procedure, x)).values()].map((l) => ({ ...l, daysLate: [...l.daysLate].sort((a, b) => a - b) })).sort((a, b) => a.deadline.localeCompare(b.deadline)));
    checks++;
    if ((await lat(f)) !== (await lat(h))) mismatches.push(`${label} lateness differs`);
    const [pa, ph] = [await casePaths(db, procedure, f, 1000), await casePaths(db, procedure, h, 1000)];
    const key = (p: { states: string[]; events: string[] }) => `${p.states.join('>')}|${p.events.join('>')}`;
    const byKey = new Map(ph.map((p) => [key(p), p]));
    checks++;
    if (pa.length !== ph.length) mismatches.push(`${label} paths: ${pa.length} vs ${ph.length}`);
    for (const p of pa) {
      const q = byKey.get(key(p));
      if (!q || q.cases !== p.cases || !close(p.medianDays, q.medianDays)) mismatches.push(`${label} path ${key(p)}: ${p.cases}/${p.medianDays} vs ${q?.cases}/${q?.medianDays}`);
    }
  }
  return { procedure, checks, mismatches: mismatches.slice(0, 20) };
}

/** The result as a Markdown table and the EXPLAIN lines (for bench/table.ts or the standalone runner). */
export function renderAnalyst(r: AnalystScenarioResult): string {
  const lines = [
    `Analyst queries: ${r.cases.toLocaleString('en-US')} cases, ${r.historyRows.toLocaleString('en-US')} history rows, ${r.timers.toLocaleString('en-US')} timers over ${r.procedures.length} procedures; timed on ${r.procedure} (${r.procedures[0]!.cases.toLocaleString('en-US')} cases). Seeded in ${r.seedSeconds.toFixed(0)} s (indexes built after the load), aggregates rebuilt by analyst_rebuild() in ${r.rebuildSeconds.toFixed(0)} s.`,
    '',
    '| query | filter | p50 ms | p95 ms | statements | EXPLAIN ms | goal p95 ≤ 300 ms |',
    '|---|---|---:|---:|---:|---:|---|',
    ...r.rows.map((x) => `| ${x.query} | ${x.filter} | ${x.p50.toFixed(1)} | ${x.p95.toFixed(1)} | ${x.plan.statements} | ${x.plan.ms.toFixed(1)} | ${x.p95 <= 300 ? 'met' : 'NOT met'} |`),
    '',
    `Checked against the history (${r.verified.procedure}): ${r.verified.checks} figures, ${r.verified.mismatches.length ? `MISMATCHES: ${r.verified.mismatches.join('; ')}` : 'all equal'}.`,
    '',
    'Tables: ' + r.tables.map((t) => `${t.name} ${t.rows.toLocaleString('en-US')} rows ${t.mb.toFixed(0)} MB`).join('; '),
    '',
    'EXPLAIN (ANALYZE, BUFFERS):',
    ...r.planLines.map((l) => `- ${l}`),
  ];
  return lines.join('\n');
}
