/** The statistics bar chart: largest first, at most the limit, the scale and the empty chart (pure, no server). */
import { describe, expect, it } from 'vitest';
import { barChart, topBars } from '../../src/web/statistics/chart.js';

const bars = (svg: string) => [...svg.matchAll(/<g class="bar" data-label="([^"]+)" data-value="([^"]*)">/g)].map((m) => [m[1], m[2]]);

describe('statistics chart', () => {
  it('keeps the largest bars up to the limit, ties by name, no value last', () => {
    const many = Array.from({ length: 45 }, (_, i) => ({ label: `訓練校${String(i).padStart(2, '0')}`, value: i % 9 }));
    const top = topBars([...many, { label: '値なし校', value: null }], 30);
    expect(top).toHaveLength(30);
    expect(top[0]).toEqual({ label: '訓練校08', value: 8 });
    expect(top.map((b) => b.value)).toEqual([...top.map((b) => b.value)].sort((a, b) => (b ?? -1) - (a ?? -1)));
    expect(top.some((b) => b.value === null)).toBe(false);
    expect(topBars([{ label: 'い', value: 1 }, { label: 'あ', value: 1 }, { label: 'う', value: null }], 30).map((b) => b.label)).toEqual(['あ', 'い', 'う']);
  });

  it('draws one bar per group, scaled to the largest count or to 100 %, escaped', () => {
    const svg = barChart({ id: 'c', title: '受検者数（訓練校別）', bars: [{ label: 'A&B', value: 4 }, { label: 'C', value: 2 }], scale: 'count', unit: '' });
    expect(bars(svg)).toEqual([['A&amp;B', '4'], ['C', '2']]);
    expect(svg).toContain('data-max="4"');
    expect(svg).toContain('width="50.00%"');
    expect(barChart({ id: 'p', title: '合格率', bars: [{ label: 'A', value: 50 }], scale: 'percent', unit: '%' })).toContain('data-max="100"');
    expect(barChart({ id: 'e', title: '空', bars: [], scale: 'count', unit: '' })).toContain('集計する案件がありません');
  });
});
