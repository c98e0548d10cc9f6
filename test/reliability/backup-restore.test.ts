/**
 * Backups of the embedded database: data made through the engine (cases, history, timers fired and pending,
 * outbox sent and pending) is backed up, restored into a fresh DATA_DIR and found identical there; the restored
 * database keeps working. A held or non-empty DATA_DIR is refused with a clear error. (PGlite only: PostgreSQL
 * is backed up with pg_dump, see README.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { asc } from 'drizzle-orm';
import { defaultRegistry } from '../../definitions/index.js';
import { manualClock } from '../../src/clock.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { backupDataDir, BackupError, restoreDataDir } from '../../src/db/backup.js';
import { addOrganization, addUser } from '../../src/db/directory.js';
import { caseEvents, cases, outbox, timers } from '../../src/db/schema.js';
import { createEngine } from '../../src/engine/engine.js';
import { createScheduler } from '../../src/engine/scheduler.js';
import { createDispatcher } from '../../src/notify/dispatcher.js';
import * as pay from '../support/skill-check-payloads.js';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'swe-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function snapshotOf(database: Database) {
  const { db } = database;
  return {
    cases: await db.select().from(cases).orderBy(asc(cases.id)),
    history: await db.select().from(caseEvents).orderBy(asc(caseEvents.id)),
    timers: await db.select().from(timers).orderBy(asc(timers.id)),
    outbox: await db.select().from(outbox).orderBy(asc(outbox.id)),
  };
}

describe('backup and restore of PGlite', () => {
  const source = join(root, 'source');
  const file = join(root, 'backups', 'swe.tgz');
  let before: Awaited<ReturnType<typeof snapshotOf>>;

  it('restores cases, history, timers and outbox identically into a fresh DATA_DIR', async () => {
    const database = await openDatabase({ dataDir: source });
    await database.migrate();
    const { db } = database;
    const clock = manualClock('2026-09-01T10:00:00+09:00');
    const registry = defaultRegistry();
    await addOrganization(db, { kind: 'hq', name: '能力開発課' });
    const center = await addOrganization(db, { kind: 'center', name: '城南職業能力開発センター' });
    const school = await addOrganization(db, { kind: 'school', name: '東京都機械職業訓練校', centerId: center.id });
    const u = await addUser(db, { role: 'school', email: 'school@example.test', orgId: school.id }, clock.now());
    const principal = { userId: u.id, role: 'school' as const, orgId: school.id };
    const engine = createEngine({ db, clock, registry });
    const a = await engine.createCase(principal, 'skill-check', pay.skillCheckInput());
    await engine.createCase(principal, 'skill-check', pay.skillCheckInput());
    clock.set('2026-09-23T09:00:00+09:00');
    expect(await createScheduler({ db, clock, registry }).runOnce()).toBe(2); // one reminder per case
    const sent: string[] = [];
    const dispatcher = createDispatcher({ db, clock, publicUrl: 'http://localhost', mailer: { kind: 'smtp', send: async (m) => void sent.push(m.messageId), close: async () => {} } });
    await dispatcher.runOnce();
    clock.set('2026-10-01T10:00:00+09:00');
    await engine.applyEvent(principal, a.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() }); // a pending 'received' row
    before = await snapshotOf(database);
    expect(before.timers.map((t) => t.status)).toEqual(expect.arrayContaining(['fired', 'pending', 'cancelled']));
    expect(before.outbox.map((o) => o.status).sort()).toEqual(['pending', 'sent', 'sent']);
    expect(before.history.length).toBe(5);

    // While the database is open, a backup is refused: it needs the directory to itself.
    await expect(backupDataDir(source, file)).rejects.toThrow(/stop the server/);
    await database.close();

    const made = await backupDataDir(source, file);
    expect(made).toMatchObject({ file, tables: { cases: 2, case_events: 5, outbox: 3 } });
    expect(made.bytes).toBeGreaterThan(1000);

    const target = join(root, 'restored');
    const restored = await restoreDataDir(file, target);
    expect(restored).toMatchObject({ dataDir: target, movedAside: null, tables: { cases: 2, case_events: 5, timers: before.timers.length, outbox: 3 } });
    expect(readdirSync(target)).not.toContain('swe.lock');
    const again = await openDatabase({ dataDir: target });
    try {
      expect(await snapshotOf(again)).toEqual(before);
      // It keeps working: the restored history goes on from its last sequence number.
      const engine2 = createEngine({ db: again.db, clock, registry });
      const h = await engine2.history(principal, a.id);
      expect(h.at(-1)!.seq).toBe(3);
    } finally {
      await again.close();
    }
  }, 180_000);

  it('refuses a non-empty DATA_DIR unless --force, which moves it aside instead of deleting it', async () => {
    const target = join(root, 'restored');
    await expect(restoreDataDir(file, target)).rejects.toThrow(BackupError);
    await expect(restoreDataDir(file, target)).rejects.toThrow(/is not empty.*--force/);
    const forced = await restoreDataDir(file, target, { force: true });
    expect(forced.movedAside).toMatch(/restored\.before-restore-/);
    expect(existsSync(join(forced.movedAside!, 'PG_VERSION'))).toBe(true);
    expect(forced.tables).toMatchObject({ cases: 2, case_events: 5 });
  }, 120_000);

  it('refuses a file that is not a backup, and leaves the DATA_DIR untouched', async () => {
    const target = join(root, 'never');
    await expect(restoreDataDir(join(root, 'missing.tgz'), target)).rejects.toThrow(/does not exist/);
    await expect(restoreDataDir(join(process.cwd(), 'package.json'), target)).rejects.toThrow(/not a backup/);
    expect(existsSync(target)).toBe(false);
  });

  it('works from the command line: npm run cli -- backup FILE / restore FILE', async () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const cli = (args: string[], dataDir: string) => run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...env, DATA_DIR: dataDir }, cwd: process.cwd() });
    const out = join(root, 'cli.tgz');
    const b = await cli(['backup', out], source);
    expect(JSON.parse(b.stdout)).toMatchObject({ file: out, tables: { cases: 2 } });
    const target = join(root, 'cli-restored');
    const r = await cli(['restore', out], target);
    expect(JSON.parse(r.stdout)).toMatchObject({ dataDir: target, tables: { cases: 2, case_events: 5 } });
    const refused = await cli(['restore', out], target).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toMatch(/restore_failed.*not empty/);
  }, 120_000);
});
