/**
 * Vitest global set-up: on PGlite (no TEST_PG_URL), one migrated database made once per run and written as a
 * data-directory tarball; each test file's fresh database starts from it (test/support/database.ts) instead of
 * running initdb and the migrations again. Removed when the run ends.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the migrated PGlite data directory (tar), or '' on PostgreSQL. */
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_PG_URL) {
    project.provide('pgliteTemplate', '');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'swe-pglite-template-'));
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await database.migrate();
    const blob = await database.dumpDataDir!();
    writeFileSync(join(dir, 'template.tar'), Buffer.from(await blob.arrayBuffer()));
  } finally {
    await database.close();
  }
  project.provide('pgliteTemplate', join(dir, 'template.tar'));
  return () => rmSync(dir, { recursive: true, force: true });
}
