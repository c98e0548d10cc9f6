/**
 * Upgrading a database that had fiscal-year settings as fixed columns: the migration turns every stored year into
 * keyed rows the definitions read, and the values a running office set survive.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../definitions/index.js';
import { loadSettings } from '../../src/engine/settings.js';
import type { Db } from '../../src/db/client.js';

const MIGRATIONS = new URL('../../migrations', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The migrations folder as it was before keyed settings (up to 0004). */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'swe-mig-'));
  dirs.push(dir);
  cpSync(MIGRATIONS, dir, { recursive: true });
  const journal = JSON.parse(readFileSync(join(dir, 'meta/_journal.json'), 'utf8'));
  const cut = journal.entries.findIndex((e: { tag: string }) => e.tag.startsWith(tag));
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  return dir;
}

describe('migration 0005: calendar_settings -> fiscal_year_settings', () => {
  it('keeps every stored date as a keyed row and the engine reads them', async () => {
    const client = new PGlite();
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: migrationsBefore('0005') });
    await client.query(
      `INSERT INTO calendar_settings (fiscal_year, skill_check_question_filing, skill_check_review_result, suspension_refiling) VALUES (2026, '2026-10-02', '2026-11-13', '2026-05-15'), (2027, '2027-10-01', '2027-11-12', '2027-04-23')`,
    );
    await migrate(db, { migrationsFolder: MIGRATIONS });
    const rows = await client.query<{ procedure: string; key: string; fiscal_year: number; value: string }>(
      `SELECT procedure, key, fiscal_year, value::text AS value FROM fiscal_year_settings ORDER BY fiscal_year, procedure, key`,
    );
    expect(rows.rows).toEqual([
      { procedure: 'skill-check', key: 'questionFiling', fiscal_year: 2026, value: '2026-10-02' },
      { procedure: 'skill-check', key: 'reviewResult', fiscal_year: 2026, value: '2026-11-13' },
      { procedure: 'suspension', key: 'refiling', fiscal_year: 2026, value: '2026-05-15' },
      { procedure: 'skill-check', key: 'questionFiling', fiscal_year: 2027, value: '2027-10-01' },
      { procedure: 'skill-check', key: 'reviewResult', fiscal_year: 2027, value: '2027-11-12' },
      { procedure: 'suspension', key: 'refiling', fiscal_year: 2027, value: '2027-04-23' },
    ]);
    const exists = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'calendar_settings'`);
    expect(exists.rows[0]!.n).toBe(0);
    // Every migrated key is one a definition declares, so the engine reads it.
    const registry = defaultRegistry();
    const s = await loadSettings(drizzle(client) as unknown as Db, registry.latest('skill-check')!, 2027);
    expect(s.settings.values).toEqual({ questionFiling: '2027-10-01', reviewResult: '2027-11-12' });
    expect((await loadSettings(drizzle(client) as unknown as Db, registry.latest('suspension')!, 2026)).settings.values).toEqual({ refiling: '2026-05-15' });
    await client.close();
  });
});
