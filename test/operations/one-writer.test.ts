/**
 * One writer per PGlite data directory, with real processes: the server holds DATA_DIR and shares its PGlite
 * over a socket there; CLI commands run while it runs go through it, so the server sees their writes at once
 * (a new user's token works without a restart) and they see the server's; a second server on the same
 * DATA_DIR stops with a clear error; once the server stops, the CLI opens the directory itself. PGlite only:
 * with DATABASE_URL there is no data directory to share.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE, readLock } from '../../src/db/data-dir-lock.js';
import { authenticate } from '../../src/db/directory.js';
import { freePort, ROOT, sleep } from '../../scripts/lib/server-process.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'swe-one-writer-'));
const lockPath = join(dataDir, LOCK_FILE);
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/tmp',
  NODE_ENV: 'development',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  ...extra,
});

async function cli(...args: string[]) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env: env() });
  return JSON.parse(stdout);
}

/** `node --import tsx src/main.ts` on dataDir, as `npm start` runs it; without DATABASE_URL, so on PGlite. */
function spawnServer(port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: env({ HOST: '127.0.0.1', PORT: String(port), SCHEDULER_INTERVAL_MS: '200', DISPATCH_INTERVAL_MS: '200' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output, baseUrl: `http://127.0.0.1:${port}` };
}

async function waitReady(s: ReturnType<typeof spawnServer>) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (s.child.exitCode !== null) throw new Error(`server exited with ${s.child.exitCode}:\n${s.output()}`);
    try {
      if ((await fetch(`${s.baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) })).status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server not ready:\n${s.output()}`);
    await sleep(100);
  }
}

async function api(baseUrl: string, token: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

describe('the shared socket: a connected client is one session, never interleaved with the server', () => {
  it('waits for the server\'s transaction, holds the server\'s queries until it leaves, and rolls back what it left open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swe-share-'));
    const database = await openDatabase({ dataDir: dir });
    let closed = false;
    try {
      const endpoint = await database.share!();
      expect(endpoint).toEqual({ socket: join(dir, 'swe.sock') });
      const { db } = database;
      const rows = async () => Number(((await db.execute(sql`select count(*)::int as n from shared_t`)) as unknown as { rows: Array<{ n: number }> }).rows[0]!.n);
      await db.execute(sql`create table shared_t (x int)`);
      const connect = () => postgres({ path: (endpoint as { socket: string }).socket, user: 'postgres', database: 'postgres', max: 1, onnotice: () => {} });

      // A client arriving during the server's transaction sees none or all of it, never half.
      let inTx = false;
      const serverTx = db.transaction(async (tx) => {
        await tx.execute(sql`insert into shared_t values (1)`);
        inTx = true;
        await sleep(300);
        await tx.execute(sql`insert into shared_t values (2)`);
      });
      while (!inTx) await sleep(5);
      const one = connect();
      expect((await one`select count(*)::int as n from shared_t`)[0]!.n).toBe(2);

      // While the client is connected (here in its own transaction) the server's queries wait for it.
      let served = false;
      await one.begin(async (tx) => {
        await tx`insert into shared_t values (3)`;
        void rows().then(() => (served = true));
        await sleep(300);
        expect(served).toBe(false);
      });
      await serverTx;
      expect(served).toBe(false);
      await one.end();
      while (!served) await sleep(5);
      expect(await rows()).toBe(3);

      // A client that leaves in the middle of a transaction: its writes are rolled back, the server goes on.
      const two = connect();
      const reserved = await two.reserve();
      await reserved`begin`;
      await reserved`insert into shared_t values (4)`;
      await two.end({ timeout: 0 });
      expect(await rows()).toBe(3);
      // And the next client finds a clean session (no transaction, no prepared statements left).
      const three = postgres({ path: (endpoint as { socket: string }).socket, user: 'postgres', database: 'postgres', max: 1, fetch_types: false });
      const left = await three.unsafe('select count(*)::int as n from pg_prepared_statements', [], { prepare: false });
      expect(left[0]!.n).toBe(0);
      // Closing (the server stopping) while a client is connected ends that session first; it frees the directory.
      await database.close();
      closed = true;
      await three.end();
      expect(existsSync(join(dir, 'swe.sock'))).toBe(false);
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    } finally {
      if (!closed) await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('one writer per PGlite data directory', () => {
  it('a second opener in one process gets DataDirLockedError naming the holder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swe-lock-'));
    try {
      const lock = acquireDataDirLock(dir, 'cli');
      expect(() => acquireDataDirLock(dir, 'server')).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dir, 'server')).toThrow(`pid ${process.pid}`);
      lock.release();
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
      acquireDataDirLock(dir, 'server').release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the server and CLI commands share one DATA_DIR; a second server is refused; the CLI opens it alone afterwards', async () => {
    const server = spawnServer(await freePort());
    await waitReady(server);
    const lock = readLock(dataDir)!;
    expect(lock).toMatchObject({ pid: server.child.pid, kind: 'server', endpoint: { socket: join(dataDir, 'swe.sock') } });

    // CLI writes through the running server: its new user's token works on the API at once.
    const hq = await cli('org:add', '--kind', 'hq', '--name', '本庁');
    const user = await cli('user:add', '--role', 'hq', '--email', 'hq@example.test', '--org', hq.id);
    expect((await api(server.baseUrl, user.token, '/api/cases')).status).toBe(200);

    // And the server's writes are the CLI's reads.
    const put = await api(server.baseUrl, user.token, '/api/settings/2026', { method: 'PUT', body: { skillCheckQuestionFiling: '2026-10-05' } });
    expect(put.status).toBe(200);
    expect((await cli('settings:get', '--fiscal-year', '2026')).skillCheckQuestionFiling).toBe('2026-10-05');

    // Requests keep being served while CLI commands (two at once) hold the shared connection in turn.
    let stop = false;
    const statuses: number[] = [];
    const load = (async () => {
      while (!stop) statuses.push((await api(server.baseUrl, user.token, '/api/cases')).status);
    })();
    const [a, b] = await Promise.all([
      cli('user:add', '--role', 'hq', '--email', 'a@example.test', '--org', hq.id),
      cli('user:add', '--role', 'hq', '--email', 'b@example.test', '--org', hq.id),
    ]);
    stop = true;
    await load;
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    for (const u of [a, b]) expect((await api(server.baseUrl, u.token, '/api/cases')).status).toBe(200);

    // demo through the server: its users and cases are served at once.
    const demo = await cli('demo');
    const school = demo.users.find((u: { role: string }) => u.role === 'school');
    const cases = await api(server.baseUrl, school.token, '/api/cases');
    expect(cases.status).toBe(200);
    expect(cases.body.cases.length).toBeGreaterThan(0);

    // A second server on the same DATA_DIR stops with a clear error; the first goes on untouched.
    const second = spawnServer(await freePort());
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`DATA_DIR ${dataDir} is in use by a running server (pid ${server.child.pid}`);
    expect(readLock(dataDir)?.nonce).toBe(lock.nonce);
    expect((await api(server.baseUrl, user.token, '/api/cases')).status).toBe(200);

    // Stopped, the server frees the directory and the CLI opens it directly (and frees it again).
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(existsSync(lockPath)).toBe(false);
    expect(existsSync(join(dataDir, 'swe.sock'))).toBe(false);
    const direct = await cli('user:add', '--role', 'hq', '--email', 'direct@example.test', '--org', hq.id);
    expect(existsSync(lockPath)).toBe(false);
    const database = await openDatabase({ dataDir });
    try {
      for (const u of [user, a, b, direct]) expect(await authenticate(database.db, u.token, new Date())).not.toBeNull();
    } finally {
      await database.close();
    }
  }, 480_000);

  it('a lock left by a process that is gone (kill -9) is taken over', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    writeFileSync(
      lockPath,
      JSON.stringify({ pid: gone.pid, processStart: null, host: hostname(), kind: 'server', acquiredAt: new Date().toISOString(), nonce: 'stale', endpoint: { socket: join(dataDir, 'swe.sock') } }),
    );
    const org = await cli('org:add', '--kind', 'hq', '--name', 'after a crash');
    expect(org.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(existsSync(lockPath)).toBe(false);
    expect(readFileSync(join(dataDir, 'PG_VERSION'), 'utf8').trim()).not.toBe('');
  }, 120_000);
});
