/**
 * A real browser on the web pages (Debian's chromium through playwright-core): the world's web app served on a
 * free port of 127.0.0.1, a mailbox that keeps the sign-in mails, and a sign-in through the e-mailed link as a
 * person does it. Browser tests skip only when chromium is absent and CI is not 'true' (CI must run them).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { chromium, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core';
import { createMailboxTransport } from '../../src/notify/transport.js';
import { webAppFor } from '../web/harness.js';
import type { World } from './world.js';

export const CHROMIUM = '/usr/bin/chromium';
export const browserEnabled = existsSync(CHROMIUM) || process.env.CI === 'true';

export type SignedIn = Awaited<ReturnType<BrowserContext['storageState']>>;

/** Serves the world's web app and launches chromium; `close` ends both (the world is the caller's to close). */
export async function openSite(w: World, launch: LaunchOptions = {}) {
  const mailbox = createMailboxTransport(mkdtempSync(join(tmpdir(), 'swe-mailbox-')), 'test <no-reply@localhost>');
  // The app needs the server's address for the links it mails, so it is made once the port is known.
  let app: ReturnType<typeof webAppFor> | null = null;
  const server = serve({ fetch: (req) => app!.fetch(req), port: 0, hostname: '127.0.0.1' });
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app = webAppFor(w, mailbox, base);
  const browser = await chromium
    .launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'], ...launch })
    .catch(async (err: unknown) => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw err;
    });

  /** Signs in through the e-mailed one-time link; waits for `landing` (a path) or for any page past the sign-in. */
  async function signIn(page: Page, email: string, landing?: string) {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByRole('button', { name: 'ログイン用リンクを送信' }).click();
    await page.getByRole('status').getByText('送信しました').waitFor();
    const mail = mailbox.list().filter((m) => m.to.includes(email)).at(-1)!;
    const link = /https?:\/\/\S+\/auth\/link\?\S+/.exec(mail.text)![0];
    await page.goto(link);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    if (landing) await page.waitForURL(`${base}${landing}`);
    else await page.waitForURL((url) => !url.pathname.startsWith('/sign-in') && !url.pathname.startsWith('/auth'));
  }

  return {
    browser,
    base,
    mailbox,
    signIn,
    /** Signs in once and keeps the session, so each test opens its pages already signed in. */
    async signedIn(email: string, landing?: string): Promise<SignedIn> {
      const context = await browser.newContext({ locale: 'ja-JP' });
      await signIn(await context.newPage(), email, landing);
      const storage = await context.storageState();
      await context.close();
      return storage;
    },
    /** A page in a context of its own (Japanese locale); close it with `page.context().close()`. */
    async page(viewport: { width: number; height: number }, storageState?: SignedIn): Promise<Page> {
      const context = await browser.newContext({ locale: 'ja-JP', viewport, storageState });
      return context.newPage();
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Site = Awaited<ReturnType<typeof openSite>>;
