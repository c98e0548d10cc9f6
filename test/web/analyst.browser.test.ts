/**
 * The analyst pages in a real browser (Debian's chromium): every registered procedure's diagram page at 1366 and
 * 1920 px (screenshots /tmp/analyst-<id>-<width>.png, looked at), zoom with the buttons, a click on a state opens
 * its case list, overlays switch with their legend, a selected path is drawn. Skipped only when chromium is absent and CI is not 'true'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserEnabled, openSite, type SignedIn, type Site } from '../support/browser.js';
import { makeWorld, type World } from '../support/world.js';
import { caseIn } from './fixtures.js';

let w: World;
let site: Site;
let base: string;
let storage: SignedIn;

const analystPage = (width: number, height: number) => site.page({ width, height }, storage);

describe.skipIf(!browserEnabled)('analyst diagrams in a browser', () => {
  beforeAll(async () => {
    w = await makeWorld('2026-10-01T10:00:00+09:00');
    for (const state of ['questionsDrafting', 'questionReview', 'questionReview', 'preparing'] as const) await caseIn(w, state);
    site = await openSite(w);
    base = site.base;
    storage = await site.signedIn('analyst@example.test', '/analyst');
  });
  afterAll(async () => {
    await site?.close();
    await w?.database.close();
  });

  it('draws every procedure at 1366 and 1920 px, fitted to the width, labels at a readable size', async () => {
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      const page = await analystPage(width, height);
      for (const d of w.registry.list()) {
        await page.goto(`${base}/analyst/procedures/${d.id}`);
        const box = page.locator('div.diagram[data-diagram]');
        await box.locator('svg').waitFor();
        await expect.poll(() => box.getAttribute('data-ready')).toBe('true');
        // Fitted: the diagram never spills out of the page, and text is drawn at 60 % of its size or more (>= 7.5 px).
        const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
        expect(fits, `${d.id} at ${width}`).toBe(true);
        const zoom = Number(await box.getAttribute('data-zoom'));
        expect(zoom, `${d.id} zoom at ${width}`).toBeGreaterThanOrEqual(0.6);
        const boxWidth = await box.evaluate((el) => el.clientWidth);
        expect(boxWidth).toBeGreaterThan(width * 0.85);
        await page.screenshot({ path: `/tmp/analyst-${d.id}-${width}.png` });
      }
      await page.context().close();
    }
  });

  it('works on a 390 px phone: no sideways scrolling of the page, the diagram pans inside its box', async () => {
    const page = await analystPage(390, 844);
    await page.goto(`${base}/analyst/procedures/suspension`);
    const box = page.locator('div.diagram[data-diagram]');
    await expect.poll(() => box.getAttribute('data-ready')).toBe('true');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const before = await box.locator('svg').getAttribute('viewBox');
    await box.focus();
    await page.keyboard.press('ArrowRight');
    expect(await box.locator('svg').getAttribute('viewBox')).not.toBe(before);
    await box.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/analyst-suspension-390.png' });
    await page.context().close();
  });

  it('zooms with the buttons, opens a state\'s case list by a click, and switches overlays', async () => {
    const page = await analystPage(1366, 768);
    await page.goto(`${base}/analyst/procedures/skill-check`);
    const box = page.locator('div.diagram[data-diagram]');
    await expect.poll(() => box.getAttribute('data-ready')).toBe('true');
    const before = Number(await box.getAttribute('data-zoom'));
    await page.getByRole('button', { name: '拡大' }).click();
    await page.getByRole('button', { name: '拡大' }).click();
    const after = Number(await box.getAttribute('data-zoom'));
    expect(after).toBeGreaterThan(before * 1.4);
    await page.screenshot({ path: '/tmp/analyst-zoomed-1366.png' });
    await page.getByRole('button', { name: '幅に合わせる' }).click();
    // A click on the state 試験問題審査中 opens the list of the two cases in it.
    await page.locator('g.state[data-state="questionReview"] a').click();
    await page.waitForURL(/\/analyst\/procedures\/skill-check\/cases\?state=questionReview/);
    await expect.poll(() => page.locator('#case-list tbody tr').count()).toBe(2);
    await page.screenshot({ path: '/tmp/analyst-cases-1366.png', fullPage: true });
    await page.goBack();
    await page.locator('a[data-overlay="overdue"]').click();
    await page.waitForURL(/overlay=overdue/);
    await page.locator('[data-legend="overdue"]').waitFor();
    await page.locator('a[data-overlay="share"]').click();
    await page.waitForURL(/overlay=share/);
    expect(await page.locator('[data-legend="share"]').innerText()).toContain('線の太さ');
    await page.screenshot({ path: '/tmp/analyst-share-1366.png' });
    // Select the path most cases took: its states are filled on the diagram.
    await page.getByRole('link', { name: '経路1を図に表示' }).click();
    await page.waitForURL(/path=1/);
    await expect.poll(() => page.locator('g.state rect[fill="#fde68a"]').count()).toBeGreaterThan(1);
    await page.screenshot({ path: '/tmp/analyst-path-1366.png' });
    await page.locator('a[data-overlay="lateness"]').click();
    await page.waitForURL(/overlay=lateness/);
    await page.locator('[data-legend="lateness"]').waitFor();
    await page.screenshot({ path: '/tmp/analyst-lateness-1366.png' });
    await page.context().close();
  });
});
