/**
 * Start-up: the built server as `npm start` runs it (`node dist/src/main.js`, no TypeScript loader), spawned on a
 * free port; the time from spawn to the first /healthz 200, and its RSS at that moment (/proc/<pid>/status).
 * PGlite on a new DATA_DIR (creates the database and applies every migration), PGlite on that DATA_DIR again,
 * and PostgreSQL (the bench database, migrated). Builds dist/ first (incremental: seconds when nothing changed).
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process.js';
import { percentile } from './stats.js';

export interface StartupResult {
  driver: 'pglite' | 'postgres';
  setting: string;
  runs: number;
  /** Median milliseconds from spawn to the first /healthz 200, and the slowest run. */
  ms: number;
  maxMs: number;
  /** Median RSS (MB) when /healthz first answered 200. */
  rssMb: number;
}

const root = new URL('..', import.meta.url).pathname;

export function buildDist(): number {
  const t0 = performance.now();
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  return performance.now() - t0;
}

const rssMbOf = (pid: number) => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

/** One start: spawn, poll /healthz every 10 ms, read RSS at the first 200, stop with SIGTERM. */
export async function startOnce(env: Record<string, string>): Promise<{ ms: number; rssMb: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = once(child, 'exit');
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the built server exited with ${child.exitCode} before /healthz answered`);
      if (performance.now() - t0 > 120_000) throw new Error('no /healthz 200 within 120 s');
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
      if (res?.status === 200) {
        const ms = performance.now() - t0;
        const rssMb = rssMbOf(child.pid!);
        await res.arrayBuffer();
        return { ms, rssMb };
      }
      await res?.arrayBuffer();
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timeout);
  }
}

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

function summarise(driver: StartupResult['driver'], setting: string, xs: { ms: number; rssMb: number }[]): StartupResult {
  return {
    driver,
    setting,
    runs: xs.length,
    ms: median(xs.map((x) => x.ms)),
    maxMs: Math.max(...xs.map((x) => x.ms)),
    rssMb: median(xs.map((x) => x.rssMb)),
  };
}

export async function startupScenario(databaseUrl: string, reps: number): Promise<StartupResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'swe-bench-start-'));
  try {
    const fresh = await startOnce({ DATA_DIR: dataDir });
    const again = [];
    for (let i = 0; i < reps; i++) again.push(await startOnce({ DATA_DIR: dataDir }));
    const pg = [];
    for (let i = 0; i < reps; i++) pg.push(await startOnce({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl }));
    return [
      summarise('pglite', 'PGlite, new DATA_DIR (creates, migrates)', [fresh]),
      summarise('pglite', 'PGlite, existing DATA_DIR', again),
      summarise('postgres', 'PostgreSQL, migrated database', pg),
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
