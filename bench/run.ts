/**
 * npm run bench [-- --quick]: every scenario against one fresh PostgreSQL database (created here, dropped at
 * the end), printed as one table of absolute figures and same-run ratios, and written to bench/results/.
 * Benchmarks never fail on speed: goals are reported, not asserted.
 */
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { eq } from 'drizzle-orm';
import { defaultRegistry } from '../definitions/index.js';
import { manualClock } from '../src/clock.js';
import { openDatabase } from '../src/db/client.js';
import { cases } from '../src/db/schema.js';
import { createEngine } from '../src/engine/engine.js';
import { engineLevel, statementsPerTransition } from './engine.js';
import { cloneCases, floorPglite, floorPostgres } from './floor.js';
import { FLOW, openCases, seedDirectory } from './flow.js';
import { openLoopPasses } from './open-loop.js';
import { memoryScenario } from './memory.js';
import { parseOptions } from './options.js';
import { createPeerTables, peerLevel } from './peer-bpmn.js';
import { startDbosPeer } from './peer-dbos.js';
import { graphileRun } from './peer-graphile.js';
import { createBenchDatabase, openPg, serverVersion } from './pg.js';
import { seedCases, timeQueries } from './queries.js';
import { analystScenario } from './analyst-queries.js';
import { startServerProcess } from './server-process.js';
import { buildDist, startupScenario } from './startup.js';
import { writeReport } from './report.js';
import { renderGoals, renderHeader, renderTable, type Results } from './table.js';
import { timerRun } from './timers.js';

const opts = parseOptions(process.argv.slice(2));
const started = performance.now();
const log = (msg: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${msg}`);
const pkgVersion = (name: string) => (JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
const MIGRATIONS = new URL('../migrations', import.meta.url).pathname;

const bench = await createBenchDatabase();
log(`database ${bench.name} (${opts.quick ? 'quick' : 'full'} run)`);
const setup = await openPg(bench.url, 8);
try {
  log('0 start-up (npm run build, then node dist/src/main.js to the first /healthz 200)');
  const buildMs = buildDist();
  const startup = await startupScenario(bench.url, opts.startupReps);

  const dir = await seedDirectory(setup.db, 16, 'bench');
  const registry = defaultRegistry();
  const clock = manualClock('2026-09-01T10:00:00+09:00');
  const engine = createEngine({ db: setup.db, clock, registry });

  // A warm-up case through the whole flow: it also gives the floor a realistic final snapshot to write.
  const [warm] = await openCases(engine, clock, dir, 1);
  for (const step of FLOW) {
    clock.set(step.at);
    await engine.applyEvent(step.role === 'hq' ? dir.hq.principal : warm!.school.principal, warm!.id, { type: step.type, data: step.data });
  }
  const [sampleRow] = await setup.db.select().from(cases).where(eq(cases.id, warm!.id));
  const sample = { snapshot: sampleRow!.snapshot, payload: FLOW[7]!.data, userId: dir.hq.principal.userId };

  log('1 floor');
  const floorRows = await cloneCases(bench.url, warm!.id, 512);
  const floor = await floorPostgres(bench.url, floorRows, sample, opts.levels, opts.floorOps, opts.maxLoopMs);

  log('2 engine');
  const engineResults = [];
  for (const c of opts.levels) {
    const db = await openPg(bench.url, c);
    engineResults.push(await engineLevel(db, dir, c, opts.flowCases, opts.maxLoopMs));
    await db.close();
  }
  const statements = await statementsPerTransition(bench.url, dir);

  log('1+2 on PGlite');
  const pgliteFloor = await floorPglite(MIGRATIONS, sample, Math.round(opts.floorOps / 2), opts.maxLoopMs);
  const lite = await openDatabase({ dataDir: 'memory://' });
  await lite.migrate();
  const liteDir = await seedDirectory(lite.db, 4, 'lite');
  const pgliteEngine = await engineLevel(lite, liteDir, 1, opts.pgliteCases, opts.maxLoopMs);
  await lite.close();

  log('4 peer (bpmn-engine)');
  await createPeerTables(bench.url);
  const peer = [];
  for (const c of opts.levels) peer.push(await peerLevel(bench.url, c, opts.peerCases, opts.maxLoopMs));

  log('4b peer (DBOS Transact)');
  const dbosPeer = await startDbosPeer(bench.url, sample, Math.max(...opts.levels) + 4);
  const dbos = [];
  try {
    for (const c of opts.levels) dbos.push(await dbosPeer.level(c, c === 1 ? Math.max(4, Math.round(opts.dbosCases / 4)) : opts.dbosCases, opts.maxLoopMs));
  } finally {
    await dbosPeer.stop();
  }

  log('3 HTTP');
  const server = await startServerProcess(bench.url);
  const http = [];
  try {
    // Saturated (closed loop), then open loop at a constant arrival rate of 25, 50 and 75% of it, latency
    // measured from each request's intended send time (no coordinated omission).
    const ol = await openLoopPasses(server, engine, clock, dir, {
      connections: opts.httpConnections,
      saturatedCases: opts.httpCases,
      secondsPerPass: opts.quick ? 5 : 30,
      ...(opts.quick ? { minCases: 16 } : {}),
      log,
    });
    http.push(ol.saturated, ...ol.passes);
  } finally {
    await server.stop();
  }

  log(`5 timers (${opts.timersSingle.toLocaleString('en-US')} with 1 scheduler, ${opts.timers.toLocaleString('en-US')} with 2)`);
  const timerOpts = { batch: 200, concurrency: 8, maxMs: opts.quick ? 60_000 : 600_000 };
  const timers = [
    await timerRun(bench.url, engine, clock, dir.timerSchools[0]!, opts.timersSingle, 1, timerOpts),
    await timerRun(bench.url, engine, clock, dir.timerSchools[1]!, opts.timers, 2, timerOpts),
  ];

  log('5b peer (graphile-worker)');
  const gwOpts = { concurrency: timerOpts.concurrency, snapshot: sampleRow!.snapshot, maxMs: timerOpts.maxMs };
  const graphile = [
    await graphileRun(bench.url, opts.graphileJobs.tunedSingle, 1, true, gwOpts),
    await graphileRun(bench.url, opts.graphileJobs.tunedTwo, 2, true, gwOpts),
    await graphileRun(bench.url, opts.graphileJobs.defaultTwo, 2, false, gwOpts),
  ];

  log(`6 queries (seeding ${opts.queryCases.toLocaleString('en-US')} cases)`);
  const world = await seedCases(bench.url, opts.queryCases, sampleRow!.snapshot);
  log(`seeded in ${world.seedSeconds.toFixed(0)} s; cases table ${world.tableMb.toFixed(0)} MB`);
  const queries = await timeQueries(bench.url, world, opts.queryReps);

  log('7 memory');
  const memory = await memoryScenario(bench.url, setup.db, world, opts.memorySeconds);

  // Its own database: the scenario counts every case in it.
  log(`8 analyst queries (seeding ${opts.analystCases.toLocaleString('en-US')} cases over every procedure)`);
  const analystDb = await createBenchDatabase();
  let analyst;
  try {
    analyst = await analystScenario(analystDb.url, { cases: opts.analystCases, historyPerCase: 12, reps: opts.analystReps });
  } finally {
    await analystDb.drop();
  }

  const results: Results = {
    date: new Date().toISOString(),
    mode: opts.quick ? 'quick' : 'full',
    machine: {
      node: process.version,
      postgres: await serverVersion(bench.url),
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memGb: Math.round(totalmem() / 2 ** 30),
      pglite: pkgVersion('@electric-sql/pglite'),
      bpmnEngine: pkgVersion('bpmn-engine'),
      dbos: pkgVersion('@dbos-inc/dbos-sdk'),
      graphileWorker: pkgVersion('graphile-worker'),
    },
    startup: { buildMs, runs: startup },
    floor,
    engine: engineResults,
    pglite: { floor: pgliteFloor, engine: pgliteEngine },
    peer,
    dbos,
    graphile,
    statements,
    http,
    timers,
    queryWorld: { ...world, cases: opts.queryCases },
    queries,
    memory,
    analyst,
    minutes: (performance.now() - started) / 60_000,
  };
  const table = renderTable(results);
  console.log(`\n${renderHeader(results)}\n\n${table}\n\n${renderGoals(results)}\n`);
  const name = opts.quick ? 'quick' : 'latest';
  writeReport(results, name);
  log(`written to bench/results/${name}.md`);
} finally {
  await setup.close();
  await bench.drop();
}
