/**
 * The days-late distribution of one deadline as a server-rendered SVG bar chart: one bar per day late (or per
 * range of days when they spread wide), counts on a labelled axis, the median and 90th percentile marked, a
 * legend, and every bar titled in words (so the chart never relies on reading bar heights). Pure.
 */
import { median, percentile } from './overlays.js';

export interface LateBin {
  from: number;
  to: number;
  count: number;
}

const MAX_BARS = 30;

/** Bins of whole days: one per day up to 30 days, else equal ranges of days (at most 30 bars); empty bins kept. */
export function lateBins(days: number[]): LateBin[] {
  if (!days.length) return [];
  // From day 1 (day 0 when some were filed on the day itself), over at least 10 days, so one late filing is one
  // bar among days and not a block.
  const lo = Math.min(1, ...days);
  const hi = Math.max(lo + 9, ...days);
  const width = Math.max(1, Math.ceil((hi - lo + 1) / MAX_BARS));
  const bins: LateBin[] = [];
  for (let from = lo; from <= hi; from += width) bins.push({ from, to: Math.min(hi, from + width - 1), count: 0 });
  for (const d of days) bins[Math.min(bins.length - 1, Math.floor((Math.max(lo, d) - lo) / width))]!.count++;
  return bins;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const range = (b: LateBin) => (b.from === b.to ? `${b.from}日` : `${b.from}〜${b.to}日`);

/** A tidy axis maximum and step for counts (1, 2, 5 × 10^k). */
function niceAxis(max: number): { top: number; step: number } {
  if (max <= 5) return { top: Math.max(1, max), step: 1 };
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  return { top: Math.ceil(max / step) * step, step };
}

export function lateHistogramSvg(title: string, days: number[]): string {
  const bins = lateBins(days);
  // Narrow enough that its words stay readable when a 390 px phone scales it down.
  const W = 420;
  const H = 280;
  const left = 50;
  const right = 10;
  const top = 14;
  const bottom = 86;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const { top: yMax, step } = niceAxis(Math.max(0, ...bins.map((b) => b.count)));
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const bw = plotW / Math.max(1, bins.length);
  const lo = bins[0]?.from ?? 1;
  const width = bins[0] ? bins[0].to - bins[0].from + 1 : 1;
  // x of a number of days (the middle of its bin's share of the bar).
  const xOf = (d: number) => left + ((d - lo + 0.5) / (width * bins.length)) * plotW;
  const med = days.length ? median(days) : null;
  const p90 = days.length ? percentile(days, 0.9) : null;
  const parts: string[] = [];
  const summary = `${title}：遅れた届出 ${days.length}件${med !== null ? `、中央値 ${med}日、90%点 ${p90!.toFixed(1)}日、最大 ${Math.max(...days)}日` : ''}`;
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="late-histogram" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(summary)}" font-family="sans-serif" font-size="14">`);
  parts.push(`<title>${esc(summary)}</title>`);
  // Grid and count axis.
  for (let v = 0; v <= yMax; v += step) {
    parts.push(`<line x1="${left}" x2="${W - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${v === 0 ? '#374151' : '#e5e7eb'}"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" fill="#374151">${v}</text>`);
  }
  parts.push(`<text transform="translate(20 ${top + plotH / 2}) rotate(-90)" text-anchor="middle" fill="#111827">件数</text>`);
  // Bars, each titled.
  const labelEvery = Math.ceil(bins.length / 12);
  bins.forEach((b, i) => {
    const x = left + i * bw;
    const h = y(0) - y(b.count);
    parts.push(
      `<g class="late-bar" data-days="${b.from}-${b.to}" data-count="${b.count}"><title>${esc(`${range(b)}遅れ：${b.count}件`)}</title>` +
        `<rect x="${(x + 1).toFixed(1)}" y="${y(b.count).toFixed(1)}" width="${Math.max(1, bw - 2).toFixed(1)}" height="${Math.max(0, h).toFixed(1)}" fill="#f87171" stroke="#b91c1c" stroke-width="0.5"/></g>`,
    );
    if (i % labelEvery === 0) parts.push(`<text x="${(x + bw / 2).toFixed(1)}" y="${(y(0) + 16).toFixed(1)}" text-anchor="middle" fill="#374151">${b.from === b.to ? b.from : `${b.from}-`}</text>`);
  });
  parts.push(`<text x="${left + plotW / 2}" y="${(y(0) + 36).toFixed(1)}" text-anchor="middle" fill="#111827">遅れた日数（日）</text>`);
  // Median and 90th percentile marks.
  const mark = (v: number, color: string, dash: string) =>
    `<line x1="${xOf(v).toFixed(1)}" x2="${xOf(v).toFixed(1)}" y1="${top}" y2="${y(0).toFixed(1)}" stroke="${color}" stroke-width="2" stroke-dasharray="${dash}"/>`;
  if (med !== null) parts.push(mark(med, '#1d4ed8', '6 3'));
  if (p90 !== null) parts.push(mark(p90, '#7c3aed', '2 3'));
  // Legend: the bars on one line, the two marks on the next.
  const l1 = H - 30;
  const l2 = H - 8;
  parts.push(`<rect x="${left}" y="${l1 - 11}" width="16" height="11" fill="#f87171" stroke="#b91c1c" stroke-width="0.5"/><text x="${left + 22}" y="${l1}" fill="#111827">遅れた届出の件数（棒）</text>`);
  if (med !== null) parts.push(`<line x1="${left}" x2="${left + 24}" y1="${l2 - 5}" y2="${l2 - 5}" stroke="#1d4ed8" stroke-width="2" stroke-dasharray="6 3"/><text x="${left + 30}" y="${l2}" fill="#111827">中央値 ${med}日</text>`);
  if (p90 !== null) parts.push(`<line x1="${left + 170}" x2="${left + 194}" y1="${l2 - 5}" y2="${l2 - 5}" stroke="#7c3aed" stroke-width="2" stroke-dasharray="2 3"/><text x="${left + 200}" y="${l2}" fill="#111827">90%点 ${p90!.toFixed(1)}日</text>`);
  parts.push('</svg>');
  return parts.join('');
}
