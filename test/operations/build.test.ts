/**
 * Production start: `npm run build` (scripts/build.mjs) compiles definitions/, machines/ and src/ to JavaScript and
 * copies migrations/ beside them; the built server starts with plain `node <outDir>/src/main.js` (no TypeScript
 * loader), migrates a fresh DATA_DIR, answers /healthz and a server-rendered (hono/jsx) page, and stops on SIGTERM.
 * The build goes to its own folder under test-artifacts/ (inside the repository, so node_modules resolves).
 * On PGlite, or on a fresh PostgreSQL database when TEST_PG_URL is set.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
mkdirSync(join(root, 'test-artifacts'), { recursive: true });
const outDir = mkdtempSync(join(root, 'test-artifacts', 'build-'));
const dataDir = mkdtempSync(join(tmpdir(), 'swe-build-'));
const adminUrl = process.env.TEST_PG_URL;
const dbName = `swe_build_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const databaseUrl = adminUrl ? Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString() : undefined;

beforeAll(async () => {
  if (!adminUrl) return;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  await admin.end();
});
/** The built server, stopped here too should the test time out. */
let child: ChildProcess | null = null;

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(outDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
  if (adminUrl) {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
});

async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  await once(srv, 'close');
  return port;
}

describe('npm run build and the built server', () => {
  it('builds to JavaScript with the migrations, and `node dist/src/main.js` serves /healthz on a fresh DATA_DIR', async () => {
    await promisify(execFile)(process.execPath, [join(root, 'scripts/build.mjs'), '--out-dir', outDir], { cwd: root });
    expect(existsSync(join(outDir, 'src/main.js'))).toBe(true);
    expect(existsSync(join(outDir, 'src/web/app.js'))).toBe(true);
    expect(readdirSync(join(outDir, 'migrations')).filter((f) => f.endsWith('.sql')).sort()).toEqual(readdirSync(join(root, 'migrations')).filter((f) => f.endsWith('.sql')).sort());

    const port = await freePort();
    // Plain node with a clean environment: no NODE_OPTIONS, no --import tsx.
    const server = spawn(process.execPath, [join(outDir, 'src/main.js')], {
      cwd: root,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = server;
    let output = '';
    server.stdout.on('data', (d) => (output += d));
    server.stderr.on('data', (d) => (output += d));
    const exited = once(server, 'exit');
    try {
      const base = `http://127.0.0.1:${port}`;
      const until = Date.now() + 120_000;
      let health: Response | null = null;
      while (!health || health.status !== 200) {
        if (server.exitCode !== null) throw new Error(`the built server exited (${server.exitCode}):\n${output}`);
        if (Date.now() > until) throw new Error(`no /healthz 200 within 120 s:\n${output}`);
        health = await fetch(`${base}/healthz`).catch(() => null);
        if (!health || health.status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      // startServer migrates before it listens: a 200 means <outDir>/migrations was found and applied.
      expect(await health.json()).toMatchObject({ status: 'ok' });
      // The JSX pages were compiled too.
      const page = await fetch(`${base}/sign-in`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<form');
      expect((await fetch(`${base}/api/cases`)).status).toBe(401);
    } finally {
      if (server.exitCode === null) server.kill('SIGTERM');
      const [code, signal] = (await exited) as [number | null, string | null];
      expect({ code, signal }, output).toEqual({ code: 0, signal: null });
    }
  }, 420_000);
});
