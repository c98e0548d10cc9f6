/**
 * The mail server goes down while schools file through the HTTP API and the dispatcher keeps running: every
 * outbox row written during the outage waits and retries, nothing fails or is lost, and once SMTP is back
 * each row is delivered exactly once under its own Message-ID.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { outbox } from '../../src/db/schema.js';
import type { MailTransport } from '../../src/notify/transport.js';
import { appFor, client } from '../support/http.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';
import { notifier, smtpMailer } from '../notify/harness.js';
import { startSmtp, type Smtp } from '../notify/smtp.js';

const CASES = 40;

let w: World;
let smtp: Smtp;
let mailer: MailTransport;
beforeAll(async () => {
  w = await makeWorld('2026-10-01T10:00:00+09:00', { poolSize: 20 });
  smtp = await startSmtp();
  mailer = smtpMailer(smtp.url);
});
afterAll(async () => {
  await mailer.close();
  await smtp.stop();
  await w.database.close();
});

describe('mail outage under load on ' + (process.env.TEST_PG_URL ? 'PostgreSQL' : 'PGlite'), () => {
  it('keeps every message through the outage and delivers each once when SMTP returns', async () => {
    const api = client(appFor(w));
    const { dispatcher } = notifier(w, mailer, { maxAttempts: 8 });
    await smtp.stop();

    // Load: open cases and file questions concurrently, with the dispatcher trying between the bursts.
    const ids: string[] = [];
    for (let burst = 0; burst < 4; burst++) {
      const opened = await Promise.all(
        Array.from({ length: CASES / 4 }, () => api.post('/api/cases', w.users.school.token, { procedure: 'skill-check', input: pay.skillCheckInput() })),
      );
      expect(opened.map((r) => r.status)).toEqual(Array(CASES / 4).fill(201));
      const filed = await Promise.all(
        opened.map((r) => api.post(`/api/cases/${r.body.id}/events`, w.users.school.token, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() })),
      );
      expect(filed.map((r) => r.status)).toEqual(Array(CASES / 4).fill(200));
      ids.push(...opened.map((r) => r.body.id as string));
      const tried = await dispatcher.runOnce();
      expect(tried.sent).toBe(0);
      w.clock.advance(10 * 60_000);
    }

    const rows = () => w.db.select().from(outbox).where(inArray(outbox.caseId, ids));
    const during = await rows();
    // One 'received' row to HQ per filing (creating a case notifies nobody).
    expect(during.length).toBe(CASES);
    expect(during.every((r) => r.status === 'pending')).toBe(true);
    expect(during.every((r) => r.attempts >= 1 && /ECONNREFUSED|connect/i.test(r.lastError ?? ''))).toBe(true);
    expect(smtp.received).toHaveLength(0);

    await smtp.restart();
    for (let round = 0; round < 10; round++) {
      w.clock.advance(60 * 60_000);
      const r = await dispatcher.runOnce();
      if (r.sent === 0 && r.retry === 0) break;
    }
    const after = await rows();
    expect(after.every((r) => r.status === 'sent')).toBe(true);
    const delivered = smtp.received.map((m) => m.messageId);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect([...delivered].sort()).toEqual(after.map((r) => r.messageId).sort());
    // Nothing of this test's cases is still waiting.
    const pending = await w.db.select().from(outbox).where(eq(outbox.status, 'pending'));
    expect(pending.filter((r) => ids.includes(r.caseId ?? ''))).toEqual([]);
  });
});
