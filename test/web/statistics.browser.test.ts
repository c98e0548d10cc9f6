/**
 * The statistics page in a real browser (Debian's chromium) at 1366 and 390 px on the hand-counted data set: the
 * page never spills sideways, chart text is drawn at 13 px or more, every bar's name and value lie inside its
 * chart and do not overlap, and the per-centre charts open from the link. Screenshots /tmp/statistics-<width>.png
 * (looked at) and docs/screenshots/statistics-1366.png. Skipped only when chromium is absent and CI is not 'true'.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserEnabled, openSite, type SignedIn, type Site } from '../support/browser.js';
import { makeWorld, type World } from '../support/world.js';
import { seedStatistics } from './statistics-world.js';

const DOCS = new URL('../../docs/screenshots/', import.meta.url).pathname;

let w: World;
let site: Site;
let base: string;
let storage: SignedIn;

/** Per chart: its width, and each bar's label and value boxes (relative to the chart), and the smallest font size. */
async function chartGeometry(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<SVGSVGElement>('svg.bar-chart')).map((svg) => {
      const box = svg.getBoundingClientRect();
      const rel = (e: Element) => {
        const r = e.getBoundingClientRect();
        return { left: r.left - box.left, right: r.right - box.left, top: r.top - box.top, bottom: r.bottom - box.top };
      };
      const bars = Array.from(svg.querySelectorAll('g.bar')).map((g) => ({ label: rel(g.querySelector('text.label')!), value: rel(g.querySelector('text.value')!) }));
      const fonts = Array.from(svg.querySelectorAll('text')).map((t) => parseFloat(getComputedStyle(t).fontSize));
      return { width: box.width, bars, minFont: Math.min(...fonts) };
    }),
  );
}

describe.skipIf(!browserEnabled)('statistics in a browser', () => {
  beforeAll(async () => {
    w = await makeWorld('2026-09-01T09:00:00+09:00');
    await seedStatistics(w);
    site = await openSite(w);
    base = site.base;
    storage = await site.signedIn('hq@example.test');
  }, 180_000);
  afterAll(async () => {
    await site?.close();
    await w?.database.close();
  });

  it('is readable at 1366 and 390 px: no sideways spill, chart text 13 px or more, names and values inside their charts', async () => {
    for (const [width, height] of [
      [1366, 768],
      [390, 844],
    ] as const) {
      const page = await site.page({ width, height }, storage);
      await page.goto(`${base}/statistics`);
      await page.getByRole('link', { name: '技能照査', exact: true }).click();
      await page.waitForURL(/\/statistics\/skill-check/);
      await page.getByRole('heading', { name: /統計：技能照査/ }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${width}px: no sideways scroll`).toBe(true);
      const charts = await chartGeometry(page);
      expect(charts.length).toBe(8);
      for (const c of charts) {
        expect(c.minFont).toBeGreaterThanOrEqual(13);
        expect(c.width).toBeLessThanOrEqual(width);
        for (const b of c.bars) {
          expect(b.label.left).toBeGreaterThanOrEqual(0);
          expect(b.label.right).toBeLessThanOrEqual(c.width + 0.5);
          expect(b.value.right).toBeLessThanOrEqual(c.width + 0.5);
          // The value sits on the bar's line, below the name.
          expect(b.value.top).toBeGreaterThanOrEqual(b.label.bottom - 2);
        }
      }
      // Two charts side by side at 1366, one per row on a phone.
      const lefts = await page.locator('.stat-charts figure').evaluateAll((els) => [...new Set(els.map((e) => Math.round(e.getBoundingClientRect().left)))]);
      expect(lefts.length).toBe(width === 1366 ? 2 : 1);
      // The cards of the tables on a phone fit the page too (no hidden overflow inside their scroller).
      const clipped = await page.locator('.table-scroll').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
      expect(clipped, `${width}px: tables wider than the page`).toBe(0);
      await page.screenshot({ path: `/tmp/statistics-top-${width}.png` });
      if (width === 1366) {
        mkdirSync(DOCS, { recursive: true });
        // The filters, the totals and the charts: the top 1,650 px of the page.
        await page.screenshot({ path: join(DOCS, 'statistics-1366.png'), fullPage: true, clip: { x: 0, y: 0, width: 1366, height: 1650 } });
      }
      await page.screenshot({ path: `/tmp/statistics-${width}.png`, fullPage: true });
      await page.locator('#charts').screenshot({ path: `/tmp/statistics-charts-${width}.png` });
      await page.locator('table[data-level="school"]').screenshot({ path: `/tmp/statistics-schools-${width}.png` });
      await page.context().close();
    }
  });

  it('narrows to one school from the form: its total, its courses, the filter kept for the exports', async () => {
    const page = await site.page({ width: 390, height: 844 }, storage);
    await page.goto(`${base}/statistics/skill-check?fy=2026`);
    await page.getByLabel('訓練校', { exact: true }).selectOption({ label: '東京都機械職業訓練校' });
    await page.getByRole('button', { name: '集計する' }).click();
    await page.waitForURL(/school=/);
    expect(new URL(page.url()).searchParams.get('school')).toBe(w.orgs.school.id);
    await page.getByRole('heading', { name: '合計（東京都機械職業訓練校）' }).waitFor();
    expect(await page.locator('li[data-figure="examinees"] .v').textContent()).toBe('5');
    expect(await page.getByRole('link', { name: /CSV で出力/ }).getAttribute('href')).toContain(`school=${w.orgs.school.id}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: '/tmp/statistics-school-390.png', fullPage: true });
    await page.context().close();
  });

  it('switches the charts to per centre, keeping the filters', async () => {
    const page = await site.page({ width: 1366, height: 768 }, storage);
    await page.goto(`${base}/statistics/skill-check?fy=2026&center=${w.orgs.center.id}`);
    await page.getByRole('link', { name: 'センター別' }).click();
    await page.waitForURL(/by=center/);
    expect(new URL(page.url()).searchParams.get('center')).toBe(w.orgs.center.id);
    const bars = await page.locator('figure[data-chart="examinees"] g.bar').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-label'), g.getAttribute('data-value')]));
    expect(bars).toEqual([['城南職業能力開発センター', '7']]);
    await page.context().close();
  });
});
