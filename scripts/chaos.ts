/**
 * `npm run chaos`: breaks things on purpose against a real PostgreSQL, loopback only, in under 5 minutes.
 *   1. crash: kill -9 the server 20 times while clients send events, then 3 more times while due timers
 *      fire; after the last restart every acknowledged write is in the history, no case is half-written,
 *      sequence numbers have no gaps, and every due timer fired exactly once.
 *   2. database outage: PostgreSQL stopped (fast, immediate, fast) and started again under load; requests
 *      during the outage get 503 with the error format, /healthz reports it, the same server process recovers.
 * PostgreSQL: a private throwaway cluster (default) or CHAOS_PG=system (pg_ctlcluster on this machine's
 * cluster, at CHAOS_PG_URL). Prints a JSON summary; exit code 1 when an invariant broke.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newLedger, startLoad, type Ledger } from './lib/load.js';
import { privateCluster, systemCluster, type PgServer } from './lib/pg-cluster.js';
import { seedDatabase } from './lib/seed.js';
import { freePort, sleep, startServerProcess, type ServerProcess } from './lib/server-process.js';
import { pendingDue, verifyDatabase } from './lib/verify.js';

const KILLS = Number(process.env.CHAOS_KILLS ?? 20);
const TIMER_KILLS = 3;
const OUTAGES: Array<'fast' | 'immediate'> = ['fast', 'immediate', 'fast'];
const BUDGET_MS = 285_000;
const T1 = '2026-09-01T09:00:00+09:00';
const T2 = Date.parse('2026-10-09T09:00:00+09:00');
/** Each restart of the timer phase is 2 minutes later: past the 60 s lease a killed scheduler held. */
const timerClock = (k: number) => new Date(T2 + k * 120_000).toISOString();

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (msg: string) => process.stderr.write(`[chaos ${elapsed()}] ${msg}\n`);
const dataDir = mkdtempSync(join(tmpdir(), 'swe-chaos-data-'));
const servers = new Set<ServerProcess>();
const stops: Array<() => Promise<void>> = [];
let pg: PgServer | null = null;

async function start(databaseUrl: string, now: string): Promise<ServerProcess> {
  const preload = process.env.CHAOS_GUARD === '1' ? [new URL('./lib/pg-nextwrite-guard.ts', import.meta.url).href] : [];
  const s = await startServerProcess({ databaseUrl, now, env: { DATA_DIR: dataDir }, preload });
  servers.add(s);
  void s.exited.then((code) => {
    servers.delete(s);
    if (code !== null && code !== 0) log(`server ${s.pid} exited on its own with code ${code}:\n${s.output.slice(-15).join('\n')}`);
  });
  return s;
}

function statusSummary(l: Ledger) {
  return { requests: l.requests, acknowledged: l.acks.length, byStatus: l.statuses, contractViolations: l.violations.length };
}

async function crashPhase(adminUrl: string) {
  const seed = await seedDatabase(adminUrl);
  const ledger = newLedger();
  let server = await start(seed.url, T1);
  const stopLoad = startLoad({ baseUrl: () => server.baseUrl, tokens: seed.tokens, clients: 8, ledger, seed: 20260901 });
  stops.push(stopLoad);
  const restartMs: number[] = [];
  for (let k = 1; k <= KILLS; k++) {
    await sleep(600 + ((k * 137) % 900));
    await server.kill9();
    const t = Date.now();
    server = await start(seed.url, T1);
    restartMs.push(Date.now() - t);
    log(`kill -9 #${k}: ${ledger.acks.length} writes acknowledged so far`);
  }
  await sleep(300);
  await stopLoad();
  await server.kill9();

  const dueAtT2 = await pendingDue(seed.url, new Date(T2).toISOString());
  log(`timer phase: ${dueAtT2} timers due`);
  for (let k = 0; k < TIMER_KILLS; k++) {
    server = await start(seed.url, timerClock(k));
    await sleep(400 + k * 300);
    await server.kill9();
    log(`kill -9 while firing #${k + 1}: ${await pendingDue(seed.url, timerClock(k))} still due`);
  }
  const finalNow = timerClock(TIMER_KILLS);
  server = await start(seed.url, finalNow);
  const deadline = Date.now() + 60_000;
  while ((await pendingDue(seed.url, finalNow)) > 0) {
    if (Date.now() > deadline) break;
    await sleep(200);
  }
  await server.stop();
  const verdict = await verifyDatabase(seed.url, ledger.acks, { dueBy: finalNow });
  await seed.drop();
  return {
    kills: KILLS + TIMER_KILLS,
    killsUnderLoad: KILLS,
    killsWhileTimersFire: TIMER_KILLS,
    restartMs: { min: Math.min(...restartMs), max: Math.max(...restartMs) },
    timersDue: dueAtT2,
    load: statusSummary(ledger),
    database: verdict.stats,
    violations: [...verdict.violations, ...ledger.violations],
  };
}

async function outagePhase(server: PgServer) {
  const seed = await seedDatabase(server.adminUrl);
  const ledger = newLedger();
  const app = await start(seed.url, T1);
  const stopLoad = startLoad({ baseUrl: () => app.baseUrl, tokens: seed.tokens, clients: 6, ledger, seed: 42 });
  stops.push(stopLoad);
  const outages = [];
  const violations: string[] = [];
  try {
    for (const mode of OUTAGES) {
      if (app.child.exitCode !== null) break;
      await sleep(1000);
      const before = { ...ledger.statuses };
      server.stop(mode);
      const down = Date.now();
      await sleep(2500);
      const h0 = Date.now();
      const health = await fetch(`${app.baseUrl}/healthz`, { signal: AbortSignal.timeout(40_000) }).catch(() => null);
      const healthBody = health ? ((await health.json().catch(() => null)) as { database?: string } | null) : null;
      const healthMs = Date.now() - h0;
      if (health?.status !== 503 || healthBody?.database !== 'unreachable') violations.push(`/healthz during the outage answered ${health?.status} ${JSON.stringify(healthBody)}`);
      const during = diff(ledger.statuses, before);
      server.start();
      const up = Date.now();
      let recoveredMs: number | null = null;
      while (Date.now() - up < 60_000 && app.child.exitCode === null) {
        const r = await fetch(`${app.baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
        if (r?.status === 200) {
          recoveredMs = Date.now() - up;
          break;
        }
        await sleep(100);
      }
      const acks = ledger.acks.length;
      const writeDeadline = Date.now() + 30_000;
      while (ledger.acks.length === acks && Date.now() < writeDeadline && app.child.exitCode === null) await sleep(100);
      if (recoveredMs === null) violations.push(`no recovery within 60 s after the ${mode} stop`);
      if (ledger.acks.length === acks) violations.push(`no acknowledged write after the ${mode} stop`);
      if (app.child.exitCode !== null) violations.push('the server process died during the outage');
      outages.push({ mode, downMs: up - down, statusesDuringOutage: during, healthz: { status: health?.status, ms: healthMs }, recoveredMs });
      log(`outage (${mode}): during ${JSON.stringify(during)}; /healthz ${health?.status} in ${healthMs} ms; recovered in ${recoveredMs} ms`);
    }
  } finally {
    await stopLoad();
  }
  const samePid = app.child.exitCode === null;
  await app.stop();
  const verdict = await verifyDatabase(seed.url, ledger.acks);
  await seed.drop();
  return { postgres: server.label, outages, serverRestarted: !samePid, load: statusSummary(ledger), database: verdict.stats, violations: [...violations, ...verdict.violations, ...ledger.violations] };
}

function diff(now: Record<string, number>, before: Record<string, number>) {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(now)) if (v - (before[k] ?? 0) > 0) out[k] = v - (before[k] ?? 0);
  return out;
}

async function cleanup() {
  for (const stop of stops) await stop().catch(() => {});
  for (const s of servers) await s.kill9().catch(() => {});
  try {
    pg?.dispose();
  } catch (err) {
    log(`could not restore PostgreSQL: ${(err as Error).message}`);
  }
  rmSync(dataDir, { recursive: true, force: true });
}

const watchdog = setTimeout(() => {
  log(`over the ${BUDGET_MS / 1000} s budget: stopping`);
  void cleanup().finally(() => process.exit(2));
}, BUDGET_MS);

let failed = false;
try {
  pg = process.env.CHAOS_PG === 'system' ? systemCluster(process.env.CHAOS_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres') : privateCluster(await freePort());
  log(`PostgreSQL: ${pg.label}`);
  const crash = process.env.CHAOS_SKIP_CRASH ? { violations: [] } : await crashPhase(pg.adminUrl);
  log(`crash phase: ${crash.violations.length} violations`);
  const outage = await outagePhase(pg);
  log(`outage phase: ${outage.violations.length} violations`);
  failed = crash.violations.length > 0 || outage.violations.length > 0;
  process.stdout.write(`${JSON.stringify({ guard: process.env.CHAOS_GUARD === '1', seconds: Math.round((Date.now() - started) / 1000), crash, outage, result: failed ? 'FAILED' : 'passed' }, null, 2)}\n`);
} catch (err) {
  failed = true;
  log(`chaos run failed: ${(err as Error).stack}`);
} finally {
  clearTimeout(watchdog);
  await cleanup();
}
process.exit(failed ? 1 : 0);
