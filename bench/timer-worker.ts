/**
 * One scheduler instance in its own process (as a second server would be): drains every due timer with
 * createScheduler().runOnce() and reports how many it fired. Sizes come from the parent via the environment.
 */
import { defaultRegistry } from '../definitions/index.js';
import { fixedClock } from '../src/clock.js';
import { openDatabase } from '../src/db/client.js';
import { createScheduler } from '../src/engine/scheduler.js';

const env = (k: string) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is required`);
  return v;
};
const concurrency = Number(env('BENCH_SCHEDULER_CONCURRENCY'));
const database = await openDatabase({ url: env('BENCH_DATABASE_URL'), poolSize: concurrency + 2 });
let errors = 0;
const scheduler = createScheduler({
  db: database.db,
  clock: fixedClock(env('BENCH_CLOCK')),
  registry: defaultRegistry(),
  batchSize: Number(env('BENCH_SCHEDULER_BATCH')),
  concurrency,
  onError: () => errors++,
});
// Process start-up (tsx compile, connections) is not part of the timed run: wait for the parent's 'go'.
await database.db.execute('select 1');
process.send?.({ type: 'ready' });
await new Promise((resolve) => process.once('message', resolve));
const deadline = Date.now() + Number(env('BENCH_MAX_MS'));
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
let fired = 0;
// runOnce drains what it can claim; a timer leased by the other instance is not claimable, so stop when dry.
for (let n = await scheduler.runOnce(); ; n = await scheduler.runOnce()) {
  fired += n;
  if (n === 0 || Date.now() > deadline) break;
}
// CPU share of wall time: near 100% means this process, not PostgreSQL, is the bottleneck.
const cpu = process.cpuUsage(cpu0);
const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - wall0);
await database.close();
process.send?.({ type: 'done', fired, errors, cpuShare });
