/**
 * Scenario 5b, the graphile-worker peer: N due jobs, each doing the same writes as one of our timers firing
 * (the timer row, the case's snapshot and version, one history row), run by one or two worker processes with
 * graphile-worker's default settings (a job fetched per run, completed at once) or tuned ones (a local queue
 * of 200 jobs fetched and locked together, completions batched within 1 ms). graphile-worker is at-least-once:
 * the task itself makes the writes happen once (a fired timer is not fired again); it knows nothing of
 * office days, catch-up after an outage or the case's state machine.
 */
import { fork } from 'node:child_process';
import postgres from 'postgres';
import { runMigrations } from 'graphile-worker';

/** One job per case: graphile-worker runs each job in its own transaction, so jobs of one case would only wait on each other's row lock (our scheduler fires a case's due timers together). */
const JOBS_PER_CASE = 1;

export interface GraphileRun {
  workers: number;
  tuned: boolean;
  jobs: number;
  seconds: number;
  perSecond: number;
  firedByWorkers: number[];
  cpuShare: number[];
  errors: number;
  proof: { fired: number; pending: number; historyRows: number; casesWithWrongCount: number; jobsLeft: number };
}

async function seed(sql: postgres.Sql, n: number, snapshot: string, tag: string) {
  await sql`CREATE TABLE IF NOT EXISTS gw_cases (id uuid PRIMARY KEY, tag text NOT NULL, snapshot jsonb NOT NULL, version int NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`;
  await sql`CREATE TABLE IF NOT EXISTS gw_timers (id uuid PRIMARY KEY, case_id uuid NOT NULL, status text NOT NULL, fired_at timestamptz)`;
  await sql`CREATE TABLE IF NOT EXISTS gw_history (id bigserial PRIMARY KEY, case_id uuid NOT NULL, seq int NOT NULL, type text NOT NULL, payload jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now(), UNIQUE (case_id, seq))`;
  await sql`CREATE INDEX IF NOT EXISTS gw_timers_case_idx ON gw_timers (case_id)`;
  await sql`
    WITH c AS (
      INSERT INTO gw_cases (id, tag, snapshot, version)
      SELECT gen_random_uuid(), ${tag}, ${snapshot}::text::jsonb, 1 FROM generate_series(1, ${Math.ceil(n / JOBS_PER_CASE)})
      RETURNING id)
    INSERT INTO gw_timers (id, case_id, status)
    SELECT gen_random_uuid(), c.id, 'pending' FROM c CROSS JOIN generate_series(1, ${JOBS_PER_CASE}) LIMIT ${n}`;
  // The jobs, due now, in one call of graphile-worker's own bulk function.
  await sql`
    SELECT graphile_worker.add_jobs(array_agg(('fire', json_build_object('timerId', t.id, 'caseId', t.case_id), NULL, now(), NULL, NULL, NULL, NULL)::graphile_worker.job_spec))
    FROM gw_timers t JOIN gw_cases c ON c.id = t.case_id WHERE c.tag = ${tag}`;
  await sql`ANALYZE gw_timers`;
}

interface Child {
  ready: Promise<void>;
  go(): void;
  stop(): void;
  done: Promise<{ fired: number; errors: number; cpuShare: number }>;
}

function startChild(url: string, concurrency: number, tuned: boolean, snapshot: string): Child {
  const child = fork(new URL('./graphile-worker-child.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_DATABASE_URL: url, GW_CONCURRENCY: String(concurrency), GW_TUNED: tuned ? '1' : '0', GW_SNAPSHOT: snapshot },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let result: { fired: number; errors: number; cpuShare: number } | null = null;
  const ready = new Promise<void>((resolve) => child.on('message', (m: { type: string; fired: number; errors: number; cpuShare: number }) => (m.type === 'ready' ? resolve() : (result = m))));
  const done = new Promise<{ fired: number; errors: number; cpuShare: number }>((resolve, reject) =>
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`graphile-worker child exited with ${code}`)))),
  );
  return { ready, go: () => child.send('go'), stop: () => child.send('stop'), done };
}

export async function graphileRun(url: string, n: number, workers: number, tuned: boolean, opts: { concurrency: number; snapshot: unknown; maxMs: number }): Promise<GraphileRun> {
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  await runMigrations({ connectionString: url, logger: undefined });
  const tag = `gw-${workers}-${tuned ? 'tuned' : 'default'}-${n}`;
  const snapshot = JSON.stringify(opts.snapshot);
  await seed(sql, n, snapshot, tag);
  const children = Array.from({ length: workers }, () => startChild(url, opts.concurrency, tuned, snapshot));
  await Promise.all(children.map((c) => c.ready));
  const fired = async () => (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM gw_timers t JOIN gw_cases c ON c.id = t.case_id WHERE c.tag = ${tag} AND t.status = 'fired'`)[0]!.n;
  const t0 = performance.now();
  children.forEach((c) => c.go());
  // The workers never run dry on their own (they wait for new jobs): the run ends when every timer has fired.
  while ((await fired()) < n && performance.now() - t0 < opts.maxMs) await new Promise((r) => setTimeout(r, 50));
  const secs = (performance.now() - t0) / 1000;
  children.forEach((c) => c.stop());
  const results = await Promise.all(children.map((c) => c.done));
  const [t] = await sql<{ fired: number; pending: number }[]>`
    SELECT count(*) FILTER (WHERE t.status = 'fired')::int AS fired, count(*) FILTER (WHERE t.status = 'pending')::int AS pending
    FROM gw_timers t JOIN gw_cases c ON c.id = t.case_id WHERE c.tag = ${tag}`;
  const [h] = await sql<{ rows: number; wrong: number }[]>`
    SELECT coalesce(sum(events), 0)::int AS rows, count(*) FILTER (WHERE events <> fired OR version <> fired + 1)::int AS wrong
    FROM (SELECT c.id, c.version,
                 (SELECT count(*) FROM gw_history e WHERE e.case_id = c.id) AS events,
                 (SELECT count(*) FROM gw_timers t WHERE t.case_id = c.id AND t.status = 'fired') AS fired
          FROM gw_cases c WHERE c.tag = ${tag}) per_case`;
  const [left] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs`;
  // Leave the queue empty for the next run.
  await sql`DELETE FROM graphile_worker._private_jobs`;
  await sql.end();
  const total = results.reduce((a, r) => a + r.fired, 0);
  return {
    workers,
    tuned,
    jobs: n,
    seconds: secs,
    perSecond: total / secs,
    firedByWorkers: results.map((r) => r.fired),
    cpuShare: results.map((r) => r.cpuShare),
    errors: results.reduce((a, r) => a + r.errors, 0),
    proof: { fired: t!.fired, pending: t!.pending, historyRows: h!.rows, casesWithWrongCount: h!.wrong, jobsLeft: left!.n },
  };
}
