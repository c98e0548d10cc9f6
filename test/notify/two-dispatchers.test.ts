import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/client.js';
import { outbox } from '../../src/db/schema.js';
import { createDispatcher } from '../../src/notify/dispatcher.js';
import type { MailTransport } from '../../src/notify/transport.js';
import { onPostgres } from '../support/database.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';
import { PUBLIC_URL, smtpMailer } from './harness.js';
import { startSmtp, type Smtp } from './smtp.js';

// Two dispatchers racing over one queue need real PostgreSQL (PGlite has a single connection).
describe.skipIf(!onPostgres())('two dispatchers on PostgreSQL', () => {
  let w: World;
  let smtp: Smtp;
  let second: Database;
  const mailers: MailTransport[] = [];
  beforeAll(async () => {
    w = await makeWorld('2026-10-01T10:00:00+09:00');
    smtp = await startSmtp();
    second = await openDatabase({ url: (w.database as { url?: string }).url!, poolSize: 10 });
  });
  afterAll(async () => {
    for (const m of mailers) await m.close();
    await second.close();
    await smtp.stop();
    await w.database.close();
  });

  it('delivers 1,000 pending rows, each exactly once', async () => {
    const c = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
    await w.engine.applyEvent(w.users.school.principal, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
    const [template] = await w.db.select().from(outbox).where(eq(outbox.caseId, c.id));
    const rows = Array.from({ length: 1000 }, () => {
      const id = randomUUID();
      return { ...template!, id, messageId: `<${id}@load.test>`, status: 'pending' as const, attempts: 0, sentAt: null, lockedUntil: null };
    });
    for (let i = 0; i < rows.length; i += 250) await w.db.insert(outbox).values(rows.slice(i, i + 250));
    smtp.clear();

    const make = (db: typeof w.db) => {
      const mailer = smtpMailer(smtp.url, '&pool=true&maxConnections=4');
      mailers.push(mailer);
      return createDispatcher({ db, clock: w.clock, mailer, publicUrl: PUBLIC_URL, batchSize: 25, concurrency: 4, random: () => 0.5 });
    };
    const a = make(w.db);
    const b = make(second.db);
    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(ra.sent + rb.sent).toBe(1001);
    // Both took part.
    expect(ra.sent).toBeGreaterThan(0);
    expect(rb.sent).toBeGreaterThan(0);
    expect(ra.retry + rb.retry + ra.failed + rb.failed).toBe(0);

    const ids = smtp.received.map((m) => m.messageId);
    expect(ids).toHaveLength(1001);
    expect(new Set(ids).size).toBe(1001);
    const [pending] = await w.db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending'));
    expect(pending!.n).toBe(0);
  });
});
