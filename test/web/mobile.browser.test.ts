/**
 * The pages at 390 px (a phone held upright) in a real browser: no page scrolls sideways, tables become cards
 * (no one-character columns), and an error page is Japanese with a way back. Screenshots go to
 * test-artifacts/mobile-*.png. Skipped only when chromium is absent and CI is not 'true'.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailboxTransport } from '../../src/notify/transport.js';
import { makeWorld, type World } from '../support/world.js';
import { caseIn } from './fixtures.js';
import { webAppFor } from './harness.js';

const CHROMIUM = '/usr/bin/chromium';
const enabled = existsSync(CHROMIUM) || process.env.CI === 'true';
const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const WIDTH = 390;

let w: World;
let browser: Browser;
let server: ServerType;
let base: string;
let mailbox: ReturnType<typeof createMailboxTransport>;

async function signIn(page: Page, email: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByRole('button', { name: 'ログイン用リンクを送信' }).click();
  await page.getByRole('status').getByText('送信しました').waitFor();
  const mail = mailbox.list().filter((m) => m.to.includes(email)).at(-1)!;
  await page.goto(/https?:\/\/\S+\/auth\/link\?\S+/.exec(mail.text)![0]);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

/** The page fits the width, and every visible table cell is wide enough for a word, not one character. */
async function fits(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `mobile-${name}.png`), fullPage: true });
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `${name} scrolls sideways`).toBeLessThanOrEqual(WIDTH);
  const narrow = await page.$$eval('td, th', (cells) =>
    cells
      .filter((c) => {
        const r = c.getBoundingClientRect();
        // Cells inside a scrolling container are read by scrolling, a card table's header is for screen readers
        // only and an empty row (a day without deadlines: one line with a dash) has no columns; the others must
        // be readable as they are.
        return r.width > 0 && r.height > 0 && !c.closest('.table-scroll') && !c.closest('table.cards thead') && !c.closest('table.cards tr.empty') && r.width < 64;
      })
      .map((c) => `${c.tagName} ${Math.round(c.getBoundingClientRect().width)}px: ${(c.textContent ?? '').trim().slice(0, 20)}`),
  );
  expect(narrow, `${name} has narrow columns`).toEqual([]);
}

describe.skipIf(!enabled)('pages at 390 px', () => {
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
    for (const state of ['questionsDrafting', 'questionReview', 'questionReview', 'preparing'] as const) await caseIn(w, state);
    await caseIn(w, 'questionReview', w.users.neighbour.principal);
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await w?.database.close();
  });

  const phone = () => browser.newPage({ locale: 'ja-JP', viewport: { width: WIDTH, height: 844 }, deviceScaleFactor: 1 });

  it('HQ inbox, a case page and an error page', async () => {
    const page = await phone();
    await signIn(page, 'hq@example.test');
    await page.waitForURL(`${base}/inbox`);
    await fits(page, '1-inbox-hq');
    await page.locator('table.cards a').first().click();
    await page.waitForURL(/\/cases\//);
    await fits(page, '2-case-hq');
    await page.goto(`${base}/no-such-page`);
    expect(await page.locator('h1').innerText()).toBe('ページが見つかりません');
    await fits(page, '3-error-404');
    await page.close();
  });

  it("the school's dashboard and a case page with a form", async () => {
    const page = await phone();
    await signIn(page, 'school@example.test');
    await page.waitForURL(`${base}/school`);
    await fits(page, '4-school-dashboard');
    const preparing = (await w.engine.listCases(w.users.school.principal, { state: 'preparing' }))[0]!;
    await page.goto(`${base}/cases/${preparing.id}`);
    // The form the current deadline names opens by itself; open it only if it is not.
    const form = page.locator('#form-IMPLEMENTATION_NOTICE_FILED');
    if ((await form.getAttribute('open')) === null) await form.locator('> summary').click();
    expect(await form.getAttribute('open')).not.toBeNull();
    await fits(page, '5-case-school-form');
    await page.close();
  });

  it('the analyst pages', async () => {
    const page = await phone();
    await signIn(page, 'analyst@example.test');
    await page.waitForURL(`${base}/analyst`);
    await fits(page, '6-analyst');
    await page.goto(`${base}/analyst/procedures/skill-check`);
    await fits(page, '7-analyst-procedure');
    await page.close();
  });
});
