/**
 * Backups of the embedded PGlite database: `backup FILE` writes DATA_DIR as a gzipped tarball (PGlite's
 * dumpDataDir), `restore FILE` loads one (PGlite's loadDataDir) into an empty DATA_DIR. Both need the directory
 * to themselves (its lock, data-dir-lock.ts): a running server must be stopped first. For PostgreSQL use
 * pg_dump / pg_restore (README, Backups).
 *
 * A restore is staged in a sibling folder and only moved into place once PGlite opened it and the migrations
 * ran, so a broken file never leaves a half-restored DATA_DIR. With `force`, a non-empty DATA_DIR is not
 * deleted but moved aside (`<DATA_DIR>.before-restore-<time>`).
 */
import type { PGlite } from '@electric-sql/pglite';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from './client.js';
import { DataDirLockedError, holderAlive, LOCK_FILE, readLock } from './data-dir-lock.js';

/** The tables a restore report counts (what must survive: cases, history, timers, outbox). */
const COUNTED = ['organizations', 'users', 'cases', 'case_events', 'timers', 'outbox'] as const;

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const NEEDS_DIR = 'backup and restore need the data directory to themselves: stop the server (or any other process using DATA_DIR) and run the command again';

async function openExclusive(dataDir: string): Promise<Database> {
  try {
    return await openDatabase({ dataDir });
  } catch (err) {
    if (err instanceof DataDirLockedError) throw new BackupError(`${NEEDS_DIR}. ${err.message}`);
    throw err;
  }
}

async function counts(database: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of COUNTED) {
    const rows = (await database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows?: { n: number }[] } | { n: number }[];
    out[table] = (Array.isArray(rows) ? rows : (rows.rows ?? []))[0]?.n ?? 0;
  }
  return out;
}

/** Writes DATA_DIR's database to `file` (a gzipped tar); returns its size and what it holds. */
export async function backupDataDir(dataDir: string, file: string): Promise<{ file: string; bytes: number; tables: Record<string, number> }> {
  const dir = resolve(dataDir);
  if (!existsSync(join(dir, 'PG_VERSION'))) throw new BackupError(`DATA_DIR ${dir} holds no PGlite database to back up`);
  const database = await openExclusive(dir);
  try {
    const client = (database.db as unknown as { $client: PGlite }).$client;
    // A checkpoint first, so the tarball's data files are current without replaying the WAL.
    await client.exec('CHECKPOINT');
    const tables = await counts(database);
    const blob = await client.dumpDataDir('gzip');
    const bytes = Buffer.from(await blob.arrayBuffer());
    const target = resolve(file);
    mkdirSync(dirname(target), { recursive: true });
    // Written beside and renamed: an interrupted backup never leaves a truncated file under the name.
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, target);
    return { file: target, bytes: bytes.length, tables };
  } finally {
    await database.close();
  }
}

/** Entries a data directory may hold that are not the database itself and never travel in a backup. */
function strayEntries(dir: string): string[] {
  return readdirSync(dir).filter((f) => f === LOCK_FILE || f.startsWith(`${LOCK_FILE}.`) || lstatSync(join(dir, f)).isSocket());
}

/**
 * Loads a backup into DATA_DIR, which must be missing or empty unless `force` (then its contents are moved
 * aside, never deleted). Applies the migrations the backup predates; returns what the restored database holds.
 */
export async function restoreDataDir(
  file: string,
  dataDir: string,
  opts: { force?: boolean; now?: Date } = {},
): Promise<{ dataDir: string; movedAside: string | null; tables: Record<string, number> }> {
  const dir = resolve(dataDir);
  const source = resolve(file);
  if (!existsSync(source)) throw new BackupError(`backup file ${source} does not exist`);
  const bytes = readFileSync(source);
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new BackupError(`${source} is not a backup written by 'backup' (a gzipped PGlite data directory)`);
  const holder = existsSync(dir) ? readLock(dir) : null;
  if (holder && holderAlive(holder)) throw new BackupError(`${NEEDS_DIR}. DATA_DIR ${dir} is in use (pid ${holder.pid}, ${holder.kind})`);
  const present = existsSync(dir) ? readdirSync(dir) : [];
  if (present.length && !opts.force) {
    throw new BackupError(`DATA_DIR ${dir} is not empty (${present.slice(0, 5).join(', ')}${present.length > 5 ? ', ...' : ''}); restore writes only into an empty directory. Pass --force to move its contents aside first.`);
  }
  const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const staging = join(dirname(dir), `.${basename(dir)}.restoring-${stamp}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const pg = new PGlite(staging, { loadDataDir: new Blob([bytes]) });
    await pg.waitReady;
    await pg.query('select 1');
    await pg.close();
    // The backup was taken under its process's lock: that lock, and any socket, are not part of the database.
    for (const f of strayEntries(staging)) rmSync(join(staging, f), { force: true });
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${source} could not be loaded as a PGlite database: ${(err as Error).message}`);
  }
  let movedAside: string | null = null;
  if (present.length) {
    movedAside = `${dir}.before-restore-${stamp}`;
    renameSync(dir, movedAside);
  } else if (existsSync(dir)) {
    rmSync(dir, { recursive: true, force: true });
  }
  renameSync(staging, dir);
  const database = await openExclusive(dir);
  try {
    await database.migrate();
    return { dataDir: dir, movedAside, tables: await counts(database) };
  } finally {
    await database.close();
  }
}
