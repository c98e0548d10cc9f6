/**
 * One writer per PGlite data directory. The process that opens DATA_DIR creates `DATA_DIR/swe.lock` with
 * O_EXCL and keeps it for its lifetime; the file says who holds it (pid, process start time, host, kind) and,
 * for a server, where it shares its database (`endpoint`: a Unix socket inside DATA_DIR or a loopback port).
 * A lock whose process is gone (a crash, kill -9) is stale and is taken over; a live one refuses the second
 * opener with DataDirLockedError, which a CLI turns into "connect through the server".
 */
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'swe.lock';

export type LockEndpoint = { socket: string } | { host: string; port: number };

export interface LockInfo {
  pid: number;
  /** Start time of the process (Linux: clock ticks since boot from /proc), so a reused pid is not mistaken for it. */
  processStart: string | null;
  host: string;
  kind: 'server' | 'cli';
  acquiredAt: string;
  nonce: string;
  endpoint?: LockEndpoint;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    const what = holder.kind === 'server' ? 'a running server' : 'another process';
    super(
      `DATA_DIR ${dataDir} is in use by ${what} (pid ${holder.pid} on ${holder.host}, since ${holder.acquiredAt}; ` +
        `lock file ${join(dataDir, LOCK_FILE)}). Only one process may open an embedded PGlite database: ` +
        (holder.kind === 'server'
          ? 'stop that server first, or use a different DATA_DIR. CLI commands reach it through the server while it runs.'
          : 'wait for it to finish, or stop it.'),
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly path: string;
  readonly info: LockInfo;
  /** Records where the server shares its database, for CLI commands. */
  setEndpoint(endpoint: LockEndpoint | undefined): void;
  release(): void;
}

/** Field 22 of /proc/<pid>/stat (start time); null where there is no /proc. */
function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

const ownStart = processStartOf(process.pid);

/** Whether the process that wrote this lock still runs (another host's lock is assumed live). */
export function holderAlive(info: LockInfo): boolean {
  if (info.host !== hostname()) return true;
  if (info.pid === process.pid) return info.processStart === ownStart;
  try {
    process.kill(info.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (info.processStart === null) return true;
  const start = processStartOf(info.pid);
  return start === null || start === info.processStart;
}

/** The lock file's holder, or null when there is none (or it is unreadable: a half-written file). */
export function readLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(join(resolve(dataDir), LOCK_FILE), 'utf8')) as LockInfo;
    return typeof info.pid === 'number' && typeof info.nonce === 'string' ? info : null;
  } catch {
    return null;
  }
}

const BREAK_STALE_MS = 10_000;

/**
 * Removes a stale lock, serialised by a second O_EXCL file so two processes breaking it at once cannot
 * remove the lock a third one has just taken: under that guard the content is read again and only the very
 * lock judged stale is removed.
 */
function breakStale(lockPath: string, stale: LockInfo): void {
  const guard = `${lockPath}.break`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // A breaker that died holding the guard leaves it behind; it is only ever held for a moment.
    try {
      if (Date.now() - statSync(guard).mtimeMs > BREAK_STALE_MS) rmSync(guard, { force: true });
    } catch {
      /* gone already */
    }
    return;
  }
  try {
    let now: LockInfo | null = null;
    try {
      now = JSON.parse(readFileSync(lockPath, 'utf8')) as LockInfo;
    } catch {
      now = null;
    }
    if (!now || now.nonce === stale.nonce) rmSync(lockPath, { force: true });
  } finally {
    closeSync(fd);
    rmSync(guard, { force: true });
  }
}

/** Takes the lock on dataDir or throws DataDirLockedError naming the live holder. */
export function acquireDataDirLock(dataDir: string, kind: LockInfo['kind']): DataDirLock {
  const dir = resolve(dataDir);
  const lockPath = join(dir, LOCK_FILE);
  const info: LockInfo = {
    pid: process.pid,
    processStart: ownStart,
    host: hostname(),
    kind,
    acquiredAt: new Date().toISOString(),
    nonce: randomUUID(),
  };
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(dir);
      if (holder && holderAlive(holder)) throw new DataDirLockedError(dir, holder);
      if (attempt >= 20) {
        throw new Error(`cannot take the lock ${lockPath}: it is ${holder ? 'stale' : 'unreadable'} and could not be removed`);
      }
      if (holder) {
        breakStale(lockPath, holder);
      } else {
        // Unreadable: a writer between create and write, or a crash right there. Give a writer a moment.
        const age = (() => {
          try {
            return Date.now() - statSync(lockPath).mtimeMs;
          } catch {
            return Infinity;
          }
        })();
        if (age > 2_000) breakStale(lockPath, { nonce: '' } as LockInfo);
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(info));
    } finally {
      closeSync(fd);
    }
    break;
  }

  let held = true;
  const releaseSync = () => {
    if (!held) return;
    held = false;
    process.off('exit', releaseSync);
    // Only remove our own lock (a stale-lock breaker may, wrongly, have replaced it).
    if (readLock(dir)?.nonce === info.nonce) rmSync(lockPath, { force: true });
  };
  // A process that exits without closing the database (process.exit, an uncaught error) still frees it.
  process.on('exit', releaseSync);
  return {
    path: lockPath,
    info,
    setEndpoint(endpoint) {
      if (!held) return;
      if (endpoint) info.endpoint = endpoint;
      else delete info.endpoint;
      // Atomic replace: a reader sees the old content or the new, never half of it.
      const tmp = `${lockPath}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(info), { mode: 0o600 });
      renameSync(tmp, lockPath);
    },
    release: releaseSync,
  };
}
