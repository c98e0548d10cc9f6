/**
 * Opens the database: PGlite in DATA_DIR when no DATABASE_URL is set, postgres.js otherwise. Both give the
 * same drizzle API, so the engine does not know which one it runs on.
 */
import { mkdirSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { alwaysPrepare } from './prepared-statements.js';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const MIGRATIONS = new URL('../../migrations', import.meta.url).pathname;

export async function openDatabase(opts: { url?: string; dataDir?: string; poolSize?: number }): Promise<Database> {
  if (opts.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    const client = postgres(opts.url, {
      max: opts.poolSize ?? 10,
      onnotice: () => {},
      // During an outage answer 503 within seconds instead of hanging: short connect timeout, and
      // reconnect attempts no more than 2 s apart (the default backoff grows to 20 s).
      connect_timeout: 5,
      backoff: (retries: number) => Math.min(0.1 * 2 ** retries, 2),
    });
    const db = drizzle(alwaysPrepare(client), { schema });
    return {
      db: db as unknown as Db,
      driver: 'postgres',
      migrate: async () => {
        // Migrations run on their own short-lived connection.
        const one = postgres(opts.url!, { max: 1, onnotice: () => {} });
        try {
          await migrate(drizzle(one), { migrationsFolder: MIGRATIONS });
        } finally {
          await one.end();
        }
      },
      close: () => client.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  // 'memory://' keeps a throwaway database in memory (tests); anything else is a folder.
  const dataDir = opts.dataDir ?? './data';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  const db = drizzle(client, { schema });
  return {
    db: db as unknown as Db,
    driver: 'pglite',
    migrate: () => migrate(db, { migrationsFolder: MIGRATIONS }),
    close: () => client.close(),
  };
}
