/**
 * Scenario 4, the peer: bpmn-engine runs the same skill-check flow as BPMN 2.0. Like our engine it keeps no
 * live process in memory: every step opens a transaction, locks the case's row, recovers the engine from the
 * saved getState() jsonb, resumes, signals the user task, saves the new state and a history row, commits.
 */
import { readFileSync } from 'node:fs';
import { Engine } from 'bpmn-engine';
import postgres from 'postgres';
import { FLOW } from './flow.js';
import type { LevelResult } from './floor.js';
import { pool, seconds, summarise } from './stats.js';

const SOURCE = readFileSync(new URL('./skill-check.bpmn', import.meta.url), 'utf8');

export async function createPeerTables(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`CREATE TABLE IF NOT EXISTS bpmn_cases (id uuid PRIMARY KEY, state jsonb NOT NULL, version int NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`;
  await sql`CREATE TABLE IF NOT EXISTS bpmn_history (id bigserial PRIMARY KEY, case_id uuid NOT NULL, seq int NOT NULL, task text NOT NULL, payload jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now(), UNIQUE (case_id, seq))`;
  await sql.end();
}

/** Starts a process (runs to the first user task) and saves it: the peer's createCase. */
async function openPeerCase(sql: postgres.Sql, id: string) {
  const engine = new Engine({ name: id, source: SOURCE });
  await engine.execute({ variables: { caseId: id } });
  // Serialised before stop(): getState() shares objects that stop() then marks as stopped. The ::text cast
  // makes PostgreSQL parse the JSON (postgres.js would otherwise encode the string again as a jsonb string).
  const state = JSON.stringify(await engine.getState());
  await engine.stop();
  await sql`INSERT INTO bpmn_cases (id, state, version) VALUES (${id}, ${state}::text::jsonb, 1)`;
}

async function peerStep(sql: postgres.Sql, id: string, task: string, payload: unknown) {
  await sql.begin(async (tx) => {
    const [row] = await tx<{ state: unknown; version: number }[]>`SELECT state, version FROM bpmn_cases WHERE id = ${id} FOR UPDATE`;
    const engine = new Engine().recover(row!.state);
    const execution = await engine.resume();
    if (!execution.getPostponed().some((a) => a.id === task)) throw new Error(`peer case ${id} is not waiting on ${task}`);
    // The gateway reads the review result from the process variables (approved path, as in our flow).
    const vars = execution.getActivityById('decision').environment.variables as Record<string, unknown>;
    vars.approved = true;
    vars.guidance = false;
    execution.signal({ id: task, ...(payload as object) });
    const state = JSON.stringify(await engine.getState());
    // A finished process is already idle, and stop() on it never settles.
    if (engine.state === 'running') await engine.stop();
    await tx`UPDATE bpmn_cases SET state = ${state}::text::jsonb, version = ${row!.version + 1}, updated_at = now() WHERE id = ${id}`;
    await tx`INSERT INTO bpmn_history (case_id, seq, task, payload) VALUES (${id}, ${row!.version + 1}, ${task}, ${JSON.stringify(payload)}::text::jsonb)`;
  });
}

export async function peerLevel(url: string, concurrency: number, cases: number, maxMs: number): Promise<LevelResult & { finished: number }> {
  const sql = postgres(url, { max: concurrency, onnotice: () => {} });
  const ids = Array.from({ length: cases }, () => crypto.randomUUID());
  await pool(ids, Math.min(8, concurrency), maxMs, (id) => openPeerCase(sql, id));
  const latencies: number[] = [];
  const t0 = performance.now();
  for (const step of FLOW) {
    latencies.push(...(await pool(ids, concurrency, maxMs, (id) => peerStep(sql, id, step.task, step.data))));
  }
  const summary = summarise(latencies, seconds(t0));
  // Proof the peer really ran the flow: every process finished (engine state 'idle' with no postponed task).
  const [done] = await sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM bpmn_cases WHERE id = ANY(${ids}::uuid[]) AND version = ${FLOW.length + 1} AND state->>'state' = 'idle'`;
  await sql.end();
  return { concurrency, summary, finished: done!.n };
}
