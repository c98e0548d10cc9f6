/**
 * `npm run screenshots`: the pages each role works with, on the demo data, as PNGs in docs/screenshots/ (the
 * README shows them). A fresh embedded database in a temporary directory, the clock pinned (NOW, default
 * 2026-12-02 10:00 Tokyo) so the pictures are the same from run to run, Debian's chromium through playwright-core.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/demo.js';
import { createLogger } from '../src/logger.js';
import { startServer } from '../src/server.js';

const OUT = join(process.cwd(), 'docs', 'screenshots');
const port = 3900 + Math.floor(Math.random() * 90);
const publicUrl = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'swe-shots-'));
const config = loadConfig({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: publicUrl, NOW: process.env.NOW ?? '2026-12-02T10:00:00+09:00', LOG_LEVEL: 'warn' });
const running = await startServer(config, { logger: createLogger('warn'), runScheduler: false });
const demo = await seedDemo({ db: running.database.db, clock: running.clock, publicUrl });
mkdirSync(OUT, { recursive: true });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });

async function signedIn(role: string): Promise<Page> {
  const user = demo.users.find((u) => u.role === role)!;
  const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1366, height: 900 } });
  await page.goto(user.signInUrl!);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/auth/link')), page.getByRole('button', { name: 'ログイン', exact: true }).click()]);
  return page;
}

async function shoot(page: Page, path: string, name: string, widths = [1366]) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: width > 1000 ? 900 : 844 });
    await page.goto(`${publicUrl}${path}`);
    // The first screen, as a person opening the page sees it (full pages of long lists are megabytes).
    await page.screenshot({ path: join(OUT, `${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

/** The first case link on a page (a list of cases). */
const firstCase = async (page: Page, path: string) => {
  await page.goto(`${publicUrl}${path}`);
  return page.locator('a[href^="/cases/"]').first().getAttribute('href');
};

try {
  const school = await signedIn('school');
  await shoot(school, '/school', 'school-dashboard', [1366, 390]);
  const schoolCase = await firstCase(school, '/school');
  if (schoolCase) await shoot(school, schoolCase, 'school-case', [1366, 390]);

  const hq = await signedIn('hq');
  await shoot(hq, '/inbox', 'hq-inbox', [1366, 390]);
  const hqCase = await firstCase(hq, '/inbox');
  if (hqCase) await shoot(hq, hqCase, 'hq-case');
  await shoot(hq, '/settings', 'hq-settings');

  const center = await signedIn('center');
  await shoot(center, '/inbox', 'center-inbox');

  const analyst = await signedIn('analyst');
  await shoot(analyst, '/analyst', 'analyst');

  const admin = await signedIn('admin');
  for (const [path, name] of [['/admin', 'admin'], ['/cases', 'admin-cases']] as const) await shoot(admin, path, name);
  process.stdout.write(`screenshots in ${OUT}\n`);
} finally {
  await browser.close();
  await running.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
