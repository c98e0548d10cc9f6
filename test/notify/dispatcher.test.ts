import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { outbox, users } from '../../src/db/schema.js';
import { notificationDeliveries } from '../../src/db/schema-notify.js';
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

const at = (iso: string) => w.clock.set(`${iso}T10:00:00+09:00`);

async function fileQuestions() {
  at('2026-09-01');
  const c = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
  at('2026-10-01');
  await w.engine.applyEvent(w.users.school.principal, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  return c.id;
}

const rowsOf = (caseId: string) => w.db.select().from(outbox).where(eq(outbox.caseId, caseId));

describe('dispatcher on ' + (process.env.TEST_PG_URL ? 'PostgreSQL' : 'PGlite'), () => {
  it('sends a submission-received message to HQ with the outbox Message-ID, in Japanese text and HTML', async () => {
    smtp.clear();
    const caseId = await fileQuestions();
    const { dispatcher } = notifier(w, mailer);
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, skipped: 0, retry: 0, failed: 0 });
    const [row] = await rowsOf(caseId);
    expect(row).toMatchObject({ status: 'sent', template: 'received', recipientParty: 'hq', attempts: 1 });
    expect(smtp.received).toHaveLength(1);
    const m = smtp.received[0]!;
    expect(m.messageId).toBe(row!.messageId);
    expect(m.to).toEqual(['hq@example.test']);
    expect(m.subject).toBe('【受付】技能照査試験問題等届出（様式18-1・18-2・18-3） — 機械系 機械加工科 技能照査（普通課程）（東京都機械職業訓練校）');
    expect(m.text).toContain('訓練科（系・科）：機械系 機械加工科');
    expect(m.text).toContain('令和8年10月1日 (2026-10-01)');
    expect(m.text).toContain(`https://kunren.example.jp/cases/${caseId}`);
    // The case now waits on HQ's review: its deadline is shown with both dates.
    expect(m.text).toContain('試験問題審査結果の通知（本庁（能力開発課 認定訓練担当））：期限 令和8年11月16日 (2026-11-16)');
    expect(m.html).toContain('<th');
    expect(m.headers.get('x-workflow-case')).toBe(caseId);
    // Nothing more to send.
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, skipped: 0, retry: 0, failed: 0 });
    const log = await w.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.outboxId, row!.id));
    expect(log.map((l) => [l.outcome, l.recipients])).toEqual([['sent', ['hq@example.test']]]);
  });

  it('retries with backoff while SMTP is down and delivers once it is back; after the limit a row is failed', async () => {
    smtp.clear();
    const caseId = await fileQuestions();
    await smtp.stop();
    const { dispatcher } = notifier(w, mailer, { maxAttempts: 3 });
    expect(await dispatcher.runOnce()).toMatchObject({ retry: 1 });
    let [row] = await rowsOf(caseId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.lastError).toMatch(/ECONNREFUSED|connect/i);
    // base 60 s, attempt 1, jitter 0.5: 30 s + 15 s.
    expect(row!.nextAttemptAt.getTime() - w.clock.now().getTime()).toBe(45_000);
    // Not due yet: nothing is claimed.
    expect(await dispatcher.runOnce()).toMatchObject({ retry: 0 });
    w.clock.advance(45_000);
    expect(await dispatcher.runOnce()).toMatchObject({ retry: 1 });
    [row] = await rowsOf(caseId);
    expect(row!.nextAttemptAt.getTime() - w.clock.now().getTime()).toBe(90_000);
    await smtp.restart();
    w.clock.advance(90_000);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 1 });
    [row] = await rowsOf(caseId);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(smtp.received.map((m) => m.messageId)).toEqual([row!.messageId]);

    // Down for good: three attempts, then failed with the last error.
    const second = await fileQuestions();
    await smtp.stop();
    for (let i = 0; i < 3; i++) {
      await dispatcher.runOnce();
      w.clock.advance(3_600_000);
    }
    const [failed] = await rowsOf(second);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed!.lastError).toMatch(/ECONNREFUSED|connect/i);
    await smtp.restart();
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 0 });
  });

  it('a crash between send and mark-sent sends again after the lease, under the same Message-ID', async () => {
    smtp.clear();
    const caseId = await fileQuestions();
    // The first dispatcher's process "dies" right after the SMTP server accepted the message.
    const dying: MailTransport = { kind: 'smtp', send: async (m) => { await mailer.send(m); await new Promise(() => {}); }, close: async () => {} };
    void notifier(w, dying, { leaseMs: 120_000 }).dispatcher.runOnce();
    for (let i = 0; i < 200 && smtp.received.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(smtp.received).toHaveLength(1);
    const [row] = await rowsOf(caseId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    const survivor = notifier(w, mailer).dispatcher;
    // Leased: nobody else takes it until the lease runs out.
    expect(await survivor.runOnce()).toMatchObject({ sent: 0 });
    w.clock.advance(120_001);
    expect(await survivor.runOnce()).toMatchObject({ sent: 1 });
    expect(smtp.received.map((m) => m.messageId)).toEqual([row!.messageId, row!.messageId]);
    expect((await rowsOf(caseId))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('fails at once, without sending, when the organisation has no contact or cannot see the case', async () => {
    smtp.clear();
    await w.db.update(users).set({ contact: false }).where(eq(users.id, w.users.hq.principal.userId));
    const caseId = await fileQuestions();
    // A row addressed to a school that cannot see the case (as if written by a faulty definition).
    const [orig] = await rowsOf(caseId);
    await w.db.insert(outbox).values({ ...orig!, id: '11111111-1111-4111-8111-111111111111', recipientOrgId: w.orgs.farSchool.id, recipientParty: 'school', status: 'pending', attempts: 0, messageId: '<stray@test>' });
    const { dispatcher } = notifier(w, mailer);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 0, failed: 2 });
    const rows = await rowsOf(caseId);
    expect(rows.find((r) => r.recipientOrgId === w.orgs.hq.id)?.lastError).toContain('no contact address');
    expect(rows.find((r) => r.recipientOrgId === w.orgs.farSchool.id)?.lastError).toContain('cannot see case');
    expect(smtp.received).toHaveLength(0);
    await w.db.update(users).set({ contact: true }).where(eq(users.id, w.users.hq.principal.userId));
  });
});
