/**
 * PostgreSQL servers the chaos run may stop and start. By default a private throwaway cluster (initdb in a
 * temporary folder, loopback only, its own port), so stopping it disturbs nobody else; with
 * CHAOS_PG=system the machine's cluster via pg_ctlcluster, always started again at the end.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgServer {
  adminUrl: string;
  label: string;
  stop(mode: 'fast' | 'immediate'): void;
  start(): void;
  /** Leaves the machine as it was: started again (system) or removed (private). */
  dispose(): void;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }).toString();

export function privateCluster(port: number): PgServer {
  const version = readdirSync('/usr/lib/postgresql').sort().at(-1);
  const bin = `/usr/lib/postgresql/${version}/bin`;
  if (!version || !existsSync(`${bin}/initdb`)) throw new Error('initdb not found under /usr/lib/postgresql');
  const dir = mkdtempSync(join(tmpdir(), 'swe-chaos-pg-'));
  const { uid, gid } = pgUser();
  chownSync(dir, uid, gid);
  const asPg = (args: string[]) => (process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', ...args]) : run(args[0]!, args.slice(1)));
  asPg([`${bin}/initdb`, '-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres', '--no-instructions']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const start = () => asPg([`${bin}/pg_ctl`, '-D', `${dir}/data`, '-o', opts, '-l', `${dir}/log`, '-w', '-t', '60', 'start']);
  let running = false;
  const server: PgServer = {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    label: `private PostgreSQL ${version} cluster on port ${port}`,
    stop(mode) {
      asPg([`${bin}/pg_ctl`, '-D', `${dir}/data`, '-m', mode, '-w', '-t', '60', 'stop']);
      running = false;
    },
    start() {
      start();
      running = true;
    },
    dispose() {
      try {
        if (running) server.stop('fast');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  server.start();
  return server;
}

export function systemCluster(adminUrl: string): PgServer {
  const version = readdirSync('/etc/postgresql').sort().at(-1)!;
  const ctl = (action: string, extra: string[] = []) => run('pg_ctlcluster', ['--skip-systemctl-redirect', ...extra, version, 'main', action]);
  const isUp = () => {
    try {
      run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'status']);
      return true;
    } catch {
      return false;
    }
  };
  return {
    adminUrl,
    label: `system PostgreSQL ${version}/main (pg_ctlcluster)`,
    stop: (mode) => ctl('stop', ['-m', mode]),
    start: () => ctl('start'),
    dispose: () => {
      if (!isUp()) ctl('start');
    },
  };
}

function pgUser(): { uid: number; gid: number } {
  const line = run('getent', ['passwd', 'postgres']).trim().split(':');
  return { uid: Number(line[2]), gid: Number(line[3]) };
}
