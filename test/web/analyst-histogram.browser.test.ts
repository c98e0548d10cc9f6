/**
 * The days-late histogram on an analyst page, in a real browser (Debian's chromium) at 1366 and 390 px: three
 * abolition notices (様式4) filed 3, 8 and 18 days after the effective last day through the engine, the page's
 * lateness table and histogram for that deadline, one bar per day with the counts, the median and 90th percentile
 * in the legend, inside the page at both widths with text readable. Screenshots /tmp/analyst-histogram-<width>.png
 * (looked at). Skipped only when chromium is absent and CI is not 'true'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserEnabled, openSite, type SignedIn, type Site } from '../support/browser.js';
import { makeWorld, type World } from '../support/world.js';
import { TRAINING, payload } from '../machines/abolition-fixtures.js';

let w: World;
let site: Site;
let storage: SignedIn;

// 廃止年月日 2026-10-03: the notice is due 2026-11-03 (文化の日), effectively 2026-11-02.
const LATE = [
  ['school', '2026-11-05', { ...TRAINING, ka: '建築塗装' }],
  ['neighbour', '2026-11-10', { ...TRAINING, ka: '金属塗装' }],
  ['farSchool', '2026-11-20', { ...TRAINING, ka: '木工塗装' }],
] as const;

describe.skipIf(!browserEnabled)('the days-late histogram in a browser', () => {
  beforeAll(async () => {
    w = await makeWorld('2026-10-01T10:00:00+09:00');
    for (const [who, filedOn, training] of LATE) {
      const filer = w.users[who].principal;
      w.clock.set('2026-10-01T10:00:00+09:00');
      const c = await w.engine.createCase(filer, 'abolition', { trainings: [training], abolishedOn: '2026-10-03' });
      w.clock.set(`${filedOn}T10:00:00+09:00`);
      await w.engine.applyEvent(filer, c.id, { type: 'ABOLITION_FILED', data: payload({ trainings: [training] }) });
    }
    site = await openSite(w);
    storage = await site.signedIn('analyst@example.test', '/analyst');
  }, 180_000);
  afterAll(async () => {
    await site?.close();
    await w?.database.close();
  });

  it('shows the late filings per day with median and 90th percentile, readable at 1366 and 390 px', async () => {
    for (const [width, height] of [
      [1366, 768],
      [390, 844],
    ] as const) {
      const page = await site.page({ width, height }, storage);
      await page.goto(`${site.base}/analyst/procedures/abolition`);
      const figure = page.locator('figure.late-histogram-figure[data-deadline="abolitionNotice"]');
      await figure.scrollIntoViewIfNeeded();
      await expect.poll(() => figure.isVisible()).toBe(true);
      expect(await figure.textContent()).toContain('遅れた届出 3件');
      const svg = figure.locator('svg.late-histogram');
      expect(await svg.getAttribute('aria-label')).toBe('認定職業訓練廃止届：遅れた届出 3件、中央値 8日、90%点 16.0日、最大 18日');
      const bars = await svg.locator('g.late-bar').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-days'), Number(g.getAttribute('data-count'))] as const));
      expect(bars.filter(([, n]) => n > 0)).toEqual([['3-3', 1], ['8-8', 1], ['18-18', 1]]);
      expect(bars.reduce((n, [, c]) => n + c, 0)).toBe(3);
      // Inside the page, no sideways scroll; the drawn text is 9 px or more after scaling to the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${width}px`).toBe(true);
      const geometry = await svg.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const scale = box.width / (el as SVGSVGElement).viewBox.baseVal.width;
        const texts = Array.from(el.querySelectorAll('text'));
        const inside = texts
          .filter((t) => {
            const r = t.getBoundingClientRect();
            return !(r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5);
          })
          .map((t) => `${t.textContent} ${JSON.stringify(t.getBoundingClientRect())} in ${JSON.stringify(box)}`);
        return { width: box.width, minFont: Math.min(...texts.map((t) => parseFloat(t.getAttribute('font-size') ?? '14'))) * scale, inside };
      });
      expect(geometry.width).toBeLessThanOrEqual(width);
      expect(geometry.inside, `${width}px: every label inside the chart`).toEqual([]);
      expect(geometry.minFont, `${width}px: smallest text`).toBeGreaterThanOrEqual(9);
      for (const word of ['中央値 8日', '90%点 16.0日', '遅れた日数（日）']) expect(await svg.textContent()).toContain(word);
      // The lateness table beside it says the same in words.
      expect(await page.locator('#lateness').textContent()).toContain('認定職業訓練廃止届');
      await figure.screenshot({ path: `/tmp/analyst-histogram-${width}.png` });
      await page.screenshot({ path: `/tmp/analyst-histogram-page-${width}.png`, fullPage: true });
      await page.context().close();
    }
  });
});
