/**
 * One graphile-worker instance in its own process (as a second server would be), running the peer's 'fire'
 * task until the parent says stop. Sizes and settings come from the parent via the environment.
 */
import { Logger, run, type Runner } from 'graphile-worker';
import postgres from 'postgres';

const env = (k: string) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is required`);
  return v;
};
const url = env('BENCH_DATABASE_URL');
const concurrency = Number(env('GW_CONCURRENCY'));
const tuned = env('GW_TUNED') === '1';
const snapshot = env('GW_SNAPSHOT');
const sql = postgres(url, { max: concurrency + 1, onnotice: () => {} });
let fired = 0;
let errors = 0;

/** The same writes as one timer firing: the timer row, the case's snapshot and version, one history row. */
async function fire(payload: unknown) {
  const { timerId, caseId } = payload as { timerId: string; caseId: string };
  await sql.begin(async (tx) => {
    const [row] = await tx<{ version: number }[]>`SELECT version FROM gw_cases WHERE id = ${caseId} FOR UPDATE`;
    const [timer] = await tx`UPDATE gw_timers SET status = 'fired', fired_at = now() WHERE id = ${timerId} AND status = 'pending' RETURNING id`;
    // A job run twice finds its timer fired already and writes nothing (graphile-worker is at-least-once).
    if (!timer) return;
    const version = row!.version + 1;
    await tx`UPDATE gw_cases SET snapshot = ${snapshot}::text::jsonb, version = ${version}, updated_at = now() WHERE id = ${caseId}`;
    await tx`INSERT INTO gw_history (case_id, seq, type, payload) VALUES (${caseId}, ${version}, 'DEADLINE', ${JSON.stringify({ timerId })}::text::jsonb)`;
    fired++;
  });
}

await sql`select 1`;
process.send?.({ type: 'ready' });
await new Promise((resolve) => process.once('message', resolve));
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
const runner: Runner = await run({
  connectionString: url,
  concurrency,
  maxPoolSize: concurrency + 2,
  noHandleSignals: true,
  pollInterval: 1000,
  // Quiet but for errors, as our scheduler logs only failures.
  logger: new Logger(() => (level, message) => void (level === 'error' && process.stderr.write(`graphile-worker: ${message}\n`))),
  taskList: { fire: async (payload) => fire(payload).catch((err: unknown) => (errors++, Promise.reject(err))) },
  ...(tuned ? { preset: { worker: { localQueue: { size: 200 }, completeJobBatchDelay: 1 } } } : {}),
});
await new Promise((resolve) => process.once('message', resolve));
const cpu = process.cpuUsage(cpu0);
const wallMs = performance.now() - wall0;
await runner.stop();
await sql.end();
process.send?.({ type: 'done', fired, errors, cpuShare: (cpu.user + cpu.system) / 1000 / wallMs });
