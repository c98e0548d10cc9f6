/**
 * The daily work in a real browser: searching the inbox and claiming a case, the school dashboard's split, the
 * case page at 1366 px and 390 px. Screenshots go to /tmp/work-*.png (look at them). Skipped only when chromium
 * is absent and CI is not 'true'.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailboxTransport } from '../../src/notify/transport.js';
import * as pay from '../support/skill-check-payloads.js';
import { makeWorld, type World } from '../support/world.js';
import { caseIn } from './fixtures.js';
import { webAppFor } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const enabled = existsSync(CHROMIUM) || process.env.CI === 'true';
/**
 * The machine has no Japanese system font; the one the PDFs embed (Noto Sans JP, in node_modules) is given to
 * this browser only, through its own fontconfig file, so the screenshots can be read.
 */
function japaneseFonts(): Record<string, string> {
  const fonts = join(process.cwd(), 'node_modules/@expo-google-fonts/noto-sans-jp');
  if (!existsSync(fonts)) return {};
  const file = join(mkdtempSync(join(tmpdir(), 'swe-fonts-')), 'fonts.conf');
  writeFileSync(file, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${fonts}</dir></fontconfig>`);
  return { FONTCONFIG_FILE: file };
}

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/work-${name}.png`, fullPage: true });

let w: World;
let browser: Browser;
let server: ServerType;
let base: string;
let mailbox: ReturnType<typeof createMailboxTransport>;
let neighbourCase: string;
let noticed: string;

async function signIn(page: Page, email: string) {
  const before = mailbox.list().filter((m) => m.to.includes(email)).length;
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByRole('button', { name: 'ログイン用リンクを送信' }).click();
  await page.getByRole('status').getByText('送信しました').waitFor();
  const mails = mailbox.list().filter((m) => m.to.includes(email));
  expect(mails.length).toBeGreaterThan(before);
  await page.goto(/https?:\/\/\S+\/auth\/link\?\S+/.exec(mails.at(-1)!.text)![0]);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/auth/'));
}

const noSidewaysScroll = async (page: Page, width: number) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

describe.skipIf(!enabled)('daily work in the browser', () => {
  beforeAll(async () => {
    w = await makeWorld('2026-09-01T10:00:00+09:00');
    mailbox = createMailboxTransport(mkdtempSync(join(tmpdir(), 'swe-mailbox-')), 'test <no-reply@localhost>');
    let app: ReturnType<typeof webAppFor> | null = null;
    server = serve({ fetch: (req) => app!.fetch(req), port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    app = webAppFor(w, mailbox, base);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'], env: { ...process.env, ...japaneseFonts() } as Record<string, string> });
    await caseIn(w, 'questionsDrafting');
    await caseIn(w, 'questionReview');
    await caseIn(w, 'questionReview');
    neighbourCase = (await caseIn(w, 'questionReview', w.users.neighbour.principal, { course: { kei: '建築', ka: '建築施工', courseType: '普通課程' } })).id;
    w.clock.set('2026-12-01T10:00:00+09:00');
    noticed = (await caseIn(w, 'preparing')).id;
    await w.engine.applyEvent(w.users.school.principal, noticed, { type: 'IMPLEMENTATION_NOTICE_FILED', data: pay.implementationNotice('2027-02-15') });
    await caseIn(w, 'preparing', w.users.school.principal, { plannedExamDate: '2027-01-05', trainingCompletionDate: '2027-02-26', plannedDeliveryDate: '2027-02-26' });
    w.clock.set('2026-12-11T10:00:00+09:00');
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await w?.database.close();
  });

  const desk = () => browser.newPage({ locale: 'ja-JP', viewport: { width: 1366, height: 768 } });
  const phone = () => browser.newPage({ locale: 'ja-JP', viewport: { width: 390, height: 844 } });

  it('HQ searches the inbox by school name, claims the case and finds it under "only mine"', async () => {
    const page = await desk();
    await signIn(page, 'hq@example.test');
    await page.goto(`${base}/inbox`);
    await page.getByLabel('検索（訓練校名・訓練科・訓練生の氏名など）').fill('城南建築');
    await page.getByRole('button', { name: '検索' }).click();
    await page.waitForURL(/q=/);
    const rows = page.locator('table.inbox tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('城南建築職業訓練校');
    await shot(page, '1-inbox-search');
    await rows.first().getByRole('button', { name: /担当になる/ }).click();
    await page.waitForURL(/q=/);
    expect(await page.locator('table.inbox tbody tr').first().innerText()).toContain('★ あなた');
    await page.getByLabel('自分が担当の案件だけ').check();
    await page.getByLabel('検索（訓練校名・訓練科・訓練生の氏名など）').fill('');
    await page.getByRole('button', { name: '検索' }).click();
    await page.waitForURL(/mine=1/);
    const mine = page.locator('table.inbox tbody tr');
    expect(await mine.count()).toBe(1);
    expect(await mine.first().locator('a').first().getAttribute('href')).toBe(`/cases/${neighbourCase}`);
    await shot(page, '2-inbox-mine');
    await page.close();
  });

  it('the centre opens on its region and finds a trainee; at 390 px the rows are cards', async () => {
    const page = await phone();
    await signIn(page, 'center@example.test');
    await page.goto(`${base}/inbox`);
    expect(await page.locator('nav.tabs a[aria-current=page]').innerText()).toContain('管内の進行中の案件');
    await page.getByLabel('検索（訓練校名・訓練科・訓練生の氏名など）').fill('髙橋');
    await page.getByRole('button', { name: '検索' }).click();
    await page.waitForURL(/q=/);
    const rows = page.locator('table.inbox tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('試験実施予定日');
    // A card: the row is as wide as the page, its cells stacked.
    const box = (await rows.first().boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    await noSidewaysScroll(page, 390);
    await shot(page, '3-inbox-center-390');
    await page.close();
  });

  it('the school dashboard separates its own work from what waits on HQ and says what a missed hard deadline means', async () => {
    const page = await desk();
    await signIn(page, 'school@example.test');
    await page.goto(`${base}/school`);
    const todo = page.locator('section[aria-labelledby=h-todo]');
    const waiting = page.locator('section[aria-labelledby=h-waiting]');
    expect(await todo.locator('h2').innerText()).toMatch(/^あなたの対応が必要なもの（\d+件）$/);
    expect(await waiting.locator('h2').innerText()).toBe('本庁・センターの対応待ち（2件）');
    expect(await todo.innerText()).toContain('厳守の期限のため、このままでは提出しても受理されません。');
    expect(await waiting.locator('.status-overdue').count()).toBe(0);
    await shot(page, '4-dashboard');
    await page.close();
  });

  it('the case list searches every case for an analyst, as cards at 390 px', async () => {
    for (const [make, width, name] of [[desk, 1366, '7-case-list-1366'], [phone, 390, '8-case-list-390']] as const) {
      const page = await make();
      await signIn(page, 'analyst@example.test');
      await page.goto(`${base}/cases`);
      expect(await page.locator('table.case-list tbody tr').count()).toBe(6);
      await page.getByLabel('検索（案件名・訓練校名・訓練科・訓練生の氏名など）').fill('建築施工');
      await page.getByRole('button', { name: '検索' }).click();
      await page.waitForURL(/q=/);
      expect(await page.locator('table.case-list tbody tr').count()).toBe(1);
      await noSidewaysScroll(page, width);
      await shot(page, name);
      await page.close();
    }
  });

  it('the case page shows the state, who acts, the next deadline and the actions on the first screen, at 1366 and 390 px', async () => {
    for (const [make, width, name] of [[desk, 1366, '5-case-1366'], [phone, 390, '6-case-390']] as const) {
      const page = await make();
      await signIn(page, 'school@example.test');
      await page.goto(`${base}/cases/${noticed}`);
      await page.screenshot({ path: `/tmp/work-${name}-top.png` });
      const state = (await page.locator('#h-state').boundingBox())!;
      const actions = (await page.locator('#h-actions').boundingBox())!;
      expect(state.y).toBeLessThan(300);
      expect(actions.y).toBeLessThan(width === 1366 ? 768 : 844 * 1.5);
      expect(await page.locator('details.diagram-box').getAttribute('open')).toBeNull();
      await page.locator('details.diagram-box summary').click();
      const diagram = (await page.locator('.diagram').boundingBox())!;
      expect(diagram.width).toBeLessThanOrEqual(width);
      await noSidewaysScroll(page, width);
      await shot(page, name);
      await page.close();
    }
  });
});
