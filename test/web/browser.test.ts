/**
 * The pages in a real browser (Debian's chromium through playwright-core): an officer signs in through the
 * e-mailed link and approves questions from the inbox; a school files a notice too late, moves the exam date
 * and files again; an analyst's diagram counts match the database. Screenshots go to test-artifacts/.
 * Skipped only when chromium is absent and CI is not 'true'.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../src/db/schema.js';
import { createMailboxTransport } from '../../src/notify/transport.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';
import { caseIn } from './fixtures.js';
import { webAppFor } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const enabled = existsSync(CHROMIUM) || process.env.CI === 'true';
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

let w: World;
let browser: Browser;
let server: ServerType;
let base: string;
let mailbox: ReturnType<typeof createMailboxTransport>;
const at = (iso: string) => w.clock.set(`${iso}T10:00:00+09:00`);

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `web-${name}.png`), fullPage: true });
}

/** Every visible form control has a label (accessibility basics). */
async function everyInputLabelled(page: Page) {
  const unlabelled = await page.$$eval('input:not([type=hidden]), select, textarea', (els) =>
    els.filter((el) => !(el as unknown as { labels?: ArrayLike<unknown> }).labels?.length).map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(unlabelled).toEqual([]);
}

async function signIn(page: Page, email: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByRole('button', { name: 'ログイン用リンクを送信' }).click();
  await page.getByRole('status').getByText('送信しました').waitFor();
  const mail = mailbox.list().filter((m) => m.to.includes(email)).at(-1)!;
  const link = /https?:\/\/\S+\/auth\/link\?\S+/.exec(mail.text)![0];
  await page.goto(link);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

async function fillNotice(page: Page, date: string) {
  const form = page.locator('#form-IMPLEMENTATION_NOTICE_FILED');
  if ((await form.getAttribute('open')) === null) await page.locator('#form-IMPLEMENTATION_NOTICE_FILED > summary').click();
  const n = pay.implementationNotice(date);
  await form.getByLabel('代表者名').fill(n.representative);
  const course = form.getByRole('group', { name: '訓練科名' });
  await course.getByLabel('系').fill(n.course.kei);
  await course.getByLabel('科').fill(n.course.ka);
  for (const [group, s] of [['学科', n.written], ['実技', n.practical]] as const) {
    const g = form.getByRole('group', { name: group, exact: true });
    await g.getByLabel('実施予定年月日').fill(s.date);
    await g.getByLabel('開始時刻').fill(s.start);
    await g.getByLabel('終了時刻').fill(s.end);
    await g.getByLabel('実施予定場所').fill(s.place);
  }
  await form.getByLabel('受験予定者数').fill(String(n.expectedExaminees));
  // The roster's row editor: one row per trainee, one input per column (its label names the row).
  for (const [i, r] of n.roster.entries()) {
    await form.getByLabel(`${i + 1}行目 訓練生番号`, { exact: true }).fill(r.traineeId);
    await form.getByLabel(`${i + 1}行目 氏名`, { exact: true }).fill(r.name);
    await form.getByLabel(`${i + 1}行目 生年月日`, { exact: true }).fill(r.birthDate);
    for (const [j, s] of r.subjects.entries()) {
      await form.getByLabel(`${i + 1}行目の科目別出席状況 ${j + 1}行目 科目`, { exact: true }).fill(s.subject);
      await form.getByLabel(`${i + 1}行目の科目別出席状況 ${j + 1}行目 訓練計画時間`, { exact: true }).fill(String(s.plannedHours));
      await form.getByLabel(`${i + 1}行目の科目別出席状況 ${j + 1}行目 受講見込み時間`, { exact: true }).fill(String(s.attendedHours));
    }
  }
  await form.getByRole('button', { name: '技能照査実施届出を送信' }).click();
}

describe.skipIf(!enabled)('pages in a browser', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    w = await makeWorld('2026-10-01T10:00:00+09:00');
    mailbox = createMailboxTransport(mkdtempSync(join(tmpdir(), 'swe-mailbox-')), 'test <no-reply@localhost>');
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
    await w?.database.close();
  });

  it('an officer signs in through the e-mailed link and approves questions from the inbox', async () => {
    at('2026-10-01');
    const c = await caseIn(w, 'questionReview');
    const page = await browser.newPage({ locale: 'ja-JP' });
    await signIn(page, 'hq@example.test');
    await page.waitForURL(`${base}/inbox`);
    await expect(page.getByRole('heading', { level: 1 })).toBeTruthy();
    await everyInputLabelled(page);
    await shot(page, '1-inbox');
    await page.getByRole('link', { name: c.title }).click();
    await page.waitForURL(`${base}/cases/${c.id}`);
    await everyInputLabelled(page);
    await shot(page, '2-case-hq');
    await page.locator('#form-REVIEW_APPROVED > summary').click();
    await page.getByRole('button', { name: '試験問題審査結果通知（適）を送信' }).click();
    await page.getByRole('status').getByText('受け付けました').waitFor();
    expect(await page.locator('.current-state').innerText()).toContain('実施届出前');
    await shot(page, '3-case-approved');
    const [row] = await w.db.select({ state: cases.state }).from(cases).where(sql`${cases.id} = ${c.id}`);
    expect(row!.state).toBe('preparing');
    await page.close();
  });

  it('a school files a notice too late, sees the rule, moves the exam date, files again and sees the new state', async () => {
    at('2026-10-01');
    const c = await caseIn(w, 'preparing');
    at('2027-01-20');
    const page = await browser.newPage({ locale: 'ja-JP' });
    await signIn(page, 'school@example.test');
    await page.waitForURL(`${base}/school`);
    await everyInputLabelled(page);
    await shot(page, '4-school-dashboard');
    await page.getByRole('link', { name: c.title }).first().click();
    await fillNotice(page, '2027-02-15');
    const alert = page.locator('#form-IMPLEMENTATION_NOTICE_FILED [role=alert]');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('技能照査実施届出〔様式19-1・19-2〕は試験実施予定日');
    expect(await alert.innerText()).toContain('令和9年1月15日');
    const written = page.locator('#form-IMPLEMENTATION_NOTICE_FILED').getByRole('group', { name: '学科', exact: true });
    expect(await written.getByLabel('実施予定場所').inputValue()).toBe('本校 第1教室');
    await shot(page, '5-notice-rejected');

    // Keyboard only: open the exam-date form, fill it, submit with Enter.
    await page.locator('#form-EXAM_DATE_CHANGED > summary').focus();
    await page.keyboard.press('Enter');
    const change = page.locator('#form-EXAM_DATE_CHANGED');
    await change.getByLabel('新しい試験実施予定日').fill('2027-03-01');
    await change.getByLabel('変更理由').fill('実施届出の期限に間に合わないため');
    await change.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('受け付けました').waitFor();

    await fillNotice(page, '2027-03-01');
    await page.getByRole('status').getByText('受け付けました').waitFor();
    expect(await page.locator('.current-state').innerText()).toContain('試験実施予定（センター立会い）');
    await shot(page, '6-notice-accepted');
    await page.close();
  });

  it('an analyst opens a diagram and the counts match the database', async () => {
    at('2026-10-01');
    for (const state of ['questionsDrafting', 'questionReview', 'questionReview', 'preparing'] as const) await caseIn(w, state);
    const page = await browser.newPage({ locale: 'ja-JP' });
    await signIn(page, 'analyst@example.test');
    await page.waitForURL(`${base}/analyst`);
    await shot(page, '7-procedures');
    await page.getByRole('link', { name: '技能照査', exact: true }).click();
    await page.locator('.diagram svg').waitFor();
    await shot(page, '8-procedure-diagram');
    const shown = await page.$$eval('#state-figures tbody tr', (rows) =>
      Object.fromEntries(rows.map((r) => [r.getAttribute('data-state'), Number(r.querySelector('[data-count=total]')!.textContent)])),
    );
    const counted = await w.db.select({ state: cases.state, n: sql<number>`count(*)::int` }).from(cases).where(sql`${cases.procedure} = 'skill-check'`).groupBy(cases.state);
    expect(counted.length).toBeGreaterThan(1);
    for (const r of counted) expect(shown[r.state], r.state).toBe(r.n);
    expect((Object.values(shown) as number[]).reduce((a, b) => a + b, 0)).toBe(counted.reduce((a, r) => a + r.n, 0));
    // The diagram shows the same figures on the states.
    const svgText = await page.locator('.diagram svg').innerHTML();
    for (const r of counted) expect(svgText).toContain(`案件 ${r.n}件`);
    await page.close();
  });
});
