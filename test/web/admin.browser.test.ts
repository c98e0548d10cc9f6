/**
 * The admin pages in a real browser (Debian's chromium through playwright-core): an admin adds a school and
 * invites a user for it, changes a fiscal-year date, and retries a notification the SMTP server had refused (a
 * real loopback server). Every page is looked at in screenshots at 1366 and 390 px (/tmp/admin-*.png); at 390 px
 * no page scrolls sideways and no table cell is squeezed to a few characters.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { and, eq } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, organizations, outbox, timers, users } from '../../src/db/schema.js';
import { createScheduler } from '../../src/engine/scheduler.js';
import { readSettings } from '../../src/engine/settings-update.js';
import { createMailboxTransport, type MailTransport } from '../../src/notify/transport.js';
import { notifier, smtpMailer } from '../notify/harness.js';
import { startSmtp, type Smtp } from '../notify/smtp.js';
import * as pay from '../support/skill-check-payloads.js';
import { makeWorld, type World } from '../support/world.js';
import { webAppFor } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const enabled = existsSync(CHROMIUM) || process.env.CI === 'true';

let w: World;
let browser: Browser;
let server: ServerType;
let base: string;
let mailbox: ReturnType<typeof createMailboxTransport>;
let smtp: Smtp;
let smtpOut: MailTransport;

async function signIn(page: Page, email: string) {
  const before = mailbox.list().filter((m) => m.to.includes(email)).length;
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByRole('button', { name: 'ログイン用リンクを送信' }).click();
  await page.getByRole('status').getByText('送信しました').waitFor();
  await expect.poll(() => mailbox.list().filter((m) => m.to.includes(email)).length, { timeout: 60_000 }).toBeGreaterThan(before);
  const mail = mailbox.list().filter((m) => m.to.includes(email)).at(-1)!;
  await page.goto(/https?:\/\/\S+\/auth\/link\?\S+/.exec(mail.text)![0]);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/auth/link'), { timeout: 90_000 }),
    page.getByRole('button', { name: 'ログイン', exact: true }).click(),
  ]);
}

/** Screenshots at 1366 and 390 px; at 390 px the page fits the width and no cell is one-character narrow. */
async function shots(page: Page, name: string) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: width > 1000 ? 900 : 844 });
    await page.screenshot({ path: `/tmp/admin-${name}-${width}.png`, fullPage: true });
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} scrolls sideways`).toBeLessThanOrEqual(390);
  const narrow = await page.$$eval('td, th', (cells) =>
    cells
      .filter((c) => {
        const r = c.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && !c.closest('.table-scroll') && !c.closest('table.cards thead') && r.width < 64;
      })
      .map((c) => `${c.tagName} ${Math.round(c.getBoundingClientRect().width)}px: ${(c.textContent ?? '').trim().slice(0, 20)}`),
  );
  expect(narrow, `${name} has narrow columns`).toEqual([]);
  await page.setViewportSize({ width: 1366, height: 900 });
}

async function everyInputLabelled(page: Page) {
  const unlabelled = await page.$$eval('input:not([type=hidden]), select, textarea', (els) =>
    els.filter((el) => !(el as unknown as { labels?: ArrayLike<unknown> }).labels?.length).map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(unlabelled).toEqual([]);
}

describe.skipIf(!enabled)('admin pages in a browser', () => {
  beforeAll(async () => {
    w = await makeWorld('2026-10-01T10:00:00+09:00');
    mailbox = createMailboxTransport(mkdtempSync(join(tmpdir(), 'swe-mailbox-')), 'test <no-reply@localhost>');
    smtp = await startSmtp();
    smtpOut = smtpMailer(smtp.url);
    let app: ReturnType<typeof webAppFor> | null = null;
    server = serve({ fetch: (req) => app!.fetch(req), port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    app = webAppFor(w, mailbox, base);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await smtpOut?.close();
    await smtp?.stop();
    await w?.database.close();
  });

  it('an admin adds a school and invites a user for it', async () => {
    const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1366, height: 900 } });
    await signIn(page, 'admin@example.test');
    await page.goto(`${base}/admin`);
    await shots(page, '1-home');
    await page.getByRole('link', { name: '組織（訓練校・センター・本庁）' }).click();
    await page.waitForURL(`${base}/admin/organizations`);
    const form = page.getByRole('form', { name: '訓練校を登録する' });
    // A refused form first: the errors are shown, the typed name is kept.
    await form.getByLabel('訓練校の名称').fill('職業訓練法人 多摩精密技能協会');
    await form.getByLabel('職業訓練法人である').check();
    await form.evaluate((f) => f.querySelectorAll('[required]').forEach((e) => e.removeAttribute('required')));
    await form.getByRole('button', { name: '訓練校を登録' }).click();
    await page.getByRole('alert').getByText('管轄の職業能力開発センターを選んでください').first().waitFor();
    await everyInputLabelled(page);
    await shots(page, '2-organizations-error');
    const again = page.getByRole('form', { name: '訓練校を登録する' });
    expect(await again.getByLabel('訓練校の名称').inputValue()).toBe('職業訓練法人 多摩精密技能協会');
    expect(await again.getByLabel('職業訓練法人である').isChecked()).toBe(true);
    await again.getByLabel('管轄の職業能力開発センター').selectOption({ label: '城北職業能力開発センター' });
    await again.getByRole('button', { name: '訓練校を登録' }).click();
    await page.getByRole('status').getByText('訓練校を登録しました').waitFor();
    const row = page.getByRole('row', { name: /職業訓練法人 多摩精密技能協会/ });
    expect(await row.getByRole('cell').first().innerText()).toBe('城北職業能力開発センター');
    await shots(page, '3-organizations');
    await row.getByRole('link', { name: '職業訓練法人 多摩精密技能協会を変更' }).click();
    await page.getByLabel('管轄の職業能力開発センター').waitFor();
    expect(await page.getByLabel('職業訓練法人である').isChecked()).toBe(true);
    await everyInputLabelled(page);
    await shots(page, '3b-organization-edit');
    const [school] = await w.db.select().from(organizations).where(eq(organizations.name, '職業訓練法人 多摩精密技能協会'));
    expect(school).toMatchObject({ kind: 'school', centerId: w.orgs.otherCenter.id, trainingCorporation: true });

    await page.getByRole('link', { name: '管理' }).first().click();
    await page.getByRole('link', { name: '利用者', exact: true }).click();
    await page.waitForURL(`${base}/admin/users`);
    await shots(page, '4-users');
    await page.getByRole('link', { name: '＋ 利用者を招待する' }).click();
    await page.getByLabel('メールアドレス').fill('tama.tanto@example.test');
    await page.getByLabel('氏名').fill('多摩 担当');
    await page.getByLabel('役割').selectOption({ label: '訓練校' });
    await page.getByLabel('所属組織').selectOption({ label: '職業訓練法人 多摩精密技能協会' });
    await page.getByLabel('リマインダーと期限日の通知を、1日1通のまとめで受け取る').check();
    await everyInputLabelled(page);
    await shots(page, '5-invite');
    const mails = mailbox.list().length;
    await page.getByRole('button', { name: '登録して招待メールを送る' }).click();
    await page.getByRole('status').getByText('招待メールを送信しました').waitFor();
    await shots(page, '6-user');
    const [invited] = await w.db.select().from(users).where(eq(users.email, 'tama.tanto@example.test'));
    expect(invited).toMatchObject({ role: 'school', orgId: school!.id, contact: true, digest: true, name: '多摩 担当' });
    await expect.poll(() => mailbox.list().length).toBe(mails + 1);
    const mail = mailbox.list().at(-1)!;
    expect(mail.to).toEqual(['tama.tanto@example.test']);
    // The invited clerk opens the link and lands on the new school's dashboard.
    const clerk = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1366, height: 900 } });
    await clerk.goto(/https?:\/\/\S+\/auth\/link\?\S+/.exec(mail.text)![0]);
    await Promise.all([clerk.waitForURL(`${base}/school`), clerk.getByRole('button', { name: 'ログイン', exact: true }).click()]);
    expect(await clerk.locator('header .who').innerText()).toContain('職業訓練法人 多摩精密技能協会（訓練校） tama.tanto@example.test');
    await clerk.close();
    await page.close();
  });

  it('an admin changes a fiscal-year date from the admin home', async () => {
    const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1366, height: 900 } });
    await signIn(page, 'admin@example.test');
    await page.goto(`${base}/admin`);
    await page.getByRole('link', { name: /^年度ごとの設定（令和8年度）/ }).click();
    await page.waitForURL(`${base}/settings/2026`);
    const first = (await readSettings(w.db, w.registry, 2026)).settings[0]!;
    await page.getByLabel(first.label).first().fill('2026-10-09');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByRole('status').getByText('設定を保存しました').waitFor();
    await shots(page, '7-settings');
    expect((await readSettings(w.db, w.registry, 2026)).settings.find((s) => s.name === first.name)!.value).toBe('2026-10-09');
    await page.close();
  });

  it('an admin retries a notification the SMTP server refused, and it is delivered once; and a failed timer', async () => {
    // A timer that failed: its case's definition version was missing when it came due (then restored).
    w.clock.set('2026-10-01T10:00:00+09:00');
    const broken = await w.engine.createCase(w.users.neighbour.principal, 'skill-check', pay.skillCheckInput());
    const [{ definitionVersion }] = (await w.db.select({ definitionVersion: cases.definitionVersion }).from(cases).where(eq(cases.id, broken.id))) as [{ definitionVersion: number }];
    await w.db.update(cases).set({ definitionVersion: 999 }).where(eq(cases.id, broken.id));
    const scheduler = createScheduler({ db: w.db, clock: w.clock, registry: w.registry, maxAttempts: 1, onError: () => {} });
    w.clock.set('2026-10-02T09:00:00+09:00');
    await scheduler.runOnce();
    await w.db.update(cases).set({ definitionVersion }).where(eq(cases.id, broken.id));
    const [failedTimer] = await w.db.select().from(timers).where(and(eq(timers.caseId, broken.id), eq(timers.status, 'failed')));
    expect(failedTimer).toBeDefined();
    const c = await w.engine.createCase(w.users.school.principal, 'skill-check', pay.skillCheckInput());
    await w.engine.applyEvent(w.users.school.principal, c.id, { type: 'QUESTIONS_FILED', data: pay.questionsFiled() });
    smtp.refuse({ responseCode: 550, message: '5.1.1 mailbox unavailable' });
    const { dispatcher } = notifier(w, smtpOut);
    expect((await dispatcher.runOnce()).failed).toBeGreaterThanOrEqual(1);
    const [row] = await w.db.select().from(outbox).where(eq(outbox.caseId, c.id));
    expect(row!.status).toBe('failed');

    const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1366, height: 900 } });
    await signIn(page, 'admin@example.test');
    await page.goto(`${base}/admin`);
    await page.getByRole('link', { name: '障害対応（失敗した通知・期限タイマー）' }).click();
    await page.waitForURL(`${base}/admin/incidents`);
    await page.getByText('mailbox unavailable').first().waitFor();
    await shots(page, '8-incidents');
    smtp.refuse(null);
    smtp.clear();
    await page.getByRole('button', { name: '再送する' }).first().click();
    await page.getByRole('status').getByText('通知を送信の待ち行列に戻しました').waitFor();
    await page.getByRole('button', { name: '再実行する' }).first().click();
    await page.getByRole('status').getByText('期限タイマーを待ち行列に戻しました').waitFor();
    await shots(page, '9-incidents-retried');
    expect((await w.db.select().from(timers).where(eq(timers.id, failedTimer!.id)))[0]!.status).toBe('pending');
    expect((await dispatcher.runOnce()).sent).toBeGreaterThanOrEqual(1);
    await smtp.settle();
    expect(smtp.received.filter((m) => m.to.includes('hq@example.test'))).toHaveLength(1);
    expect((await w.db.select().from(outbox).where(eq(outbox.id, row!.id)))[0]!.status).toBe('sent');
    await page.close();
  });
});
