/**
 * A CPU profile of the in-process engine: the 9-event flow at one concurrency against a fresh PostgreSQL
 * database, then the profile's summary (idle share = waiting on PostgreSQL; self time by area and function).
 * Usage: npx tsx bench/profile-engine.ts [cases=200] [concurrency=32]
 */
import { Session } from 'node:inspector/promises';
import { engineLevel } from './engine.js';
import { seedDirectory } from './flow.js';
import { createBenchDatabase, openPg } from './pg.js';
import { inclusiveShares, summariseProfile } from './cpu-profile.js';

const cases = Number(process.argv[2] ?? 200);
const concurrency = Number(process.argv[3] ?? 32);
const bench = await createBenchDatabase();
const database = await openPg(bench.url, concurrency);
try {
  // PROFILE_NO_TRIGGERS=1: without the analyst aggregates' triggers, to see what they cost a step.
  if (process.env.PROFILE_NO_TRIGGERS) {
    const { sql } = await import('drizzle-orm');
    for (const t of ['case_events', 'timers', 'cases']) await database.db.execute(sql.raw(`alter table ${t} disable trigger user`));
  }
  const dir = await seedDirectory(database.db, 16, 'profile');
  await engineLevel(database, dir, concurrency, 20, 60_000); // warm-up: JIT and prepared statements
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const result = await engineLevel(database, dir, concurrency, cases, 600_000);
  const { profile } = await session.post('Profiler.stop');
  console.log(`engine c=${concurrency}: ${result.summary.perSecond.toFixed(0)} transitions/s, p50 ${result.summary.p50.toFixed(1)} ms`);
  console.log(JSON.stringify(summariseProfile(profile as never, 25), null, 1));
  const steps = ['applyEvent', 'readForSteps', 'stepOnce', 'safeParse', 'restore', 'refusal', 'computeNext', 'stageStep', 'activeDeadlines', 'plannedNotices', 'toStored', 'flushWrites', 'viewOf', 'caseView', 'stringify', 'writeBuffer'];
  console.log(JSON.stringify(inclusiveShares(profile as never, steps), null, 1));
} finally {
  await database.close();
  await bench.drop();
}
