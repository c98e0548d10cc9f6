/**
 * ProcedureGraph -> a self-contained SVG (our own drawing over the ELK layout; no browser, no web font).
 * Statechart notation, readable without colour: compound states are labelled containers; the initial state
 * has a black dot; final states a double border and 「（終了）」; ◆/◇ with the rule on the states that arm a
 * deadline; ↻ for a transition that stays in its state; deadline (timer) transitions dashed with a clock,
 * automatic ones dotted; ［条件］ on guarded ones; an event taken from many states once, as a lettered note.
 * Each state is a `<g class="state" data-state="path">` (`data-current="true"` on a case's state) and each
 * transition a `<g class="transition">`, optionally wrapped in links, so pages can link and script them.
 */
import type { GraphState, GraphTransition, ProcedureGraph, TransitionGroup } from './graph.js';
import { EDGE_FONT, FONT_SIZE, LINE_GAP, MARKER_ROW, PAD, SELF_MARK, edgeLabelLines, groupLines, layoutGraph, lineHeight, stateLines, textWidth, type Layout, type LayoutOptions, type Line, type PlacedEdge } from './layout.js';

export const FONT = `'Noto Sans CJK JP','Noto Sans JP','Hiragino Sans','Yu Gothic',system-ui,sans-serif`;

export interface SvgOptions extends LayoutOptions {
  /** Links (the analyst page): where a click on a state, a transition or a group leads. */
  links?: {
    state?: (s: GraphState) => string | null;
    transition?: (t: GraphTransition) => string | null;
    group?: (g: TransitionGroup) => string | null;
  };
  /** A fill per state (heatmap overlay); null keeps the plain fill. */
  heat?: (s: GraphState) => string | null;
  /** A stroke width per transition or group (share of cases that took it). */
  weight?: (e: GraphTransition | TransitionGroup) => number | null;
  /** States a case passed through (its page): filled, and marked `data-visited="true"`. */
  visited?: (s: GraphState) => boolean;
  /** Draw the legend below the diagram (exports); pages show their own. Default true. */
  legend?: boolean;
  /** A layout made earlier with the same sizing options (layoutKey), reused: the text is drawn from `opts`. */
  layout?: Layout;
}

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => Math.round(v * 10) / 10;

const COLOR = {
  text: '#1f2937',
  muted: '#4b5563',
  line: '#374151',
  hard: '#b91c1c',
  soft: '#92400e',
  timer: '#b45309',
  auto: '#6b7280',
  group: '#6d28d9',
  current: '#1d4ed8',
  currentFill: '#fef3c7',
  compoundFill: '#f8fafc',
  noteFill: '#faf5ff',
};

const LINE_FILL: Record<Line['style'], string> = {
  current: COLOR.current,
  title: COLOR.text,
  hard: COLOR.hard,
  soft: COLOR.soft,
  rule: COLOR.muted,
  internal: COLOR.text,
  'timer-internal': COLOR.timer,
  caption: COLOR.muted,
  figure: '#111827',
  note: COLOR.text,
};
const BOLD = new Set<Line['style']>(['current', 'title', 'hard', 'figure']);

function textLines(lines: Line[], x: number, top: number, anchor: 'middle' | 'start'): string {
  let y = top;
  return lines
    .map((l) => {
      const size = FONT_SIZE[l.style];
      y += lineHeight(l.style);
      const baseline = y - (LINE_GAP - 1) * size * 0.5 - size * 0.18;
      let text = l.text;
      let icon = '';
      // The loop arrow is drawn, not typed: Japanese fonts often lack the glyph.
      if (text.startsWith(SELF_MARK)) {
        const start = anchor === 'middle' ? x - textWidth(text, size) / 2 : x;
        icon = loopIcon(start + size * 0.5, baseline - size * 0.35, size * 0.38, LINE_FILL[l.style]);
        text = `\u3000${text.slice(SELF_MARK.length)}`;
      }
      return `${icon}<text x="${n(x)}" y="${n(baseline)}" font-size="${size}" text-anchor="${anchor}" fill="${LINE_FILL[l.style]}"${BOLD.has(l.style) ? ' font-weight="700"' : ''}>${escapeXml(text)}</text>`;
    })
    .join('');
}

/** A circular arrow: the state handles the event and stays. */
function loopIcon(cx: number, cy: number, r: number, color: string): string {
  const a = (deg: number) => [cx + r * Math.cos((deg * Math.PI) / 180), cy + r * Math.sin((deg * Math.PI) / 180)] as const;
  const [sx, sy] = a(-60);
  const [ex, ey] = a(250);
  return (
    `<path class="self-icon" d="M${n(sx)} ${n(sy)}A${n(r)} ${n(r)} 0 1 1 ${n(ex)} ${n(ey)}" fill="none" stroke="${color}" stroke-width="1.4"/>` +
    `<path d="M${n(ex - r * 0.55)} ${n(ey - r * 0.05)}L${n(ex)} ${n(ey)}L${n(ex + r * 0.1)} ${n(ey - r * 0.6)}" fill="none" stroke="${color}" stroke-width="1.4"/>`
  );
}

function markerCircle(cx: number, cy: number, letter: string, r = 9): string {
  return (
    `<circle cx="${n(cx)}" cy="${n(cy)}" r="${r}" fill="#ede9fe" stroke="${COLOR.group}" stroke-width="1.5"/>` +
    `<text x="${n(cx)}" y="${n(cy + r * 0.45)}" font-size="${r * 1.3}" font-weight="700" text-anchor="middle" fill="${COLOR.group}">${letter}</text>`
  );
}

function clockIcon(x: number, y: number, r = 6.5): string {
  return (
    `<g class="timer-icon" aria-hidden="true"><circle cx="${n(x)}" cy="${n(y)}" r="${r}" fill="#fff" stroke="${COLOR.timer}" stroke-width="1.6"/>` +
    `<path d="M${n(x)} ${n(y - r * 0.6)}V${n(y)}H${n(x + r * 0.55)}" fill="none" stroke="${COLOR.timer}" stroke-width="1.4"/></g>`
  );
}

const link = (href: string | null | undefined, title: string, body: string) =>
  href ? `<a href="${escapeXml(href)}"><title>${escapeXml(title)}</title>${body}</a>` : `<title>${escapeXml(title)}</title>${body}`;

function stateShape(layout: Layout, graph: ProcedureGraph, opts: SvgOptions, p: Layout['states'][number]): string {
  const s = p.state;
  const compound = graph.states.some((c) => c.parent === s.id);
  const current = opts.current === s.path;
  const hard = s.deadlines.some((d) => d.enforcement === 'hard');
  const visited = !compound && (opts.visited?.(s) ?? false);
  const heat = opts.heat?.(s) ?? (visited ? '#e0f2fe' : null);
  let stroke = COLOR.line;
  let width = 1.5;
  let dash = '';
  if (hard) {
    stroke = COLOR.hard;
    width = 2.5;
  } else if (s.deadlines.length) {
    stroke = COLOR.soft;
    width = 1.8;
    dash = ' stroke-dasharray="7 3"';
  }
  if (s.transient) dash = ' stroke-dasharray="3 3"';
  if (current) {
    stroke = COLOR.current;
    width = 4;
    dash = '';
  }
  const fill = heat ?? (current ? COLOR.currentFill : compound ? COLOR.compoundFill : '#ffffff');
  const r = compound ? 10 : 8;
  // The figures of this request (the layout was sized for the widest ones).
  const lines = stateLines(graph, s, opts);
  let body = `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.width)}" height="${n(p.height)}" rx="${r}" fill="${fill}" stroke="${stroke}" stroke-width="${width}"${dash}/>`;
  if (s.kind === 'final') body += `<rect x="${n(p.x + 4)}" y="${n(p.y + 4)}" width="${n(p.width - 8)}" height="${n(p.height - 8)}" rx="${r - 3}" fill="none" stroke="${stroke}" stroke-width="1.2"/>`;
  if (compound) {
    body += `<line x1="${n(p.x)}" y1="${n(p.y + p.header + 4)}" x2="${n(p.x + p.width)}" y2="${n(p.y + p.header + 4)}" stroke="${stroke}" stroke-width="1" stroke-opacity="0.5"/>`;
    body += textLines(lines, p.x + PAD + 4, p.y + PAD, 'start');
  } else {
    body += textLines(lines, p.x + p.width / 2, p.y + PAD, 'middle');
  }
  if (s.groups.length) {
    const y = compound ? p.y + p.header - MARKER_ROW / 2 + 2 : p.y + p.height - PAD - MARKER_ROW / 2 + 2;
    const startX = compound ? p.x + p.width - PAD - 12 - (s.groups.length - 1) * 24 : p.x + p.width / 2 - ((s.groups.length - 1) * 24) / 2;
    body += s.groups.map((m, i) => markerCircle(startX + i * 24, y, m)).join('');
  }
  const title = [s.label, ...s.deadlines.map((d) => `${d.enforcement === 'hard' ? '厳守期限' : '目安期限'}：${d.label}（${d.rule}）`)].join('\n');
  const attrs = [`class="state${compound ? ' compound' : ''}"`, `id="${escapeXml(`${graph.id}-state-${s.id}`)}"`, `data-state="${escapeXml(s.path)}"`, `data-kind="${s.kind}"`];
  if (current) attrs.push('data-current="true"');
  if (visited) attrs.push('data-visited="true"');
  void layout;
  return `<g ${attrs.join(' ')}>${link(opts.links?.state?.(s), title, body)}</g>`;
}

function pathOf(points: { x: number; y: number }[]): string {
  return points.map((pt, i) => `${i ? 'L' : 'M'}${n(pt.x)} ${n(pt.y)}`).join('');
}

function edgeShape(graph: ProcedureGraph, opts: SvgOptions, e: PlacedEdge): string {
  if (e.points.length < 2) return '';
  const d = pathOf(e.points);
  if (e.kind === 'initial') {
    return `<g class="initial-edge"><path d="${d}" fill="none" stroke="${COLOR.line}" stroke-width="1.5" marker-end="url(#${graph.id}-arrow-line)"/></g>`;
  }
  const t = e.transition;
  const g = e.group;
  const kind = g ? 'group' : t!.kind;
  const color = kind === 'timer' ? COLOR.timer : kind === 'auto' ? COLOR.auto : kind === 'group' ? COLOR.group : COLOR.line;
  const dash = kind === 'timer' ? ' stroke-dasharray="8 4"' : kind === 'auto' ? ' stroke-dasharray="2 3"' : '';
  const weight = opts.weight?.((g ?? t)!) ?? null;
  const sw = weight ?? (kind === 'group' ? 1.8 : 1.5);
  const marker = kind === 'timer' ? 'timer' : kind === 'auto' ? 'auto' : kind === 'group' ? 'group' : 'line';
  let body = `<path d="${d}" fill="none" stroke="transparent" stroke-width="12"/>`;
  body += `<path d="${d}" fill="none" stroke="${color}" stroke-width="${n(sw)}"${dash} marker-end="url(#${graph.id}-arrow-${marker})"/>`;
  if (e.label) {
    const l = e.label;
    body += `<rect x="${n(l.x)}" y="${n(l.y)}" width="${n(l.width)}" height="${n(l.height)}" rx="3" fill="#ffffff" fill-opacity="0.92" stroke="${kind === 'timer' ? COLOR.timer : 'none'}" stroke-width="0.8"/>`;
    const iconRoom = kind === 'timer' ? 20 : 0;
    if (kind === 'timer') body += clockIcon(l.x + 10, l.y + l.height / 2);
    const texts = t ? edgeLabelLines(t, opts) : l.lines;
    texts.forEach((text, i) => {
      const isFigure = i > 0 && !!opts.annotateEdge && i === texts.length - 1 && /[0-9]/.test(text) && text.includes('%');
      body += `<text x="${n(l.x + iconRoom + (l.width - iconRoom) / 2)}" y="${n(l.y + 3 + (i + 1) * EDGE_FONT * 1.35 - EDGE_FONT * 0.3)}" font-size="${EDGE_FONT}" text-anchor="middle" fill="${kind === 'timer' ? COLOR.timer : COLOR.text}"${isFigure ? ' font-weight="700"' : ''}>${escapeXml(text)}</text>`;
    });
  }
  const byPath = (id: string) => graph.states.find((s) => s.id === id)?.path ?? id;
  const byLabel = (id: string) => graph.states.find((s) => s.id === id)?.label ?? id;
  if (g) {
    const title = `${g.label}（${g.marker}印の状態から）→ ${byLabel(g.to!)}`;
    const attrs = `class="transition group-edge" data-kind="group" data-group="${g.marker}" data-event="${escapeXml(g.event)}" data-to="${escapeXml(byPath(g.to!))}"`;
    return `<g ${attrs}>${link(opts.links?.group?.(g), title, body)}</g>`;
  }
  const title = `${byLabel(t!.from)} → ${byLabel(t!.to)}：${t!.label}${t!.guarded ? '（条件つき）' : ''}`;
  const attrs = `class="transition" data-kind="${t!.kind}" data-event="${escapeXml(t!.event)}" data-from="${escapeXml(byPath(t!.from))}" data-to="${escapeXml(byPath(t!.to))}"${t!.guarded ? ' data-guarded="true"' : ''}`;
  return `<g ${attrs}>${link(opts.links?.transition?.(t!), title, body)}</g>`;
}

function groupShape(graph: ProcedureGraph, opts: SvgOptions, p: Layout['groups'][number]): string {
  const g = p.group;
  const fold = 10;
  const { x, y, width: w, height: h } = p;
  let body = `<path d="M${n(x)} ${n(y)}H${n(x + w - fold)}L${n(x + w)} ${n(y + fold)}V${n(y + h)}H${n(x)}Z" fill="${COLOR.noteFill}" stroke="${COLOR.group}" stroke-width="1.5" stroke-dasharray="5 3"/>`;
  body += markerCircle(x + PAD + 9, y + PAD + 9, g.marker);
  const lines = groupLines(g, opts);
  body += textLines(lines.slice(0, 1), x + PAD + 24, y + PAD, 'start');
  body += textLines(lines.slice(1), x + w / 2, y + PAD + lineHeight(lines[0]!.style), 'middle');
  const names = g.from.map((id) => graph.states.find((s) => s.id === id)?.label ?? id);
  const title = `${g.label}${g.to ? ` → ${graph.states.find((s) => s.id === g.to)?.label ?? ''}` : '（状態は変わらない）'}：${names.join('、')}`;
  const from = g.from.map((id) => graph.states.find((s) => s.id === id)?.path ?? id).join(' ');
  const attrs = `class="transition-group" data-group="${g.marker}" data-event="${escapeXml(g.event)}" data-from="${escapeXml(from)}"${g.to ? ` data-to="${escapeXml(graph.states.find((s) => s.id === g.to)?.path ?? '')}"` : ''}`;
  return `<g ${attrs}>${link(opts.links?.group?.(g), title, body)}</g>`;
}

const LEGEND: [string, string][] = [
  ['hard', '◆ 厳守期限（遅れた届出は受け付けない）'],
  ['soft', '◇ 目安期限（遅れは記録して連絡）'],
  ['timer', '破線と時計＝期限の到来による自動の遷移'],
  ['auto', '点線＝自動の遷移'],
  ['guard', '［条件］＝条件（法定ルール等）を満たすときだけ'],
  ['self', `${SELF_MARK}＝状態を変えずに受け付ける操作`],
  ['group', '紫の記号＝その記号の付いた状態のどれからでも'],
];

function legendShape(graph: ProcedureGraph, x: number, y: number, width: number): { svg: string; height: number } {
  const size = 12.5;
  const rowH = size * 1.7;
  const colW = 300;
  const perRow = Math.max(1, Math.floor((width - 16) / colW));
  const rows = Math.ceil(LEGEND.length / perRow);
  const height = rows * rowH + 16;
  let svg = `<g class="legend"><rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}" fill="#f9fafb" stroke="#d1d5db"/>`;
  LEGEND.forEach(([kind, text], i) => {
    const cx = x + 12 + (i % perRow) * colW;
    const cy = y + 8 + Math.floor(i / perRow) * rowH + rowH / 2;
    const fill = kind === 'hard' ? COLOR.hard : kind === 'soft' ? COLOR.soft : kind === 'timer' ? COLOR.timer : kind === 'group' ? COLOR.group : COLOR.text;
    const self = text.startsWith(SELF_MARK);
    if (self) svg += loopIcon(cx + size * 0.5, cy, size * 0.38, fill);
    svg += `<text x="${n(cx)}" y="${n(cy + size * 0.35)}" font-size="${size}" fill="${fill}">${escapeXml(self ? `\u3000${text.slice(SELF_MARK.length)}` : text)}</text>`;
  });
  void graph;
  return { svg: `${svg}</g>`, height };
}

export function renderSvg(graph: ProcedureGraph, opts: SvgOptions & { title: string }): string {
  const layout = opts.layout ?? layoutGraph(graph, opts);
  const legend = opts.legend === false ? null : legendShape(graph, 0, layout.height + 4, Math.max(layout.width, 620));
  const width = Math.max(layout.width, legend ? 620 : 0);
  const height = Math.ceil(layout.height + (legend ? legend.height + 8 : 0));
  const arrow = (name: string, color: string) =>
    `<marker id="${graph.id}-arrow-${name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${color}"/></marker>`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${graph.id}-title" class="statechart" data-procedure="${escapeXml(graph.id)}" font-family="${escapeXml(FONT)}">`,
    `<title id="${graph.id}-title">${escapeXml(opts.title)}</title>`,
    `<defs>${arrow('line', COLOR.line)}${arrow('timer', COLOR.timer)}${arrow('auto', COLOR.auto)}${arrow('group', COLOR.group)}</defs>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  // Containers first (outermost first), then edges over them, then the leaf states and notes.
  const depth = (s: GraphState): number => (s.parent ? 1 + depth(graph.states.find((p) => p.id === s.parent)!) : 0);
  const compounds = layout.states.filter((p) => graph.states.some((c) => c.parent === p.state.id)).sort((a, b) => depth(a.state) - depth(b.state));
  const leaves = layout.states.filter((p) => !compounds.includes(p));
  parts.push(`<g class="containers">${compounds.map((p) => stateShape(layout, graph, opts, p)).join('')}</g>`);
  parts.push(`<g class="edges">${layout.edges.map((e) => edgeShape(graph, opts, e)).join('')}</g>`);
  parts.push(`<g class="initials">${layout.initials.map((i) => `<circle class="initial" cx="${n(i.x)}" cy="${n(i.y)}" r="${i.r}" fill="${COLOR.text}"><title>開始</title></circle>`).join('')}</g>`);
  parts.push(`<g class="states">${leaves.map((p) => stateShape(layout, graph, opts, p)).join('')}</g>`);
  parts.push(`<g class="groups">${layout.groups.map((p) => groupShape(graph, opts, p)).join('')}</g>`);
  if (legend) parts.push(legend.svg);
  parts.push('</svg>');
  return parts.join('\n');
}

export interface DrawOptions extends SvgOptions {}

/** The diagram of a procedure as Mermaid text and SVG. */
export function svgOf(graph: ProcedureGraph, opts: DrawOptions = {}): string {
  return renderSvg(graph, { ...opts, title: `${graph.title} の状態遷移図` });
}
