/** Forks bench/server-child.ts on a free loopback port and talks to it over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  await once(srv, 'close');
  return port;
}

/** What the server process measured about itself since the last reset (bench/server-child.ts). */
export interface ServerStats {
  seconds: number;
  requests: number;
  /** Request parsed to response finished, inside the server (ms). */
  requestP50: number;
  requestP99: number;
  requestP999: number;
  /** Most requests open in the server at once. */
  maxInFlight: number;
  /** perf_hooks.monitorEventLoopDelay (ms). */
  loopDelayP50: number;
  loopDelayP99: number;
  loopDelayMax: number;
  /** performance.eventLoopUtilization over the period (0-1). */
  loopUtilisation: number;
  transactions: number;
  /** From `begin` to the transaction's callback: pool wait plus BEGIN's round trip (ms). */
  beginWaitP50: number;
  beginWaitP99: number;
  /** From the transaction's callback to COMMIT answered (ms). */
  transactionP50: number;
  transactionP99: number;
  /** The process's CPU time (user + system) over the period, in % of one core. */
  cpuPerCent: number;
}

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  setClock(at: string): Promise<void>;
  /** The server's own figures since the last reset; `resetStats` starts a new period. */
  stats?(): Promise<ServerStats>;
  resetStats?(): Promise<void>;
  /** Starts a CPU profile of the server (inspector); `stopProfile` writes it as a .cpuprofile file. */
  startProfile?(): Promise<void>;
  stopProfile?(file: string): Promise<void>;
  /** Resident set size and its peak, from /proc/<pid>/status (MB). */
  memory(): { rssMb: number; hwmMb: number };
  stop(): Promise<void>;
}

/** `env` adds to or overrides the child's environment (e.g. a pool size or log level under test). */
export async function startServerProcess(databaseUrl: string, opts: { env?: Record<string, string> } = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = fork(new URL('./server-child.ts', import.meta.url).pathname, [], {
    // The child needs the injected clock over IPC, so it runs under tsx; `npm start` runs the built JavaScript
    // (bench/startup.ts measures that). The tsx loader adds to this process's RSS.
    // BENCH_CPU_PROF=<dir> profiles the server (summarise with bench/cpu-profile.ts).
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      // Production log level: one JSON line per request, written to /dev/null.
      LOG_LEVEL: 'info',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'swe-bench-')),
      ...opts.env,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ask = async (reset: boolean): Promise<ServerStats> => {
    const reply = once(child, 'message') as Promise<[{ type: string; stats: ServerStats }]>;
    child.send({ type: 'stats', reset });
    return (await reply)[0].stats;
  };
  const [ready] = (await Promise.race([once(child, 'message'), once(child, 'exit').then(() => [{ type: 'exit' }])])) as [{ type: string }];
  if (ready.type !== 'ready') throw new Error('the server child exited before it was ready');
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    async setClock(at) {
      const reply = once(child, 'message');
      child.send({ type: 'clock', at });
      await reply;
    },
    stats: () => ask(false),
    async startProfile() {
      const reply = once(child, 'message');
      child.send({ type: 'profile', action: 'start' });
      await reply;
    },
    async stopProfile(file) {
      const reply = once(child, 'message');
      child.send({ type: 'profile', action: 'stop', file });
      await reply;
    },
    resetStats: async () => {
      await ask(true);
    },
    memory() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send({ type: 'stop' });
      const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
