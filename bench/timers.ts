/**
 * Scenario 5, timers: N due deadline timers fired by one scheduler process, then N more by two scheduler
 * processes at once. Proof of exactly-once: every seeded timer is 'fired', each case got exactly one DEADLINE
 * history row per timer, and the schedulers' own counts add up to N.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import postgres from 'postgres';
import type { Engine } from '../src/engine/engine.js';
import type { manualClock } from '../src/clock.js';
import { caseInput, CREATED_AT, type Party } from './flow.js';

/** All 5 question-filing timers of a case created on 2026-09-01 (3 reminders, due, overdue) are due by then. */
const FIRE_CLOCK = '2026-10-09T09:00:00+09:00';
const TIMERS_PER_CASE = 5;

export interface TimerRun {
  schedulers: number;
  timers: number;
  seconds: number;
  perSecond: number;
  firedBySchedulers: number[];
  /** Each scheduler process's CPU time / wall time. */
  cpuShare: number[];
  errors: number;
  proof: { fired: number; pending: number; historyRows: number; casesWithWrongCount: number };
}

/** One case through the engine, then cloned in SQL with its timers (fast): `n` timers in all, for one school. */
async function seed(url: string, engine: Engine, clock: ReturnType<typeof manualClock>, school: Party, n: number) {
  clock.set(CREATED_AT);
  const template = await engine.createCase(school.principal, 'skill-check', caseInput());
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  // Timers are cloned onto the clones only (not onto other cases of the school), in one statement.
  await sql`
    WITH clones AS (
      INSERT INTO cases (id, procedure, definition_version, title, school_org_id, center_org_id, fiscal_year, state, status, snapshot, version, waiting_on, next_due)
      SELECT gen_random_uuid(), procedure, definition_version, title, school_org_id, center_org_id, fiscal_year, state, status, snapshot, version, waiting_on, next_due
      FROM cases, generate_series(1, ${Math.ceil(n / TIMERS_PER_CASE) - 1}) WHERE id = ${template.id}
      RETURNING id)
    INSERT INTO timers (id, case_id, deadline, kind, nominal, effective, fire_at, status)
    SELECT gen_random_uuid(), c.id, t.deadline, t.kind, t.nominal, t.effective, t.fire_at, 'pending'
    FROM clones c CROSS JOIN timers t WHERE t.case_id = ${template.id}`;
  await sql`ANALYZE timers`;
  const [due] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM timers WHERE status = 'pending' AND fire_at <= ${new Date(FIRE_CLOCK)}`;
  await sql.end();
  return due!.n;
}

interface Worker {
  ready: Promise<void>;
  go(): void;
  done: Promise<{ fired: number; errors: number; cpuShare: number }>;
}

function startWorker(url: string, batch: number, concurrency: number, maxMs: number): Worker {
  const child = fork(new URL('./timer-worker.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BENCH_DATABASE_URL: url,
      BENCH_CLOCK: FIRE_CLOCK,
      BENCH_SCHEDULER_BATCH: String(batch),
      BENCH_SCHEDULER_CONCURRENCY: String(concurrency),
      BENCH_MAX_MS: String(maxMs),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let result: { fired: number; errors: number; cpuShare: number } | null = null;
  const ready = new Promise<void>((resolve) =>
    child.on('message', (m: { type: string; fired: number; errors: number; cpuShare: number }) => (m.type === 'ready' ? resolve() : (result = m))),
  );
  const done = new Promise<{ fired: number; errors: number; cpuShare: number }>((resolve, reject) =>
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`timer worker exited with ${code}`)))),
  );
  return { ready, go: () => child.send('go'), done };
}

async function proof(url: string, schoolOrgId: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  // A backlog fired at once: reminders whose moment has passed are skipped (a catch-up message lists them), so a
  // timer is handled once when it is fired or skipped, and each fired one left exactly one DEADLINE row.
  const [t] = await sql<{ fired: number; pending: number }[]>`
    SELECT count(*) FILTER (WHERE t.status IN ('fired', 'skipped'))::int AS fired, count(*) FILTER (WHERE t.status = 'pending')::int AS pending
    FROM timers t JOIN cases c ON c.id = t.case_id WHERE c.school_org_id = ${schoolOrgId}`;
  const [h] = await sql<{ rows: number; wrong: number }[]>`
    SELECT coalesce(sum(events), 0)::int AS rows, count(*) FILTER (WHERE events <> fired)::int AS wrong
    FROM (SELECT c.id,
                 (SELECT count(*) FROM case_events e WHERE e.case_id = c.id AND e.type = 'DEADLINE') AS events,
                 (SELECT count(*) FROM timers t WHERE t.case_id = c.id AND t.status = 'fired') AS fired
          FROM cases c WHERE c.school_org_id = ${schoolOrgId}) per_case`;
  await sql.end();
  return { fired: t!.fired, pending: t!.pending, historyRows: h!.rows, casesWithWrongCount: h!.wrong };
}

export async function timerRun(
  url: string,
  engine: Engine,
  clock: ReturnType<typeof manualClock>,
  school: Party,
  n: number,
  schedulers: number,
  opts: { batch: number; concurrency: number; maxMs: number },
): Promise<TimerRun> {
  const due = await seed(url, engine, clock, school, n);
  const workers = Array.from({ length: schedulers }, () => startWorker(url, opts.batch, opts.concurrency, opts.maxMs));
  await Promise.all(workers.map((w) => w.ready));
  const t0 = performance.now();
  workers.forEach((w) => w.go());
  const results = await Promise.all(workers.map((w) => w.done));
  const secs = (performance.now() - t0) / 1000;
  const fired = results.reduce((a, r) => a + r.fired, 0);
  return {
    schedulers,
    timers: due,
    seconds: secs,
    perSecond: fired / secs,
    firedBySchedulers: results.map((r) => r.fired),
    cpuShare: results.map((r) => r.cpuShare),
    errors: results.reduce((a, r) => a + r.errors, 0),
    proof: await proof(url, school.principal.orgId!),
  };
}
