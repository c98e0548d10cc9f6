/**
 * A fresh, migrated database for one test file: PGlite in memory by default (from the run's migrated template), or a new database on the
 * PostgreSQL server named by TEST_PG_URL (dropped afterwards). Each test file owns its data.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';

export const onPostgres = () => !!process.env.TEST_PG_URL;

export async function freshDatabase(opts: { poolSize?: number } = {}): Promise<Database & { url?: string }> {
  const adminUrl = process.env.TEST_PG_URL;
  if (!adminUrl) {
    // Started from the run's migrated template (test/support/pglite-template.ts); migrate() then finds nothing to do.
    const path = inject('pgliteTemplate');
    const database = await openDatabase({ dataDir: 'memory://', ...(path ? { template: new Blob([readFileSync(path)]) } : {}) });
    await database.migrate();
    return database;
  }
  const name = `swe_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: opts.poolSize ?? 10 });
  await database.migrate();
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}
