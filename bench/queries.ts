/**
 * Scenario 6, queries at scale: N generated cases (one INSERT ... SELECT generate_series), then the officer
 * inbox and the school dashboard as the product runs them, timed, with EXPLAIN (ANALYZE, BUFFERS) of the
 * exact SQL the product sent (captured from the driver) to show which indexes answer them.
 */
import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Db } from '../src/db/client.js';
import * as schema from '../src/db/schema.js';
import type { Principal } from '../src/db/directory.js';
import { dashboardQuery, inboxQuery } from '../src/web/queries.js';
import { percentile } from './stats.js';

export const QUERY_TODAY = '2026-10-15';
const SCHOOLS = 1_000;

/** Skill-check states with their share (%), whom they wait on and whether they carry a due date. */
const STATES: [state: string, weight: number, waitingOn: string | null, due: boolean, status: 'active' | 'done'][] = [
  ['delivered', 55, null, false, 'active'],
  ['withdrawn', 5, null, false, 'done'],
  ['questionsDrafting', 8, 'school', true, 'active'],
  ['questionReview', 5, 'hq', true, 'active'],
  ['correctingQuestions', 2, 'school', true, 'active'],
  ['preparing', 6, 'school', true, 'active'],
  ['examScheduled', 5, 'school', false, 'active'],
  ['resultsRecorded', 3, 'school', false, 'active'],
  ['makeupScheduled', 1, 'school', false, 'active'],
  ['awaitingNumbers', 2, 'hq', false, 'active'],
  ['applying', 3, 'school', true, 'active'],
  ['certifying', 3, 'hq', true, 'active'],
  ['delivering', 2, 'school', true, 'active'],
];

export interface QueryWorld {
  hq: string;
  centres: string[];
  schools: string[];
  seedSeconds: number;
  tableMb: number;
}

/** 1 HQ, 3 centres, 1,000 schools; cases spread over schools, states (weights above) and a year of due dates. */
export async function seedCases(url: string, n: number, snapshot: unknown): Promise<QueryWorld> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const t0 = performance.now();
  const hq = randomUUID();
  const centres = [randomUUID(), randomUUID(), randomUUID()];
  await sql`INSERT INTO organizations (id, kind, name) VALUES (${hq}, 'hq', '能力開発課 (gen)')`;
  for (const [i, id] of centres.entries()) await sql`INSERT INTO organizations (id, kind, name) VALUES (${id}, 'center', ${`センター${i} (gen)`})`;
  await sql`CREATE TEMP TABLE gen_schools AS
    SELECT g - 1 AS idx, gen_random_uuid() AS id, (${sql.array(centres)}::uuid[])[1 + (g % 3)] AS center_id FROM generate_series(1, ${SCHOOLS}) g`;
  await sql`INSERT INTO organizations (id, kind, name, center_id) SELECT id, 'school', '訓練校' || idx || ' (gen)', center_id FROM gen_schools`;
  await sql`CREATE TEMP TABLE gen_states (idx int, state text, status text, waiting_on text, due boolean)`;
  let idx = 0;
  for (const [state, weight, waitingOn, due, status] of STATES) {
    for (let i = 0; i < weight; i++) await sql`INSERT INTO gen_states VALUES (${idx++}, ${state}, ${status}, ${waitingOn}, ${due})`;
  }
  // Multiplicative hashing of g spreads schools and states without random() in a join condition.
  await sql`
    INSERT INTO cases (id, procedure, definition_version, title, school_org_id, center_org_id, fiscal_year, state, status, snapshot, version, waiting_on, next_due, created_at, updated_at)
    SELECT gen_random_uuid(), 'skill-check', 1, '機械系 機械加工科 技能照査（普通課程）', s.id, s.center_id, 2017 + (g % 10),
           st.state, st.status, ${JSON.stringify(snapshot)}::text::jsonb, 1 + (g % 11), st.waiting_on,
           CASE WHEN st.due THEN date '2026-04-01' + ((g::bigint * 2654435761) % 365)::int END,
           now(), now()
    FROM generate_series(1, ${n}) g
    JOIN gen_schools s ON s.idx = (g::bigint * 104729) % ${SCHOOLS}
    JOIN gen_states st ON st.idx = (g::bigint * 7919 + g / 100) % 100`;
  await sql`ANALYZE`;
  const schools = (await sql<{ id: string }[]>`SELECT id FROM gen_schools ORDER BY idx`).map((r) => r.id);
  const [size] = await sql<{ mb: number }[]>`SELECT pg_total_relation_size('cases') / 1048576.0 AS mb`;
  await sql.end();
  return { hq, centres, schools, seedSeconds: (performance.now() - t0) / 1000, tableMb: Number(size!.mb) };
}

export interface QueryResult {
  name: string;
  via: string;
  reps: number;
  p50: number;
  p95: number;
  rows: number;
  plan: { indexes: string[]; nodes: string; ms: number; sharedHit: number; sharedRead: number };
}

/** Rows shown: the inbox page's rows, or the dashboard's active plus recently finished cases. */
function rowCount(r: unknown): number {
  const x = r as { rows?: unknown[]; active?: unknown[]; recentlyDone?: unknown[] };
  return (x.rows?.length ?? 0) + (x.active?.length ?? 0) + (x.recentlyDone?.length ?? 0);
}

interface Captured {
  query: string;
  params: unknown[];
}

type PlanNode = { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[]; 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number };

function walk(node: PlanNode, visit: (n: PlanNode) => void) {
  visit(node);
  node.Plans?.forEach((c) => walk(c, visit));
}

/** The product's page queries (src/web/queries.ts), as the inbox and dashboard pages call them. */
function productQueries(db: Db) {
  return {
    via: 'src/web/queries.ts',
    inbox: (p: Principal) => inboxQuery(db, p, {}),
    dashboard: (p: Principal) => dashboardQuery(db, p, QUERY_TODAY),
  };
}

export async function timeQueries(url: string, world: QueryWorld, reps: number): Promise<QueryResult[]> {
  let capture: Captured[] | null = null;
  const client = postgres(url, {
    max: 4,
    onnotice: () => {},
    debug: (_conn, query, params) => capture?.push({ query, params: params as unknown[] }),
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  const q = productQueries(db);
  const principal = (role: Principal['role'], orgId: string): Principal => ({ userId: randomUUID(), role, orgId });
  const pick = <T>(xs: T[], i: number) => xs[(i * 7 + 3) % xs.length]!;
  const cases: { name: string; run: (i: number) => Promise<unknown> }[] = [
    { name: 'HQ officer inbox (waiting on HQ, by due date)', run: () => q.inbox(principal('hq', world.hq)) },
    { name: 'Centre officer inbox (its region, waiting on centre)', run: (i) => q.inbox(principal('center', pick(world.centres, i))) },
    { name: 'School dashboard (its active cases, by due date)', run: (i) => q.dashboard(principal('school', pick(world.schools, i))) },
  ];
  const out: QueryResult[] = [];
  for (const c of cases) {
    for (let i = 0; i < 5; i++) await c.run(i); // warm the plan cache and buffers
    const lat: number[] = [];
    let rows = 0;
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      const r = await c.run(i);
      lat.push(performance.now() - t0);
      rows = rowCount(r);
    }
    capture = [];
    await c.run(reps);
    const sent = capture.filter((x) => /^\s*select/i.test(x.query));
    capture = null;
    const indexes = new Set<string>();
    const chains: string[] = [];
    let ms = 0;
    let sharedHit = 0;
    let sharedRead = 0;
    for (const s of sent) {
      const [row] = await client.unsafe(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.query}`, s.params as never[]);
      const plan = (row as unknown as { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] })['QUERY PLAN'][0];
      const nodes: string[] = [];
      walk(plan.Plan, (n) => {
        nodes.push(n['Index Name'] ? `${n['Node Type']} (${n['Index Name']})` : n['Node Type']);
        if (n['Index Name']) indexes.add(n['Index Name']);
      });
      chains.push(nodes.join(' > '));
      ms += plan['Execution Time'];
      sharedHit += plan.Plan['Shared Hit Blocks'] ?? 0;
      sharedRead += plan.Plan['Shared Read Blocks'] ?? 0;
    }
    lat.sort((a, b) => a - b);
    out.push({ name: c.name, via: q.via, reps, p50: percentile(lat, 50), p95: percentile(lat, 95), rows, plan: { indexes: [...indexes], nodes: chains.join(' ; '), ms, sharedHit, sharedRead } });
  }
  await client.end();
  return out;
}
