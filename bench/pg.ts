/** A fresh PostgreSQL database for one bench run (created, migrated, dropped at the end). */
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from '../src/db/client.js';

export const adminUrl = () => process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `swe_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 1 });
  await db.migrate();
  await db.close();
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const again = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

/** The engine's own client (drizzle over postgres.js) with a pool sized to the concurrency under test. */
export const openPg = (url: string, poolSize: number): Promise<Database> => openDatabase({ url, poolSize });

export async function serverVersion(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [row] = await sql<{ server_version: string }[]>`show server_version`;
  await sql.end();
  return row!.server_version;
}
