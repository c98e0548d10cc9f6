/**
 * The HTTP scenario on its own: its own database (created here, dropped at the end), the directory and cases
 * seeded through bench/flow.ts, the server in its own process, then bench/open-loop.ts's passes (saturated
 * closed loop, then open loop at 25/50/75 % of it) and a table with the server's own figures beside them.
 *
 *   npx tsx bench/http-run.ts [--seconds 30] [--cases 256] [--connections 64] [--repeat 1]
 *                             [--fractions 0.25,0.5,0.75] [--env KEY=VALUE ...]
 *
 * --autocannon also runs the old half-rate pass (autocannon `overallRate`, bench/http.ts) after each run, for comparison.
 * --profile DIR writes a CPU profile of the server per pass (steady state only) into DIR.
 * --env passes settings to the server process (e.g. --env DATABASE_POOL_SIZE=10 --env LOG_LEVEL=info).
 * BENCH_CPU_PROF=<dir> profiles the server child (bench/server-process.ts); summarise with bench/cpu-profile.ts.
 */
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { defaultRegistry } from '../definitions/index.js';
import { manualClock } from '../src/clock.js';
import { createEngine } from '../src/engine/engine.js';
import { FLOW, seedDirectory } from './flow.js';
import { httpPass } from './http.js';
import { openLoopPasses, type OpenLoopResults } from './open-loop.js';
import { createBenchDatabase, openPg } from './pg.js';
import { startServerProcess, type ServerStats } from './server-process.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
const seconds = Number(arg('seconds', '30'));
const saturatedCases = Number(arg('cases', '256'));
const connections = Number(arg('connections', '64'));
const repeat = Number(arg('repeat', '1'));
const fractions = arg('fractions', '0.25,0.5,0.75').split(',').map(Number);
const profileDir = arg('profile', '');
if (profileDir) mkdirSync(profileDir, { recursive: true });
const compareAutocannon = process.argv.includes('--autocannon');
const env: Record<string, string> = {};
process.argv.forEach((a, i) => {
  if (a === '--env') {
    const [k, ...v] = (process.argv[i + 1] ?? '').split('=');
    if (k) env[k] = v.join('=');
  }
});

const t0 = performance.now();
const log = (msg: string) => console.error(`[http ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${msg}`);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const serverCells = (s?: ServerStats) =>
  s ? [f1(s.requestP50), f1(s.requestP99), f1(s.loopDelayP99), `${Math.round(100 * s.loopUtilisation)} %`, f1(s.beginWaitP99), `${f1(s.transactionP50)} / ${f1(s.transactionP99)}`, String(s.maxInFlight), `${Math.round(s.cpuPerCent)} %`, f1((s.cpuPerCent * 10 * s.seconds) / Math.max(1, s.requests))] : ['', '', '', '', '', '', '', '', ''];

export function renderOpenLoop(r: OpenLoopResults): string {
  const head =
    '| Pass | Offered req/s | Achieved req/s | p50 ms | p99 ms | p99.9 ms | max ms | Errors | server p50 / p99 ms | loop delay p99 ms | loop busy | pool wait p99 ms | tx p50 / p99 ms | max in flight | server CPU | CPU ms / request |';
  const rows = [head, '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
  const s = r.saturated.summary;
  const sv = serverCells(r.saturatedServer);
  rows.push(`| saturated, ${r.saturated.connections} conns closed loop | – | ${f0(s.perSecond)} | ${f1(s.p50)} | ${f1(s.p99)} | – | – | ${r.saturated.errors} | ${sv[0]} / ${sv[1]} | ${sv.slice(2).join(' | ')} |`);
  for (const p of r.passes) {
    const c = serverCells(p.server);
    rows.push(
      `| open loop ${Math.round(p.fraction * 100)} % | ${f0(p.offeredRate)} | ${f0(p.achievedRate)} | ${f1(p.summary.p50)} | ${f1(p.summary.p99)} | ${f1(p.p999)} | ${f1(p.max)} | ${p.errors} | ${c[0]} / ${c[1]} | ${c.slice(2).join(' | ')} |`,
    );
  }
  return rows.join('\n');
}

const bench = await createBenchDatabase();
log(`database ${bench.name}; load average ${load()}; server env ${JSON.stringify(env)}`);
const setup = await openPg(bench.url, 8);
try {
  const dir = await seedDirectory(setup.db, 16, 'http');
  const clock = manualClock('2026-09-01T10:00:00+09:00');
  const engine = createEngine({ db: setup.db, clock, registry: defaultRegistry() });
  const server = await startServerProcess(bench.url, { env });
  try {
    // Warm-up (not counted): every route and statement of the flow once, so the JIT and the statement caches
    // of the pool's connections are warm before the first timed pass.
    await httpPass(server, engine, clock, dir, 64, Math.min(connections, 32), null);
    for (let i = 0; i < repeat; i++) {
      log(`run ${i + 1}/${repeat}; load average ${load()}`);
      const r = await openLoopPasses(server, engine, clock, dir, { connections, saturatedCases, fractions, secondsPerPass: seconds, log, ...(profileDir ? { profileDir } : {}) });
      console.log(`\nRun ${i + 1}/${repeat} (load average after: ${load()}; ${FLOW.length} events per case)\n\n${renderOpenLoop(r)}\n`);
      if (compareAutocannon) {
        const rate = Math.round(r.saturated.summary.perSecond / 2);
        await server.resetStats?.();
        const a = await httpPass(server, engine, clock, dir, saturatedCases, connections, rate);
        const sv = await server.stats?.();
        console.log(
          `autocannon overallRate ${rate} req/s (${connections} conns): ${a.summary.perSecond.toFixed(0)} achieved, p50 ${f1(a.summary.p50)} p99 ${f1(a.summary.p99)} ms` +
            (sv ? `; server p50 ${f1(sv.requestP50)} p99 ${f1(sv.requestP99)} ms, max in flight ${sv.maxInFlight}, pool wait p99 ${f1(sv.beginWaitP99)} ms` : '') +
            '\n',
        );
      }
    }
    const mem = server.memory();
    log(`server RSS ${mem.rssMb.toFixed(0)} MB (peak ${mem.hwmMb.toFixed(0)})`);
  } finally {
    await server.stop();
  }
} finally {
  await setup.close();
  await bench.drop();
}
