/**
 * `npm run chaos`: breaks things on purpose against a real PostgreSQL, loopback only, in under 5 minutes.
 *   1. crash: kill -9 the server 20 times while clients send events, then 3 more times while due timers
 *      fire; after the last restart every acknowledged write is in the history, no case is half-written,
 *      sequence numbers have no gaps, and every due timer fired exactly once.
 *   2. database outage: PostgreSQL stopped (fast, immediate, fast) and started again under load; requests
 *      during the outage get 503 with the error format, /healthz reports it, the same server process recovers.
 *   3. time that jumps: the server (scheduler and dispatcher) is stopped on 15 September and started again on
 *      15 October (a 30-day outage of its pinned clock); no reminder is sent, every due / missed / escalation
 *      notice once, one catch-up per party and case, every reminder timer skipped.
 *   4. server + CLI on one PGlite DATA_DIR: 15 CLI commands (org:add, user:add, settings:set; up to 4 at once)
 *      through the running server's socket while 4 HTTP clients open cases and read lists; every command exits
 *      0 with its id/token, a new user's token works at once, a setting is served at once, nothing the CLI or
 *      the API acknowledged is missing from the directory afterwards, no 5xx.
 * PostgreSQL: a private throwaway cluster (default) or CHAOS_PG=system (pg_ctlcluster on this machine's
 * cluster, at CHAOS_PG_URL). CHAOS_ONLY=cli runs scenario 4 alone (no PostgreSQL needed); CHAOS_SKIP_CLI
 * leaves it out. Prints a JSON summary; exit code 1 when an invariant broke.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { sql as dsql } from 'drizzle-orm';
import postgres from 'postgres';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRegistry } from '../definitions/index.js';
import { openDatabase } from '../src/db/client.js';
import { addOrganization, addUser, authenticate } from '../src/db/directory.js';
import { readSettings } from '../src/engine/settings-update.js';
import { caseInput, newLedger, startLoad, type Ledger } from './lib/load.js';
import { privateCluster, systemCluster, type PgServer } from './lib/pg-cluster.js';
import { seedDatabase } from './lib/seed.js';
import { freePort, ROOT, sleep, startServerProcess, type ServerProcess } from './lib/server-process.js';
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
const cliChildren = new Set<ChildProcess>();
const tempDirs: string[] = [dataDir];
let pg: PgServer | null = null;

/** databaseUrl null: PGlite in `dir` (spawn leaves out a variable whose value is undefined, so the server gets no DATABASE_URL). */
async function start(databaseUrl: string | null, now: string, dir = dataDir): Promise<ServerProcess> {
  const preload = process.env.CHAOS_GUARD === '1' && databaseUrl ? [new URL('./lib/pg-nextwrite-guard.ts', import.meta.url).href] : [];
  const env: Record<string, string> = databaseUrl ? { DATA_DIR: dir } : { DATA_DIR: dir, DATABASE_URL: undefined as unknown as string };
  const s = await startServerProcess({ databaseUrl: databaseUrl ?? '', now, env, preload, readyTimeoutMs: databaseUrl ? 30_000 : 90_000 });
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

async function timeJumpPhase(adminUrl: string) {
  const seed = await seedDatabase(adminUrl, 'swe_chaos_jump');
  const violations: string[] = [];
  let server = await start(seed.url, '2026-09-01T10:00:00+09:00');
  for (const token of seed.tokens.school) {
    const res = await fetch(`${server.baseUrl}/api/cases`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(caseInput()) });
    if (res.status !== 201) violations.push(`opening a case answered ${res.status}`);
  }
  await sleep(1000);
  await server.stop();
  // The last morning the scheduler runs; then 30 days without it (questionFiling: reminders 9/23, 9/30, 10/6, due 10/7, missed 10/8).
  server = await start(seed.url, '2026-09-15T09:00:00+09:00');
  await sleep(1500);
  await server.stop();
  const back = '2026-10-15T09:00:00+09:00';
  server = await start(seed.url, back);
  for (let i = 0; i < 150 && (await pendingDue(seed.url, back)) > 0; i++) await sleep(200);
  const sql = postgres(seed.url, { max: 1, onnotice: () => {} });
  try {
    for (let i = 0; i < 100; i++) {
      const [pending] = await sql<{ n: number }[]>`select count(*)::int as n from outbox where status = 'pending'`;
      if (!pending?.n) break;
      await sleep(200);
    }
    await sleep(1000); // a few more passes: nothing may come twice
    await server.stop();
    const cases = seed.tokens.school.length;
    const rows = await sql<{ case_id: string; template: string; recipient_party: string; status: string; n: number }[]>`
      select case_id, template, recipient_party, status, count(*)::int as n from outbox where case_id is not null group by 1, 2, 3, 4`;
    const reminders = rows.filter((r) => r.template === 'reminder').reduce((a, r) => a + r.n, 0);
    if (reminders) violations.push(`${reminders} reminder(s) queued after their day`);
    for (const r of rows) {
      if (r.n !== 1) violations.push(`case ${r.case_id}: ${r.n} × ${r.template} to ${r.recipient_party}`);
      if (r.status !== 'sent') violations.push(`case ${r.case_id}: ${r.template} to ${r.recipient_party} is ${r.status}`);
    }
    const expected = ['catch-up:school', 'due:school', 'escalation:hq', 'missed:school'];
    const perCase = new Map<string, string[]>();
    for (const r of rows) perCase.set(r.case_id, [...(perCase.get(r.case_id) ?? []), `${r.template}:${r.recipient_party}`]);
    if (perCase.size !== cases) violations.push(`${perCase.size} cases with messages, expected ${cases}`);
    for (const [id, got] of perCase) if (JSON.stringify(got.sort()) !== JSON.stringify(expected)) violations.push(`case ${id}: ${got.join(', ')}`);
    const timers = await sql<{ kind: string; status: string; n: number }[]>`select kind, status, count(*)::int as n from timers where fire_at <= ${new Date(back)} group by 1, 2`;
    const count = (kind: string, status: string) => timers.find((t) => t.kind === kind && t.status === status)?.n ?? 0;
    if (count('reminder', 'skipped') !== 3 * cases) violations.push(`${count('reminder', 'skipped')} reminders skipped, expected ${3 * cases}`);
    if (count('due', 'fired') !== cases || count('overdue', 'fired') !== cases) violations.push('due/overdue timers did not fire once per case');
    return { cases, messages: rows.reduce((a, r) => a + r.n, 0), remindersSent: reminders, timers, violations };
  } finally {
    await sql.end();
    await seed.drop().catch(() => {});
  }
}

const CLI_MIN_LOAD_MS = 20_000;
const CLI_MAX_REQUESTS = 8_000;
const CLI_TIMEOUT_MS = 90_000;

interface CliRun {
  args: string[];
  code: number | string | null;
  ms: number;
  out: any;
  stderr: string;
}

/** `npx tsx src/cli.ts ARGS` on `dir` with the server's pinned clock, in its own process group (killed whole on timeout). */
function runCli(dir: string, args: string[]): Promise<CliRun> {
  const t = Date.now();
  const child = spawn('npx', ['tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'development', DATA_DIR: dir, NOW: T1, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  cliChildren.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const timer = setTimeout(() => killGroup(child), CLI_TIMEOUT_MS);
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      cliChildren.delete(child);
      let out: any = null;
      try {
        out = JSON.parse(stdout);
      } catch {
        /* checked by the caller */
      }
      resolve({ args, code: code ?? signal, ms: Date.now() - t, out, stderr: stderr.slice(-500) });
    });
  });
}

function killGroup(child: ChildProcess) {
  try {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

async function cliPhase() {
  const t0 = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'swe-chaos-cli-'));
  tempDirs.push(dir);
  const violations: string[] = [];
  const fail = (v: string) => {
    if (violations.length < 50) violations.push(v);
  };
  const registry = defaultRegistry();
  const now = new Date(T1);

  // Seed the directory before the server holds it: an HQ, a centre, schools and their users for the load.
  const seeding = await openDatabase({ dataDir: dir });
  let tokens: { school: string[]; hq: string };
  try {
    await seeding.migrate();
    const { db } = seeding;
    const hq = await addOrganization(db, { kind: 'hq', name: '産業労働局 雇用就業部 能力開発課' });
    const center = await addOrganization(db, { kind: 'center', name: '城南職業能力開発センター' });
    const school: string[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await addOrganization(db, { kind: 'school', name: `職業訓練校${i}`, centerId: center.id });
      school.push((await addUser(db, { role: 'school', email: `school${i}@example.test`, orgId: s.id }, now)).token);
    }
    tokens = { school, hq: (await addUser(db, { role: 'hq', email: 'hq@example.test', orgId: hq.id }, now)).token };
  } finally {
    await seeding.close();
  }

  const server = await start(null, T1, dir);
  const ledger = newLedger();
  let maxMs = 0;
  let reads = 0;
  /** One API request, counted with the load's (every answer must be below 500). */
  const api = async (token: string, method: string, path: string, body?: unknown) => {
    ledger.requests++;
    const t = Date.now();
    try {
      const res = await fetch(`${server.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
      const json = (await res.json().catch(() => null)) as any;
      ledger.statuses[res.status] = (ledger.statuses[res.status] ?? 0) + 1;
      if (res.status >= 500) fail(`${method} ${path} -> ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
      return { status: res.status, json };
    } catch (err) {
      ledger.statuses.network = (ledger.statuses.network ?? 0) + 1;
      fail(`${method} ${path}: no answer (${(err as Error).message})`);
      return { status: 0, json: null };
    } finally {
      maxMs = Math.max(maxMs, Date.now() - t);
    }
  };

  // Load: 3 clients opening cases and sending events (every 2xx in the ledger), 1 reading lists and settings.
  const loadStart = Date.now();
  const stopWrites = startLoad({ baseUrl: () => server.baseUrl, tokens, clients: 3, ledger, seed: 13 });
  let reading = true;
  const reader = (async () => {
    for (let i = 0; reading; i++) {
      await api(i % 2 ? tokens.hq : tokens.school[i % 3]!, 'GET', i % 4 === 3 ? '/api/settings/2026' : '/api/cases?limit=50');
      reads++;
    }
  })();
  let loadStopped: Promise<void> | null = null;
  const stopLoad = () =>
    (loadStopped ??= (async () => {
      reading = false;
      await Promise.all([stopWrites(), reader]);
    })());
  stops.push(stopLoad);
  const cap = setInterval(() => {
    if (ledger.requests >= CLI_MAX_REQUESTS) void stopLoad();
  }, 100);

  const runs: CliRun[] = [];
  const orgs: Record<string, string> = {};
  const cliUsers: Array<{ role: string; id: string; token: string; works: boolean }> = [];
  const expected = new Map<number, Record<string, string>>();
  let settingsServedAtOnce = 0;
  let casesOpenedByCliUsers = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const cli = async (args: string[]) => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    const r = await runCli(dir, args);
    inFlight--;
    runs.push(r);
    if (r.code !== 0) fail(`cli ${args.slice(0, 3).join(' ')} exited ${r.code}: ${r.stderr}`);
    else if (r.out === null) fail(`cli ${args.slice(0, 3).join(' ')} printed no JSON`);
    return r;
  };
  const org = async (key: string, kind: string, name: string, center?: string) => {
    const r = await cli(['org:add', '--kind', kind, '--name', name, ...(center ? ['--center', center] : [])]);
    if (/^[0-9a-f-]{36}$/.test(r.out?.id ?? '')) orgs[key] = r.out.id;
    else if (r.code === 0) fail(`org:add ${kind} printed no id: ${JSON.stringify(r.out)}`);
  };
  const user = async (role: string, email: string, orgId?: string) => {
    const r = await cli(['user:add', '--role', role, '--email', email, ...(orgId ? ['--org', orgId] : [])]);
    if (!/^[0-9a-f-]{36}$/.test(r.out?.id ?? '') || !String(r.out?.token ?? '').startsWith('swe_')) {
      if (r.code === 0) fail(`user:add ${role} printed no id/token: ${JSON.stringify(r.out)}`);
      return;
    }
    // The server sees the new user (and its organisation) at once: no restart.
    const list = await api(r.out.token, 'GET', '/api/cases');
    let works = list.status === 200;
    if (!works) fail(`the new ${role} user's token answered ${list.status} right after user:add`);
    if (role === 'school') {
      const opened = await api(r.out.token, 'POST', '/api/cases', caseInput());
      if (opened.status === 201) {
        casesOpenedByCliUsers++;
        ledger.acks.push({ caseId: opened.json.id, version: opened.json.version, type: 'CASE_CREATED' });
      } else {
        works = false;
        fail(`the new school user could not open a case: ${opened.status}`);
      }
    }
    cliUsers.push({ role, id: r.out.id, token: r.out.token, works });
  };
  const setting = async (fy: number, flag: string, value: string) => {
    const name = camel(flag);
    const r = await cli(['settings:set', '--fiscal-year', String(fy), `--${flag}`, value]);
    if (r.code !== 0) return;
    expected.set(fy, { ...expected.get(fy), [name]: value });
    if (r.out?.[name] !== value) fail(`settings:set ${fy} ${name}=${value} printed ${r.out?.[name]}`);
    // No other command in flight changes this (year, setting): the server must serve the new value now.
    const served = await api(tokens.hq, 'GET', `/api/settings/${fy}`);
    if (served.json?.[name] === value) settingsServedAtOnce++;
    else fail(`right after settings:set the server serves ${fy} ${name}=${served.json?.[name]}, not ${value}`);
  };

  await sleep(2000);
  // 15 writing commands in 4 waves (each command's dependencies in an earlier wave; no two in one wave on the same setting).
  const waves: Array<() => Array<Promise<unknown>>> = [
    () => [org('hq', 'hq', 'CLI本庁'), org('center', 'center', 'CLIセンター'), setting(2027, 'skill-check-review-result', '2027-11-10')],
    () => [org('school1', 'school', 'CLI訓練校1', orgs.center), org('school2', 'school', 'CLI訓練校2', orgs.center), user('hq', 'cli-hq1@example.test', orgs.hq), setting(2026, 'skill-check-question-filing', '2026-10-02')],
    () => [user('center', 'cli-center@example.test', orgs.center), user('school', 'cli-school1@example.test', orgs.school1), user('school', 'cli-school2@example.test', orgs.school2), user('analyst', 'cli-analyst@example.test')],
    () => [user('admin', 'cli-admin@example.test'), user('hq', 'cli-hq2@example.test', orgs.hq), setting(2026, 'skill-check-review-result', '2026-11-20'), setting(2026, 'skill-check-question-filing', '2026-10-05')],
  ];
  for (const [i, wave] of waves.entries()) {
    await Promise.all(wave());
    log(`cli wave ${i + 1}: ${runs.length} commands done, ${ledger.acks.length} API writes acknowledged, ${ledger.requests} requests`);
  }
  const writeCommands = runs.length;
  // The CLI reads back what it wrote, through the server, while the load goes on.
  const readBack = await Promise.all([...expected.keys()].map(async (fy) => ({ fy, r: await cli(['settings:get', '--fiscal-year', String(fy)]) })));
  for (const { fy, r } of readBack) {
    for (const [name, value] of Object.entries(expected.get(fy)!)) if (r.out?.[name] !== value) fail(`settings:get ${fy}: ${name}=${r.out?.[name]}, expected ${value}`);
  }
  while (Date.now() - loadStart < CLI_MIN_LOAD_MS && !loadStopped) await sleep(100);
  const loadMs = Date.now() - loadStart;
  clearInterval(cap);
  await stopLoad();
  for (const u of cliUsers) if ((await api(u.token, 'GET', '/api/cases')).status !== 200) fail(`the ${u.role} user ${u.id}'s token stopped working`);
  await server.stop();
  const serverExit = await server.exited;
  if (serverExit !== 0) fail(`the server exited with ${serverExit} on SIGTERM`);
  ledger.violations.forEach(fail);
  for (const [status, n] of Object.entries(ledger.statuses)) if (status === 'network' || Number(status) >= 500) fail(`${n} answers ${status}`);

  // Afterwards, the directory itself: everything the CLI and the API acknowledged is there.
  const database = await openDatabase({ dataDir: dir });
  const rows = async <T>(q: ReturnType<typeof dsql>) => ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;
  let stats;
  try {
    const orgIds = new Set((await rows<{ id: string }>(dsql`select id from organizations`)).map((r) => r.id));
    const userIds = new Set((await rows<{ id: string }>(dsql`select id from users`)).map((r) => r.id));
    const cliOrgsFound = Object.values(orgs).filter((id) => orgIds.has(id)).length;
    const cliUsersFound = cliUsers.filter((u) => userIds.has(u.id)).length;
    if (cliOrgsFound !== Object.keys(orgs).length) fail(`${Object.keys(orgs).length - cliOrgsFound} organisations the CLI added are missing`);
    if (cliUsersFound !== cliUsers.length) fail(`${cliUsers.length - cliUsersFound} users the CLI added are missing`);
    let tokensValid = 0;
    for (const u of cliUsers) if (await authenticate(database.db, u.token, now)) tokensValid++;
    if (tokensValid !== cliUsers.length) fail(`${cliUsers.length - tokensValid} CLI tokens do not authenticate`);
    for (const [fy, values] of expected) {
      const stored = await readSettings(database.db, registry, fy);
      for (const [name, value] of Object.entries(values)) if (stored[name] !== value) fail(`stored ${fy} ${name}=${stored[name]}, expected ${value}`);
    }
    const cases = await rows<{ id: string; version: number }>(dsql`select id, version from cases`);
    const events = await rows<{ case_id: string; seq: number; type: string }>(dsql`select case_id, seq, type from case_events order by case_id, seq`);
    const byCase = new Map<string, number[]>();
    for (const e of events) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e.seq]);
    for (const c of cases) {
      const seqs = byCase.get(c.id) ?? [];
      if (seqs.length !== c.version || seqs.some((s, i) => s !== i + 1)) fail(`case ${c.id}: version ${c.version}, history seqs ${seqs.join(',')}`);
    }
    const typeOf = new Map(events.map((e) => [`${e.case_id}#${e.seq}`, e.type]));
    let acknowledgedFound = 0;
    for (const a of ledger.acks) {
      if (typeOf.get(`${a.caseId}#${a.version}`) === a.type) acknowledgedFound++;
      else fail(`acknowledged ${a.type} on ${a.caseId} (version ${a.version}) is not in the history`);
    }
    stats = { cases: cases.length, historyRows: events.length, acknowledgedFound, cliOrgsFound, cliUsersFound, tokensValid };
  } finally {
    await database.close();
  }
  const ms = runs.map((r) => r.ms);
  return {
    database: 'PGlite (DATA_DIR, CLI through the server socket)',
    seconds: Math.round((Date.now() - t0) / 1000),
    cliCommands: {
      run: runs.length,
      writes: writeCommands,
      exitedZero: runs.filter((r) => r.code === 0).length,
      maxConcurrent: maxInFlight,
      ms: { min: Math.min(...ms), max: Math.max(...ms) },
    },
    orgsAdded: Object.keys(orgs).length,
    usersAdded: cliUsers.length,
    tokensWorkingAtOnce: cliUsers.filter((u) => u.works).length,
    casesOpenedByCliUsers,
    settingsSet: runs.filter((r) => r.args[0] === 'settings:set' && r.code === 0).length,
    settingsServedAtOnce,
    load: { ...statusSummary(ledger), reads, seconds: Math.round(loadMs / 100) / 10, capped: ledger.requests >= CLI_MAX_REQUESTS, maxRequestMs: maxMs },
    serverExit,
    directory: stats,
    violations,
  };
}

function diff(now: Record<string, number>, before: Record<string, number>) {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(now)) if (v - (before[k] ?? 0) > 0) out[k] = v - (before[k] ?? 0);
  return out;
}

async function cleanup() {
  for (const stop of stops) await stop().catch(() => {});
  for (const s of servers) await s.kill9().catch(() => {});
  for (const c of cliChildren) killGroup(c);
  try {
    pg?.dispose();
  } catch (err) {
    log(`could not restore PostgreSQL: ${(err as Error).message}`);
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}

const watchdog = setTimeout(() => {
  log(`over the ${BUDGET_MS / 1000} s budget: stopping`);
  void cleanup().finally(() => process.exit(2));
}, BUDGET_MS);

let failed = false;
try {
  const only = process.env.CHAOS_ONLY;
  if (only && only !== 'cli') throw new Error(`CHAOS_ONLY=${only}: the only scenario that runs alone is 'cli'`);
  const skipped = { violations: [] as string[] };
  if (only !== 'cli') {
    pg = process.env.CHAOS_PG === 'system' ? systemCluster(process.env.CHAOS_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres') : privateCluster(await freePort());
    log(`PostgreSQL: ${pg.label}`);
  }
  const crash = only || process.env.CHAOS_SKIP_CRASH ? skipped : await crashPhase(pg!.adminUrl);
  if (!only) log(`crash phase: ${crash.violations.length} violations`);
  const outage = only || process.env.CHAOS_SKIP_OUTAGE ? skipped : await outagePhase(pg!);
  if (!only) log(`outage phase: ${outage.violations.length} violations`);
  const timeJump = only ? skipped : await timeJumpPhase(pg!.adminUrl);
  if (!only) log(`time-jump phase: ${timeJump.violations.length} violations`);
  const cli = process.env.CHAOS_SKIP_CLI ? skipped : await cliPhase();
  log(`server + CLI phase: ${cli.violations.length} violations`);
  failed = [crash, outage, timeJump, cli].some((p) => p.violations.length > 0);
  const phases = only ? { cli } : { crash, outage, timeJump, cli };
  process.stdout.write(`${JSON.stringify({ guard: process.env.CHAOS_GUARD === '1', seconds: Math.round((Date.now() - started) / 1000), ...phases, result: failed ? 'FAILED' : 'passed' }, null, 2)}\n`);
} catch (err) {
  failed = true;
  log(`chaos run failed: ${(err as Error).stack}`);
} finally {
  clearTimeout(watchdog);
  await cleanup();
}
process.exit(failed ? 1 : 0);
