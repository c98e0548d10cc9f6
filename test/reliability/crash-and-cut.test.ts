/**
 * Faults on a real server process and a real PostgreSQL (TEST_PG_URL only): kill -9 under load, and a cut
 * of every database connection. The long runs (20 kills, PostgreSQL stopped and started) are `npm run chaos`.
 */
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { newLedger, startLoad } from '../../scripts/lib/load.js';
import { seedDatabase, type Seeded } from '../../scripts/lib/seed.js';
import { sleep, startServerProcess, type ServerProcess } from '../../scripts/lib/server-process.js';
import { startTcpProxy, type TcpProxy } from '../../scripts/lib/tcp-proxy.js';
import { pendingDue, verifyDatabase } from '../../scripts/lib/verify.js';
import { onPostgres } from '../support/database.js';

const T1 = '2026-09-01T09:00:00+09:00';
/** Every question-filing timer armed at T1 is due by T2. */
const T2 = '2026-10-09T09:00:00+09:00';
/** Past the scheduler's 60 s lease of a batch claimed by a killed process. */
const T3 = '2026-10-09T09:02:00+09:00';

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe.skipIf(!onPostgres())('faults on a server process (PostgreSQL)', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f().catch(() => {});
  });

  it('kill -9 three times under load, once while timers fire: nothing acknowledged is lost, nothing half-written, timers fire once', async () => {
    const seed: Seeded = await seedDatabase(process.env.TEST_PG_URL!, 'swe_test_crash');
    cleanup.push(() => seed.drop());
    const ledger = newLedger();
    let server: ServerProcess = await startServerProcess({ databaseUrl: seed.url, now: T1 });
    cleanup.push(() => server.kill9());
    const stopLoad = startLoad({ baseUrl: () => server.baseUrl, tokens: seed.tokens, clients: 6, ledger, seed: 7 });
    for (let k = 0; k < 3; k++) {
      await sleep(400);
      await server.kill9();
      server = await startServerProcess({ databaseUrl: seed.url, now: T1 });
    }
    await sleep(300);
    await stopLoad();
    expect(ledger.acks.length).toBeGreaterThan(10);

    // Timers: the server wakes up at T2, is killed while firing, and comes back after the lease ran out.
    await server.kill9();
    const due = await pendingDue(seed.url, T2);
    expect(due).toBeGreaterThan(0);
    server = await startServerProcess({ databaseUrl: seed.url, now: T2 });
    await sleep(100);
    await server.kill9();
    server = await startServerProcess({ databaseUrl: seed.url, now: T3 });
    await until('every due timer to fire', async () => (await pendingDue(seed.url, T3)) === 0, 30_000);
    await server.stop();

    const verdict = await verifyDatabase(seed.url, ledger.acks, { dueBy: T3 });
    expect(verdict.violations).toEqual([]);
    // Each due timer was handled once: fired, or skipped as a stale reminder (crashes delay the scheduler).
    expect(verdict.stats.timersFired + verdict.stats.timersSkipped).toBeGreaterThanOrEqual(due);
    expect(ledger.violations).toEqual([]);
    expect(ledger.statuses['500']).toBeUndefined();
  }, 120_000);

  it('connections cut (proxy down + pg_terminate_backend): 503 with a clear message, /healthz reports it, recovery without a restart', async () => {
    const seed: Seeded = await seedDatabase(process.env.TEST_PG_URL!, 'swe_test_cut');
    cleanup.push(() => seed.drop());
    const target = new URL(process.env.TEST_PG_URL!);
    const proxy: TcpProxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    cleanup.push(() => proxy.close());
    const viaProxy = new URL(seed.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const server = await startServerProcess({ databaseUrl: viaProxy.toString(), now: T1 });
    cleanup.push(() => server.kill9());
    // A server that dies during the outage is the failure this test exists for: say why, from its own output.
    void server.exited.then((code) => {
      if (code !== null && !stopping) console.error(`server exited with ${code} during the outage:\n${server.output.slice(-30).join('\n')}`);
    });
    let stopping = false;
    const ledger = newLedger();
    const stopLoad = startLoad({ baseUrl: () => server.baseUrl, tokens: seed.tokens, clients: 4, ledger, seed: 11 });
    await sleep(500);
    const acksBefore = ledger.acks.length;

    await proxy.cut();
    const admin = postgres(process.env.TEST_PG_URL!, { max: 1, onnotice: () => {} });
    await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${seed.name} and pid <> pg_backend_pid()`;
    await admin.end();
    await sleep(500);
    const health = await fetch(`${server.baseUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', database: 'unreachable' });
    const during = await fetch(`${server.baseUrl}/api/cases`, { headers: { authorization: `Bearer ${seed.tokens.hq}` } });
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('5');
    const body = (await during.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('database_unavailable');
    expect(body.error.message).toContain('データベースに接続できません');
    expect(ledger.statuses['503']).toBeGreaterThan(0);
    await proxy.restore();
    // postgres.js backs off up to 20 s between reconnects after repeated failures (see README, Reliability).
    await until('/healthz to recover', async () => (await fetch(`${server.baseUrl}/healthz`)).status === 200, 40_000);
    const acksAtRecovery = ledger.acks.length;
    await until('writes after recovery', async () => ledger.acks.length > acksAtRecovery + 5, 40_000);
    await stopLoad();
    expect(server.child.exitCode).toBeNull(); // the same process recovered
    expect(acksBefore).toBeGreaterThan(0);
    stopping = true;
    await server.stop();

    const verdict = await verifyDatabase(seed.url, ledger.acks);
    expect(verdict.violations).toEqual([]);
    expect(ledger.violations).toEqual([]);
    expect(ledger.statuses['500']).toBeUndefined();
    // What the server logged about the outage names no SQL and no personal data.
    const logs = server.output.join('\n');
    expect(logs).toContain('database unavailable');
    expect(logs).not.toMatch(/select |insert |update "|甲野|@example\.test/i);
  }, 120_000);
});
