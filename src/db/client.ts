/**
 * Opens the database: PGlite in DATA_DIR when no DATABASE_URL is set, postgres.js otherwise. Both give the
 * same drizzle API, so the engine does not know which one it runs on.
 *
 * One process per PGlite data directory (data-dir-lock.ts): the server holds it and shares its PGlite over a
 * socket (pglite-socket-server.ts); a CLI command (`viaServer`) then goes through that socket with
 * postgres.js, and opens the directory itself only when no server runs.
 */
import type { PGlite } from '@electric-sql/pglite';
import { channel } from 'node:diagnostics_channel';
import { mkdirSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Options as PostgresJsOptions } from 'postgres';
import { acquireDataDirLock, DataDirLockedError, type DataDirLock, type LockEndpoint } from './data-dir-lock.js';
import type { SharedPglite } from './pglite-socket-server.js';
import { alwaysPrepare } from './prepared-statements.js';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
type PostgresOptions = PostgresJsOptions<Record<string, never>>;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** A CLI command that reached a running server's PGlite through its socket: where. */
  through?: LockEndpoint;
  /**
   * PGlite on a data directory only: shares it with CLI commands over a socket inside DATA_DIR (recorded in
   * the lock file) until close().
   */
  share?(): Promise<LockEndpoint>;
  migrate(): Promise<void>;
  /** PGlite only: the data directory as a tarball (a test run's migrated template, see OpenOptions.template). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

const MIGRATIONS = new URL('../../migrations', import.meta.url).pathname;

/**
 * Published for each postgres.js transaction, when it ends: `waitMs` from `begin` to its callback (the wait for
 * a free pool connection plus BEGIN's round trip) and `txMs` from the callback to COMMIT/ROLLBACK answered.
 * Only measured while someone subscribes (the bench's server process does, to tell pool queueing from work).
 */
export const TRANSACTION_TIMING_CHANNEL = 'swe:db:transaction';
const transactionTiming = channel(TRANSACTION_TIMING_CHANNEL);

function timedBegin<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop !== 'begin' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const begin = value as (...a: unknown[]) => Promise<unknown>;
        if (!transactionTiming.hasSubscribers) return begin.apply(target, args);
        const fn = args.pop() as (tx: unknown) => unknown;
        const t0 = performance.now();
        let t1 = NaN;
        const done = () => transactionTiming.publish({ waitMs: t1 - t0, txMs: performance.now() - t1 });
        return begin
          .apply(target, [
            ...args,
            (tx: unknown) => {
              t1 = performance.now();
              return fn(tx);
            },
          ])
          .finally(done);
      };
    },
  });
}

export interface OpenOptions {
  url?: string;
  dataDir?: string;
  poolSize?: number;
  /**
   * A CLI command: when a server holds the PGlite data directory, reach its database through the socket it
   * shares (postgres.js, one connection) instead of failing; when none does, open the directory directly.
   */
  viaServer?: boolean;
  /**
   * For 'memory://' only: start from this data directory (a `dumpDataDir` tarball of a migrated database) instead
   * of an empty one, so a test skips initdb and the migrations (about 1.5 s a database).
   */
  template?: Blob;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    return openPostgres(opts.url, {
      max: opts.poolSize ?? 10,
      // During an outage answer 503 within seconds instead of hanging: short connect timeout, and
      // reconnect attempts no more than 2 s apart (the default backoff grows to 20 s).
      connect_timeout: 5,
      backoff: (retries: number) => Math.min(0.1 * 2 ** retries, 2),
    });
  }
  // 'memory://' keeps a throwaway database in memory (tests); anything else is a folder.
  const dataDir = opts.dataDir ?? './data';
  if (dataDir.startsWith('memory://')) return openPglite(dataDir, null, opts.template);
  mkdirSync(dataDir, { recursive: true });
  // One writer per data directory: take its lock, or (a CLI command) go through the server that holds it.
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      return await openPglite(dataDir, acquireDataDirLock(dataDir, opts.viaServer ? 'cli' : 'server'));
    } catch (err) {
      if (!(err instanceof DataDirLockedError) || !opts.viaServer) throw err;
      const { endpoint } = err.holder;
      if (endpoint) return openThroughServer(endpoint);
      // A server still starting (it shares once migrated), or another CLI command: wait for either.
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** How long a CLI command waits for a starting server's socket, or for another CLI command to finish. */
const LOCK_WAIT_MS = 30_000;

async function openPostgres(target: string | PostgresOptions, options: PostgresOptions, through?: LockEndpoint): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const connect = (o: PostgresOptions) => (typeof target === 'string' ? postgres(target, o) : postgres({ ...target, ...o }));
  const client = connect({ ...options, onnotice: () => {} });
  const db = drizzle(timedBegin(alwaysPrepare(client)), { schema });
  return {
    db: db as unknown as Db,
    driver: 'postgres',
    ...(through ? { through } : {}),
    migrate: async () => {
      // The server's socket takes one connection at a time: migrate on the client's own.
      if (through) return migrate(db, { migrationsFolder: MIGRATIONS });
      // Migrations run on their own short-lived connection.
      const one = connect({ max: 1, onnotice: () => {} });
      try {
        await migrate(drizzle(one), { migrationsFolder: MIGRATIONS });
      } finally {
        await one.end();
      }
    },
    close: () => client.end(),
  };
}

/** A CLI command on a server's shared PGlite: one postgres.js connection to the socket the lock file names. */
function openThroughServer(endpoint: LockEndpoint): Promise<Database> {
  const target: PostgresOptions =
    'socket' in endpoint ? { path: endpoint.socket } : { host: endpoint.host, port: endpoint.port };
  // One connection: the server serves one client at a time (a second would wait for the first to end).
  // The connect timeout covers waiting while the server finishes a transaction or serves another command.
  return openPostgres({ ...target, user: 'postgres', database: 'postgres' }, { max: 1, connect_timeout: 60 }, endpoint);
}

async function openPglite(dataDir: string, lock: DataDirLock | null, template?: Blob): Promise<Database> {
  let client: PGlite;
  let drizzlePglite: typeof import('drizzle-orm/pglite').drizzle;
  let migrate: typeof import('drizzle-orm/pglite/migrator').migrate;
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    ({ drizzle: drizzlePglite } = await import('drizzle-orm/pglite'));
    ({ migrate } = await import('drizzle-orm/pglite/migrator'));
    client = template ? new PGlite(dataDir, { loadDataDir: template }) : new PGlite(dataDir);
    await client.waitReady;
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = drizzlePglite(client, { schema });
  let shared: SharedPglite | null = null;
  return {
    db: db as unknown as Db,
    driver: 'pglite',
    ...(lock
      ? {
          share: async () => {
            if (!shared) {
              const { sharePglite } = await import('./pglite-socket-server.js');
              shared = await sharePglite(client, { dataDir });
              lock.setEndpoint(shared.endpoint);
            }
            return shared.endpoint;
          },
        }
      : {}),
    migrate: () => migrate(db, { migrationsFolder: MIGRATIONS }),
    dumpDataDir: async () => (await client.dumpDataDir('none')) as Blob,
    close: async () => {
      try {
        if (shared) {
          // CLI commands from now on wait for the directory instead of connecting to a closing socket.
          try {
            lock?.setEndpoint(undefined);
          } catch {
            /* the lock is released below in any case */
          }
          await shared.stop();
        }
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}
