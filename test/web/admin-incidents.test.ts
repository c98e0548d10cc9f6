/**
 * /admin/incidents over HTTP: a notification the SMTP server refused (a real loopback server answering 550) and a
 * timer whose firing kept failing are listed with their errors and retried from the page; what is stuck in the
 * queue is listed; a retry of something not failed is a Japanese 409 page, of an unknown id a 404; admins and HQ only.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, afterAll, beforeEach, describe, expect, it } from 'vitest';
import { cases, outbox, timers } from '../../src/db/schema.js';
import { createScheduler } from '../../src/engine/scheduler.js';
import type { MailTransport } from '../../src/notify/transport.js';
import { notifier, smtpMailer } from '../notify/harness.js';
import { startSmtp, type Smtp } from '../notify/smtp.js';
import * as pay from '../support/skill-check-payloads.js';
import { csrfOf, signIn, webWorld } from './harness.js';

let t: Awaited<ReturnType<typeof webWorld>>;
let smtp: Smtp;
let mailer: MailTransport;
beforeAll(async () => {
  smtp = await startSmtp();
  mailer = smtpMailer(smtp.url);
});
afterAll(async () => {
  await mailer.close();
  await smtp.stop();
});
// Incidents are global (the page lists every one): each test gets its own world.
beforeEach(async () => {
  t = await webWorld('2026-09-01T10:00:00+09:00');
  smtp.refuse(null);
  smtp.clear();
});
afterEach(async () => {
  await t.w.database.close();
});

const readable = (html: string) => html.replace(/<(style|script|code)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
const expectJapanese = (html: string) => expect(readable(html)).not.toMatch(/[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}/);
const MISSING = '00000000-0000-4000-8000-000000000000';

async function questionsFiled() {
  const c = await t.w.engine.createCase(t.w.users.school.principal, 'skill-check', pay.skillCheckInput());
  t.w.clock.set('2026-10-01T10:00:00+09:00');
  await t.w.engine.applyEvent(t.w.users.school.principal, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
  return c;
}

describe('/admin/incidents', () => {
  it('lists a notification the SMTP server refused with its error; a retry from the page sends it once', async () => {
    const c = await questionsFiled();
    smtp.refuse({ responseCode: 550, message: '5.1.1 mailbox unavailable' });
    const { dispatcher } = notifier(t.w, mailer);
    expect((await dispatcher.runOnce()).failed).toBe(1);
    const [row] = await t.w.db.select().from(outbox).where(eq(outbox.caseId, c.id));
    expect(row!.status).toBe('failed');

    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const page = await admin.get('/admin/incidents');
    expect(page.status).toBe(200);
    expect(page.text).toContain('送信できなかった通知（1件）');
    expect(page.text).toContain('受付の通知');
    expect(page.text).toMatch(/<td data-label="宛先">本庁・産業労働局 雇用就業部 能力開発課<\/td>/);
    expect(page.text).toContain(`<a href="/cases/${c.id}">`);
    expect(page.text).toContain('メールサーバーが受け取りを拒否しました（恒久的なエラー）');
    expect(page.text).toMatch(/<code class="error-text"[^>]*>permanent SMTP error, not retried: 550: [^<]*mailbox unavailable<\/code>/);
    expect(page.text).toContain('実行に失敗した期限タイマー（0件）');
    expectJapanese(page.text);

    smtp.refuse(null);
    const retried = await admin.post('/admin/incidents', { _csrf: csrfOf(page.text), _action: 'retry-notification', id: row!.id });
    expect(retried.status).toBe(303);
    const after = await admin.get(retried.location!);
    expect(after.text).toContain('通知を送信の待ち行列に戻しました');
    expect(after.text).toContain('送信できなかった通知（0件）');
    expect((await dispatcher.runOnce()).sent).toBe(1);
    await smtp.settle();
    expect(smtp.received.map((m) => m.to)).toEqual([['hq@example.test']]);

    const again = await admin.post('/admin/incidents', { _csrf: csrfOf(page.text), _action: 'retry-notification', id: row!.id });
    expect(again.status).toBe(409);
    expect(again.text).toContain('この通知は失敗の状態ではないため、再実行しませんでした');
    expectJapanese(again.text);
    for (const id of [MISSING, 'nope']) {
      const missing = await admin.post('/admin/incidents', { _csrf: csrfOf(page.text), _action: 'retry-notification', id });
      expect(missing.status).toBe(404);
      expect(missing.text).toContain('指定された通知は見つかりません');
    }
    expect((await admin.post('/admin/incidents', { _csrf: csrfOf(page.text), _action: 'drop-table', id: row!.id })).status).toBe(400);
    expect((await admin.post('/admin/incidents', { _csrf: 'forged', _action: 'retry-notification', id: row!.id })).status).toBe(403);
  });

  it('lists a timer whose firing kept failing, with its deadline label and error; HQ retries it and it fires once', async () => {
    const c = await t.w.engine.createCase(t.w.users.school.principal, 'skill-check', pay.skillCheckInput());
    const [{ definitionVersion }] = (await t.w.db.select({ definitionVersion: cases.definitionVersion }).from(cases).where(eq(cases.id, c.id))) as [{ definitionVersion: number }];
    await t.w.db.update(cases).set({ definitionVersion: 999 }).where(eq(cases.id, c.id));
    const scheduler = createScheduler({ db: t.w.db, clock: t.w.clock, registry: t.w.registry, maxAttempts: 1, onError: () => {} });
    t.w.clock.set('2026-09-23T09:00:00+09:00');
    await scheduler.runOnce();
    const [failed] = await t.w.db.select().from(timers).where(and(eq(timers.caseId, c.id), eq(timers.status, 'failed')));
    expect(failed).toBeDefined();

    const hq = await signIn(t.app, t.mailer, 'hq@example.test');
    const page = await hq.get('/admin/incidents');
    expect(page.status).toBe(200);
    expect(page.text).toContain('実行に失敗した期限タイマー（1件）');
    const label = t.w.registry.latest('skill-check')!.deadlines[failed!.deadline]!.label;
    expect(page.text).toContain(label);
    expect(page.text).toContain('期限前のリマインダー・技能照査');
    expect(page.text).toContain('この案件の手続の定義（作成したときの版）が登録されていません');
    expect(page.text).toMatch(/<code class="error-text"[^>]*>[^<]*not registered[^<]*<\/code>/);
    expectJapanese(page.text);

    await t.w.db.update(cases).set({ definitionVersion }).where(eq(cases.id, c.id));
    const retried = await hq.post('/admin/incidents', { _csrf: csrfOf(page.text), _action: 'retry-timer', id: failed!.id });
    expect(retried.status).toBe(303);
    expect((await hq.get(retried.location!)).text).toContain('期限タイマーを待ち行列に戻しました');
    expect(await scheduler.runOnce()).toBe(1);
    expect((await t.w.db.select().from(timers).where(eq(timers.id, failed!.id)))[0]).toMatchObject({ status: 'fired' });
    const again = await hq.post('/admin/incidents', { _csrf: csrfOf(page.text), _action: 'retry-timer', id: failed!.id });
    expect(again.status).toBe(409);
    expect(again.text).toContain('この期限タイマーは失敗の状態ではないため');
    expect((await hq.post('/admin/incidents', { _csrf: csrfOf(page.text), _action: 'retry-timer', id: MISSING })).status).toBe(404);
  });

  it('a retry of a timer whose deadline the case has left cancels it and says why', async () => {
    const c = await t.w.engine.createCase(t.w.users.school.principal, 'skill-check', pay.skillCheckInput());
    const [reminder] = await t.w.db.select().from(timers).where(and(eq(timers.caseId, c.id), eq(timers.kind, 'reminder')));
    await t.w.db.update(timers).set({ status: 'failed', lastError: 'boom', failedAt: t.w.clock.now() }).where(eq(timers.id, reminder!.id));
    t.w.clock.set('2026-10-01T10:00:00+09:00');
    await t.w.engine.applyEvent(t.w.users.school.principal, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const page = await admin.get('/admin/incidents');
    const retried = await admin.post('/admin/incidents', { _csrf: csrfOf(page.text), _action: 'retry-timer', id: reminder!.id });
    expect(retried.location).toBe('/admin/incidents?done=timer-cancelled-deadline_left');
    expect((await admin.get(retried.location!)).text).toContain('案件が既に先の段階へ進み、この期限はなくなったため、このタイマーは取り消しました');
    expect((await t.w.db.select().from(timers).where(eq(timers.id, reminder!.id)))[0]!.status).toBe('cancelled');
  });

  it('lists timers and notifications stuck long past their moment (no scheduler or dispatcher ran); others get 403', async () => {
    await t.w.engine.createCase(t.w.users.school.principal, 'skill-check', pay.skillCheckInput());
    const filed = await t.w.engine.createCase(t.w.users.school.principal, 'skill-check', pay.skillCheckInput());
    await t.w.engine.applyEvent(t.w.users.school.principal, filed.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
    // Nothing ran for a month: the unfiled case's reminders are due for weeks, the notice of the filing waits as long.
    t.w.clock.set('2026-10-01T10:00:00+09:00');
    const admin = await signIn(t.app, t.mailer, 'admin@example.test');
    const page = await admin.get('/admin/incidents');
    expect(page.text).toMatch(/<h3>期限タイマー（[1-9]\d*件）<\/h3>/);
    expect(page.text).toContain('スケジューラーが処理していません');
    expect(page.text).toMatch(/<h3>通知（1件）<\/h3>/);
    expect(page.text).not.toContain('>再実行する</button>');
    expect(page.text).not.toContain('>再送する</button>');
    expectJapanese(page.text);
    const home = await admin.get('/admin');
    expect(home.text).toContain('失敗はありません');
    expect(home.text).toMatch(/滞留 [1-9]\d*件/);
    for (const email of ['school@example.test', 'center@example.test', 'analyst@example.test']) {
      const v = await signIn(t.app, t.mailer, email);
      const refused = await v.get('/admin/incidents');
      expect(refused.status, email).toBe(403);
      expectJapanese(refused.text);
      expect((await v.post('/admin/incidents', { _csrf: csrfOf(refused.text), _action: 'retry-timer', id: MISSING })).status).toBe(403);
    }
  });
});
