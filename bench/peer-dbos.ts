/**
 * Scenario 4b, the DBOS Transact peer: one durable workflow per case waits for each of the 9 skill-check
 * events with DBOS.recv (its timeout stands for the statutory deadline) and applies it in a step doing the
 * same app-table writes as our transition (lock the case row, write its snapshot and version, one history
 * row); the sender posts with DBOS.send and waits for the result on DBOS.getEvent, as a request handler
 * would. DBOS checkpoints the workflow, every recv/send and the step's output in its system tables on the
 * same PostgreSQL; it validates nothing and has no statutory rules or outbox.
 */
import { DBOS, type WorkflowHandle } from '@dbos-inc/dbos-sdk';
import postgres from 'postgres';
import { FLOW } from './flow.js';
import type { FloorSample, LevelResult } from './floor.js';
import { pool, seconds, summarise } from './stats.js';

const TOPIC = 'event';
/** What a deadline means to the workflow: no event within this time ends it (never reached in the run). */
const DEADLINE_SECONDS = 3600;

export interface DbosPeer {
  level(concurrency: number, cases: number, maxMs: number): Promise<LevelResult & { finished: number }>;
  stop(): Promise<void>;
}

export async function startDbosPeer(url: string, sample: FloorSample, poolSize: number): Promise<DbosPeer> {
  const sql = postgres(url, { max: poolSize, onnotice: () => {} });
  await sql`CREATE TABLE IF NOT EXISTS dbos_cases (id uuid PRIMARY KEY, snapshot jsonb NOT NULL, version int NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`;
  await sql`CREATE TABLE IF NOT EXISTS dbos_history (id bigserial PRIMARY KEY, case_id uuid NOT NULL, seq int NOT NULL, type text NOT NULL, payload jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now(), UNIQUE (case_id, seq))`;
  const snapshot = JSON.stringify(sample.snapshot);

  const apply = (caseId: string, type: string, payload: unknown) =>
    sql.begin(async (tx) => {
      const [row] = await tx<{ version: number }[]>`SELECT version FROM dbos_cases WHERE id = ${caseId} FOR UPDATE`;
      const version = row!.version + 1;
      await tx`UPDATE dbos_cases SET snapshot = ${snapshot}::text::jsonb, version = ${version}, updated_at = now() WHERE id = ${caseId}`;
      await tx`INSERT INTO dbos_history (case_id, seq, type, payload) VALUES (${caseId}, ${version}, ${type}, ${JSON.stringify(payload)}::text::jsonb)`;
      return { version };
    });

  const caseWorkflow = DBOS.registerWorkflow(
    async (caseId: string) => {
      await DBOS.runStep(() => sql`INSERT INTO dbos_cases (id, snapshot, version) VALUES (${caseId}, ${snapshot}::text::jsonb, 1)`.then(() => null), { name: 'open' });
      for (let i = 0; i < FLOW.length; i++) {
        const event = await DBOS.recv<{ type: string; data: unknown }>(TOPIC, DEADLINE_SECONDS);
        if (!event) {
          await DBOS.setEvent(`step-${i}`, { ok: false, reason: 'deadline' });
          return 'deadline';
        }
        const result = await DBOS.runStep(() => apply(caseId, event.type, event.data), { name: 'apply' });
        await DBOS.setEvent(`step-${i}`, { ok: true, version: result.version });
      }
      return 'delivered';
    },
    { name: 'skillCheckCase' },
  );

  DBOS.setConfig({ name: 'bench-dbos-peer', systemDatabaseUrl: url, systemDatabasePoolSize: poolSize, logLevel: 'error' });
  await DBOS.launch();

  return {
    async level(concurrency, cases, maxMs) {
      const ids = Array.from({ length: cases }, () => crypto.randomUUID());
      const handles = new Map<string, WorkflowHandle<string>>();
      await pool(ids, Math.min(8, concurrency), maxMs, async (id) => {
        handles.set(id, await DBOS.startWorkflow(caseWorkflow, { workflowID: id })(id));
      });
      const latencies: number[] = [];
      const t0 = performance.now();
      for (const [i, step] of FLOW.entries()) {
        latencies.push(
          ...(await pool(ids, concurrency, maxMs, async (id) => {
            await DBOS.send(id, { type: step.type, data: step.data }, TOPIC);
            const ack = await DBOS.getEvent<{ ok: boolean }>(id, `step-${i}`, 60);
            if (!ack?.ok) throw new Error(`DBOS peer case ${id}: step ${i} not acknowledged`);
          })),
        );
      }
      const summary = summarise(latencies, seconds(t0));
      // Proof the peer really ran the flow: every workflow returned and every case row took the 9 writes.
      const results = await Promise.all(ids.map((id) => handles.get(id)!.getResult()));
      const [done] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM dbos_cases WHERE id = ANY(${ids}::uuid[]) AND version = ${FLOW.length + 1}`;
      return { concurrency, summary, finished: Math.min(done!.n, results.filter((r) => r === 'delivered').length) };
    },
    async stop() {
      await DBOS.shutdown();
      await sql.end();
    },
  };
}
