/**
 * Scenario 1, the floor: raw driver transactions doing the same writes as one transition (update the case
 * row's jsonb snapshot, state and version; insert one history row), with no engine in between. On the same
 * machine, database and pool size, this is the most the database can do for a transition.
 */
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { pool, seconds, summarise, type Summary } from './stats.js';

export interface FloorSample {
  /** A realistic stored snapshot and event payload, taken from a case the engine drove through the flow. */
  snapshot: unknown;
  payload: unknown;
  userId: string;
}

export interface LevelResult {
  concurrency: number;
  summary: Summary;
}

/** Clones the template case row `n` times so concurrent transactions never wait on one another's row lock. */
export async function cloneCases(url: string, templateId: string, n: number): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const rows = await sql<{ id: string }[]>`
    INSERT INTO cases (id, procedure, definition_version, title, school_org_id, center_org_id, fiscal_year, state, status, snapshot, version, waiting_on, next_due)
    SELECT gen_random_uuid(), procedure, definition_version, title, school_org_id, center_org_id, fiscal_year, state, status, snapshot, version, waiting_on, next_due
    FROM cases, generate_series(1, ${n}) WHERE id = ${templateId}
    RETURNING id`;
  await sql.end();
  return rows.map((r) => r.id);
}

export async function floorPostgres(url: string, rowIds: string[], sample: FloorSample, levels: number[], ops: number, maxMs: number): Promise<LevelResult[]> {
  const out: LevelResult[] = [];
  for (const concurrency of levels) {
    const sql = postgres(url, { max: concurrency, onnotice: () => {} });
    await sql`select 1`; // connect outside the timed loop
    const items = Array.from({ length: ops }, (_, i) => rowIds[i % rowIds.length]!);
    const t0 = performance.now();
    const lat = await pool(items, concurrency, maxMs, async (id) => {
      // JSON is serialised per transaction, as the engine must do; ::text makes PostgreSQL parse it (a plain
      // ::jsonb parameter would have postgres.js encode the string again as a jsonb string scalar).
      const snapshot = JSON.stringify(sample.snapshot);
      const payload = JSON.stringify(sample.payload);
      await sql.begin(async (tx) => {
        const [row] = await tx<{ version: number }[]>`
          UPDATE cases SET state = 'delivering', snapshot = ${snapshot}::text::jsonb, version = version + 1, updated_at = now()
          WHERE id = ${id} RETURNING version`;
        await tx`
          INSERT INTO case_events (case_id, seq, type, payload, actor_kind, actor_user_id, actor_role, from_state, to_state, at)
          VALUES (${id}, ${row!.version}, 'CERTIFIED', ${payload}::text::jsonb, 'user', ${sample.userId}, 'hq', 'certifying', 'delivering', now())`;
      });
    });
    out.push({ concurrency, summary: summarise(lat, seconds(t0)) });
    await sql.end();
  }
  return out;
}

/** The same writes on PGlite (in memory; one connection, so concurrency 1 only). */
export async function floorPglite(migrationsDir: string, sample: FloorSample, ops: number, maxMs: number): Promise<LevelResult> {
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const pg = new PGlite();
  await migrate(drizzle(pg), { migrationsFolder: migrationsDir });
  const ids: string[] = [];
  for (let i = 0; i < 64; i++) {
    const id = crypto.randomUUID();
    await pg.query(
      `INSERT INTO cases (id, procedure, definition_version, title, school_org_id, fiscal_year, state, status, snapshot, version)
       VALUES ($1, 'skill-check', 1, 'bench', $2, 2026, 'certifying', 'active', $3::jsonb, 1)`,
      [id, crypto.randomUUID(), JSON.stringify(sample.snapshot)],
    );
    ids.push(id);
  }
  const items = Array.from({ length: ops }, (_, i) => ids[i % ids.length]!);
  const t0 = performance.now();
  const lat = await pool(items, 1, maxMs, async (id) => {
    const snapshot = JSON.stringify(sample.snapshot);
    const payload = JSON.stringify(sample.payload);
    await pg.transaction(async (tx) => {
      const r = await tx.query<{ version: number }>(
        `UPDATE cases SET state = 'delivering', snapshot = $1::jsonb, version = version + 1, updated_at = now() WHERE id = $2 RETURNING version`,
        [snapshot, id],
      );
      await tx.query(
        `INSERT INTO case_events (case_id, seq, type, payload, actor_kind, actor_user_id, actor_role, from_state, to_state, at)
         VALUES ($1, $2, 'CERTIFIED', $3::jsonb, 'user', $4, 'hq', 'certifying', 'delivering', now())`,
        [id, r.rows[0]!.version, payload, sample.userId],
      );
    });
  });
  const result = { concurrency: 1, summary: summarise(lat, seconds(t0)) };
  await pg.close();
  return result;
}
