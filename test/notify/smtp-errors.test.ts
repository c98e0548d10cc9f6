/** A permanent SMTP refusal (5xx) fails a row at once with its reason; a temporary one (4xx) retries with backoff. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { outbox } from '../../src/db/schema.js';
import { notificationDeliveries } from '../../src/db/schema-notify.js';
import { isPermanentSmtpError } from '../../src/notify/dispatcher.js';
import type { MailTransport } from '../../src/notify/transport.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';
import { notifier, smtpMailer } from './harness.js';
import { startSmtp, type Smtp } from './smtp.js';

let w: World;
let smtp: Smtp;
let mailer: MailTransport;
beforeAll(async () => {
  w = await makeWorld('2026-09-01T10:00:00+09:00');
  smtp = await startSmtp();
  mailer = smtpMailer(smtp.url);
});
afterAll(async () => {
  await mailer.close();
  await smtp.stop();
  await w.database.close();
});

async function fileQuestions() {
  w.clock.set('2026-09-01T10:00:00+09:00');
  const c = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
  w.clock.set('2026-10-01T10:00:00+09:00');
  await w.engine.applyEvent(w.users.school.principal, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  return c.id;
}
const rowOf = async (caseId: string) => (await w.db.select().from(outbox).where(eq(outbox.caseId, caseId)))[0]!;

describe('SMTP refusals on ' + (process.env.TEST_PG_URL ? 'PostgreSQL' : 'PGlite'), () => {
  it('classifies nodemailer errors: 5xx permanent; 4xx and network errors temporary', () => {
    expect(isPermanentSmtpError(Object.assign(new Error('x'), { responseCode: 550 }))).toBe(true);
    expect(isPermanentSmtpError(Object.assign(new Error('x'), { responseCode: 554 }))).toBe(true);
    expect(isPermanentSmtpError(Object.assign(new Error('x'), { responseCode: 451 }))).toBe(false);
    expect(isPermanentSmtpError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isPermanentSmtpError(null)).toBe(false);
  });

  it('a 5xx answer to RCPT TO fails the row at once, with the server\'s reason, and is logged', async () => {
    smtp.clear();
    const caseId = await fileQuestions();
    smtp.refuse({ responseCode: 550, message: '5.1.1 mailbox unavailable' });
    const { dispatcher } = notifier(w, mailer, { maxAttempts: 8 });
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, skipped: 0, retry: 0, failed: 1 });
    const row = await rowOf(caseId);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.lastError).toMatch(/^permanent SMTP error, not retried: 550: .*mailbox unavailable/);
    const log = await w.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.outboxId, row.id));
    expect(log.map((l) => [l.outcome, l.recipients])).toEqual([['failed', ['hq@example.test']]]);
    // Not claimed again: failed rows wait for an officer's retry.
    smtp.refuse(null);
    w.clock.advance(24 * 3_600_000);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, skipped: 0, retry: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it('a 5xx answer after DATA is permanent too', async () => {
    const caseId = await fileQuestions();
    smtp.refuse({ responseCode: 554, message: '5.7.1 message refused', at: 'data' });
    const { dispatcher } = notifier(w, mailer);
    expect(await dispatcher.runOnce()).toMatchObject({ failed: 1, retry: 0 });
    expect((await rowOf(caseId)).lastError).toMatch(/554: .*message refused/);
    smtp.refuse(null);
  });

  it('a 4xx answer retries with backoff and the message arrives once the server accepts again', async () => {
    smtp.clear();
    const caseId = await fileQuestions();
    smtp.refuse({ responseCode: 451, message: '4.3.0 try again later' });
    const { dispatcher } = notifier(w, mailer, { maxAttempts: 5 });
    expect(await dispatcher.runOnce()).toMatchObject({ retry: 1, failed: 0 });
    let row = await rowOf(caseId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(/451: .*try again later/);
    // base 60 s, first attempt, jitter 0.5: 45 s.
    expect(row.nextAttemptAt.getTime() - w.clock.now().getTime()).toBe(45_000);
    w.clock.advance(45_000);
    expect(await dispatcher.runOnce()).toMatchObject({ retry: 1 });
    row = await rowOf(caseId);
    expect(row.nextAttemptAt.getTime() - w.clock.now().getTime()).toBe(90_000);
    smtp.refuse(null);
    w.clock.advance(90_000);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 1 });
    await smtp.settle();
    expect(smtp.received.filter((m) => m.messageId === row.messageId)).toHaveLength(1);
    expect(await rowOf(caseId)).toMatchObject({ status: 'sent', attempts: 3 });
  });
});
