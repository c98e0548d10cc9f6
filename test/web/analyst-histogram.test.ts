/** The days-late histogram of the lateness section: bins of whole days, titled bars, Japanese axis and legend. */
import { describe, expect, it } from 'vitest';
import { lateBins, lateHistogramSvg } from '../../src/web/analyst/histogram.js';

describe('days-late histogram', () => {
  it('bins whole days from day 1 over at least ten days, and wider ranges when days spread past thirty', () => {
    const bins = lateBins([2, 2, 5]);
    expect(bins).toHaveLength(10);
    expect(bins[1]).toEqual({ from: 2, to: 2, count: 2 });
    expect(bins[4]).toEqual({ from: 5, to: 5, count: 1 });
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(3);
    const wide = lateBins([1, 45, 90]);
    expect(wide.length).toBeLessThanOrEqual(30);
    expect(wide.reduce((n, b) => n + b.count, 0)).toBe(3);
    expect(wide.at(-1)!.to).toBe(90);
    expect(lateBins([])).toEqual([]);
    expect(lateBins([0, 3])[0]).toEqual({ from: 0, to: 0, count: 1 });
  });

  it('draws one titled bar per bin with the counts, axes, median, 90th percentile and a legend in Japanese', () => {
    const svg = lateHistogramSvg('合格証書の交付', [1, 1, 2, 4]);
    expect(svg.startsWith('<svg')).toBe(true);
    const bars = [...svg.matchAll(/<g class="late-bar" data-days="(\d+)-(\d+)" data-count="(\d+)"><title>([^<]+)<\/title>/g)];
    expect(bars).toHaveLength(10);
    expect(bars[0]![3]).toBe('2');
    expect(bars[0]![4]).toBe('1日遅れ：2件');
    expect(bars[3]![4]).toBe('4日遅れ：1件');
    for (const word of ['件数', '遅れた日数（日）', '遅れた届出の件数（棒）', '中央値 1.5日', '90%点 3.4日']) expect(svg).toContain(word);
    expect(svg).toContain('aria-label="合格証書の交付：遅れた届出 4件、中央値 1.5日、90%点 3.4日、最大 4日"');
    // No markup as text, no NaN from an empty scale.
    expect(svg).not.toMatch(/NaN|undefined|&lt;/);
  });
});
