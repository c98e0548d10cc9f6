/**
 * SCHEDULER_ENABLED=false and DISPATCHER_ENABLED=false start a node that fires nothing, not even one pass at
 * start-up: due timers stay pending and the outbox stays unsent while time moves on. The same data on a node
 * with both enabled (the default) fires and sends. On PGlite, or PostgreSQL with TEST_PG_URL.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, count, eq, lte } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import { addOrganization, addUser, issueToken } from '../../src/db/directory.js';
import { caseEvents, outbox, timers, users } from '../../src/db/schema.js';
import type { OutgoingMail } from '../../src/notify/transport.js';
import { startServer } from '../../src/server.js';
import { client } from '../support/http.js';
import * as pay from '../support/skill-check-payloads.js';

const dataDir = mkdtempSync(join(tmpdir(), 'swe-sched-ctl-'));
const adminUrl = process.env.TEST_PG_URL;
const dbName = `swe_schedctl_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const databaseUrl = adminUrl ? Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString() : undefined;

beforeAll(async () => {
  if (!adminUrl) return;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  await admin.end();
});
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  if (adminUrl) {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
});

const clock = manualClock('2026-09-01T10:00:00+09:00');
const sent: OutgoingMail[] = [];
const mailer = { kind: 'mailbox' as const, send: async (m: OutgoingMail) => void sent.push(m), close: async () => {} };

/** Starts the product as main.ts does (background loops on), with short intervals so a pass would be seen at once. */
const boot = (env: Record<string, string> = {}) =>
  startServer(
    loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      SCHEDULER_INTERVAL_MS: '50',
      DISPATCH_INTERVAL_MS: '50',
      ...env,
    }),
    { clock, listen: false, mailer },
  );

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const n = async (db: Db, table: typeof timers | typeof outbox | typeof caseEvents, where?: ReturnType<typeof eq>) =>
  Number((await db.select({ n: count() }).from(table).where(where))[0]!.n);
const dueTimers = (db: Db) => n(db, timers, and(eq(timers.status, 'pending'), lte(timers.fireAt, clock.now())));
const pendingOutbox = (db: Db) => n(db, outbox, eq(outbox.status, 'pending'));

/** Moves the clock just past the case's next pending timer. */
async function fastForwardToNextTimer(db: Db, caseId: string) {
  const [next] = await db.select().from(timers).where(and(eq(timers.caseId, caseId), eq(timers.status, 'pending'))).orderBy(asc(timers.fireAt)).limit(1);
  clock.set(new Date(next!.fireAt.getTime() + 60_000));
}

async function waitFor(check: () => Promise<boolean>, ms = 90_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await sleep(50);
  }
}

describe('SCHEDULER_ENABLED and DISPATCHER_ENABLED', () => {
  it('parse as booleans, default true, and refuse anything else', () => {
    expect(loadConfig({})).toMatchObject({ SCHEDULER_ENABLED: true, DISPATCHER_ENABLED: true });
    expect(loadConfig({ SCHEDULER_ENABLED: 'false', DISPATCHER_ENABLED: '0' })).toMatchObject({ SCHEDULER_ENABLED: false, DISPATCHER_ENABLED: false });
    expect(loadConfig({ SCHEDULER_ENABLED: 'TRUE', DISPATCHER_ENABLED: '' })).toMatchObject({ SCHEDULER_ENABLED: true, DISPATCHER_ENABLED: true });
    expect(() => loadConfig({ SCHEDULER_ENABLED: 'nope' })).toThrow(/SCHEDULER_ENABLED/);
  });

  it('disabled: nothing fires or is sent, not even at start-up; enabled: the same timers fire and the outbox is sent', async () => {
    // Seed on a node with both disabled: a case with timers, one of them fired (so the outbox has rows).
    let server = await boot({ SCHEDULER_ENABLED: 'false', DISPATCHER_ENABLED: 'false' });
    let db = server.database.db;
    const center = await addOrganization(db, { kind: 'center', name: 'センター' });
    const school = await addOrganization(db, { kind: 'school', name: '訓練校', centerId: center.id });
    const hq = await addOrganization(db, { kind: 'hq', name: '本庁' });
    const { token } = await addUser(db, { role: 'school', email: 'school@example.test', orgId: school.id }, clock.now());
    await addUser(db, { role: 'center', email: 'center@example.test', orgId: center.id }, clock.now());
    await addUser(db, { role: 'hq', email: 'hq@example.test', orgId: hq.id }, clock.now());
    const created = await client(server.app).post('/api/cases', token, { procedure: 'skill-check', input: pay.skillCheckInput() });
    expect(created.status).toBe(201);
    // The test fires the first timer itself (runOnce is not the background loop): its notices wait in the outbox.
    await fastForwardToNextTimer(db, created.body.id);
    expect(await server.scheduler.runOnce()).toBeGreaterThan(0);
    await sleep(300);
    const events = await n(db, caseEvents);
    const outboxRows = await pendingOutbox(db);
    expect(outboxRows).toBeGreaterThan(0);
    const pending = await db.select().from(timers).where(eq(timers.status, 'pending')).orderBy(asc(timers.fireAt));
    expect(pending.length).toBeGreaterThan(1);
    await server.stop();

    // Due timers and pending outbox rows before start-up; a restart with both disabled makes no pass at all.
    clock.set(new Date(pending[0]!.fireAt.getTime() + 60_000));
    server = await boot({ SCHEDULER_ENABLED: 'false', DISPATCHER_ENABLED: 'false' });
    db = server.database.db;
    expect(await dueTimers(db)).toBeGreaterThan(0);
    const due = await dueTimers(db);
    await sleep(1000);
    // Time moves on while it runs: still nothing.
    clock.set(new Date(pending.at(-1)!.fireAt.getTime() + 60_000));
    const dueLater = await dueTimers(db);
    expect(dueLater).toBeGreaterThan(due);
    await sleep(1000);
    expect(await dueTimers(db)).toBe(dueLater);
    expect(await n(db, caseEvents)).toBe(events);
    expect(await pendingOutbox(db)).toBe(outboxRows);
    expect(sent).toHaveLength(0);
    await server.stop();

    // The same data on a node with both enabled (the default): the timers fire and the mail goes out.
    server = await boot();
    db = server.database.db;
    try {
      await waitFor(async () => (await dueTimers(db)) === 0);
      // The notices of a firing are spaced by a millisecond each (their order); the injected clock stands still.
      clock.advance(60_000);
      await waitFor(async () => (await pendingOutbox(db)) === 0 && sent.length > 0);
      expect(await n(db, caseEvents)).toBeGreaterThan(events);
    } finally {
      await server.stop();
    }
  }, 300_000);

  it('each can be disabled alone: the scheduler fires while the dispatcher sends nothing', async () => {
    sent.length = 0;
    const server = await boot({ DISPATCHER_ENABLED: 'false' });
    const db = server.database.db;
    try {
      const [school] = await db.select().from(users).where(eq(users.email, 'school@example.test'));
      const token = await issueToken(db, school!.id, clock.now(), 3650);
      const created = await client(server.app).post('/api/cases', token, { procedure: 'skill-check', input: pay.skillCheckInput({ fiscalYear: 2027, trainingCompletionDate: '2028-03-24', plannedExamDate: '2028-02-15', plannedDeliveryDate: '2028-03-24' }) });
      expect(created.status).toBe(201);
      await fastForwardToNextTimer(db, created.body.id);
      await waitFor(async () => (await dueTimers(db)) === 0);
      await sleep(300);
      expect(await pendingOutbox(db)).toBeGreaterThan(0);
      expect(sent).toHaveLength(0);
    } finally {
      await server.stop();
    }
  }, 300_000);
});
