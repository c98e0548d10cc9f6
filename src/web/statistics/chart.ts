/**
 * A horizontal bar chart as a server-rendered SVG: one bar per school (or centre), each with its name on a line
 * of its own above the bar and its value beside the bar's end. Widths are percentages of the chart and the text
 * is in CSS pixels, so the chart fills any page width (1366 px or a 390 px phone) without shrinking its text.
 */
export interface Bar {
  label: string;
  value: number | null;
}

export interface BarChartOptions {
  /** The accessible name (also the SVG's <title>). */
  title: string;
  bars: Bar[];
  /** 'count': the scale runs to the largest value; 'percent': to 100. */
  scale: 'count' | 'percent';
  /** Shown after each value ('名', '%'). */
  unit: string;
  id: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const ROW = 44;
const LABEL = 16;
const BAR = 16;
const TOP = 6;

/** At most `limit` bars, largest first (no value last), ties by name in Japanese order: the chart of 200 schools stays readable. */
export function topBars(bars: Bar[], limit: number): Bar[] {
  return [...bars].sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.label.localeCompare(b.label, 'ja')).slice(0, limit);
}

/** A count as 1,234; a percentage (unit %) always with one decimal: 50.0%. */
export const formatValue = (v: number | null, unit: string) =>
  v === null ? '—' : `${unit === '%' ? v.toFixed(1) : Number.isInteger(v) ? v.toLocaleString('ja-JP') : v.toFixed(1)}${unit}`;

export function barChart(o: BarChartOptions): string {
  const max = o.scale === 'percent' ? 100 : Math.max(1, ...o.bars.map((b) => b.value ?? 0));
  const height = TOP + Math.max(1, o.bars.length) * ROW + 4;
  const rows = o.bars.map((b, i) => {
    const y = TOP + i * ROW;
    const pct = b.value === null ? 0 : Math.max(0, Math.min(100, (b.value / max) * 100));
    const w = pct.toFixed(2);
    // The value sits just past the bar's end, or inside it when the bar is long.
    const inside = pct > 80;
    const value = `<svg x="${w}%" y="${y + LABEL}" overflow="visible"><text class="value${inside ? ' inside' : ''}" x="${inside ? -6 : 6}" y="${BAR - 3}" text-anchor="${inside ? 'end' : 'start'}">${esc(formatValue(b.value, o.unit))}</text></svg>`;
    return (
      `<g class="bar" data-label="${esc(b.label)}" data-value="${b.value ?? ''}">` +
      `<text class="label" x="0" y="${y + LABEL - 4}">${esc(b.label)}</text>` +
      `<rect class="track" x="0" y="${y + LABEL}" width="100%" height="${BAR}"/>` +
      `<rect class="fill" x="0" y="${y + LABEL}" width="${w}%" height="${BAR}"><title>${esc(`${b.label}: ${formatValue(b.value, o.unit)}`)}</title></rect>` +
      value +
      `</g>`
    );
  });
  const empty = o.bars.length ? '' : `<text class="label" x="0" y="${TOP + LABEL}">集計する案件がありません</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" width="100%" height="${height}" role="img" aria-labelledby="${esc(o.id)}-title" data-scale="${o.scale}" data-max="${max}">` +
    `<title id="${esc(o.id)}-title">${esc(o.title)}</title>` +
    `<style>.label{font-size:14px;fill:#1f2937}.value{font-size:13px;font-weight:700;fill:#1f2937}.value.inside{fill:#fff}.track{fill:#f3f4f6}.fill{fill:#1d4ed8}</style>` +
    rows.join('') +
    empty +
    `</svg>`
  );
}
