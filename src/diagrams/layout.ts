/**
 * ProcedureGraph -> boxes and routed edges (ELK layered, top to bottom, compound states as containers). Pure.
 * Every text a box shows is decided here (lines with a style each), so the box is sized for it and the SVG
 * writer only places what the layout measured.
 */
import { layoutSync, type ElkEdge, type ElkNode, type ElkPoint } from './elk-sync.js';
import type { GraphState, GraphTransition, ProcedureGraph, TransitionGroup } from './graph.js';

export type LineStyle = 'current' | 'title' | 'hard' | 'soft' | 'rule' | 'internal' | 'timer-internal' | 'caption' | 'figure' | 'note';

export interface Line {
  text: string;
  style: LineStyle;
}

export interface LayoutOptions {
  /** The path of the state a case is in. */
  current?: string | null;
  /** Extra lines per state (figures of an overlay). */
  annotate?: (state: GraphState) => string[];
  /** An extra line per transition or group (share of cases that took it). */
  annotateEdge?: (edge: GraphTransition | TransitionGroup) => string | null;
}

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: Line[];
  /** Height of the header (compound states: the part above the children). */
  header: number;
}

export interface PlacedState extends Box {
  state: GraphState;
}
export interface PlacedGroup extends Box {
  group: TransitionGroup;
}
export interface PlacedEdge {
  id: string;
  kind: 'transition' | 'initial' | 'group';
  transition?: GraphTransition;
  group?: TransitionGroup;
  points: ElkPoint[];
  label: { x: number; y: number; width: number; height: number; lines: string[] } | null;
}

export interface Layout {
  width: number;
  height: number;
  states: PlacedState[];
  initials: { id: string; x: number; y: number; r: number }[];
  groups: PlacedGroup[];
  edges: PlacedEdge[];
}

export const FONT_SIZE: Record<LineStyle, number> = {
  current: 13,
  title: 15,
  hard: 12.5,
  soft: 12.5,
  rule: 11.5,
  internal: 12,
  'timer-internal': 12,
  caption: 11.5,
  figure: 12.5,
  note: 12.5,
};
export const EDGE_FONT = 12.5;
const LINE_GAP = 1.45;
const PAD = 10;
/** Room at the bottom of a box for the group markers (drawn as lettered circles). */
export const MARKER_ROW = 22;
const MAX_TEXT = 230;
const MAX_EDGE_TEXT = 170;
const MIN_WIDTH = 150;

/** Width of text in px at a font size: CJK and full-width forms 1em, the rest about 0.6em. */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += c >= 0x2e80 || (c >= 0x2190 && c <= 0x27ff) ? 1 : c === 0x20 ? 0.3 : 0.6;
  }
  return w * size;
}

// Characters a line must not start with (Japanese line-breaking rules): they stay on the line before.
const NO_LINE_START = new Set([...'）」』］】、。，．・ー：'] );

/** Text units that are never split: a closing mark joins the character before it, ［条件］ stays whole. */
function units(text: string): string[] {
  const out: string[] = [];
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const rest = chars.slice(i).join('');
    if (rest.startsWith('［条件］')) {
      out.push('［条件］');
      i += 3;
    } else if (out.length && NO_LINE_START.has(chars[i]!)) out[out.length - 1] = out[out.length - 1]! + chars[i]!;
    else out.push(chars[i]!);
  }
  return out;
}

/** Breaks a text into lines no wider than `max` px (between characters; Japanese has no spaces to wait for). */
export function wrap(text: string, size: number, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const u of units(text)) {
    if (line && textWidth(line + u, size) > max) {
      out.push(line);
      line = '';
    }
    line += u;
  }
  if (line) out.push(line);
  return out;
}

const lineHeight = (style: LineStyle) => FONT_SIZE[style] * LINE_GAP;

function wrapLines(lines: Line[]): Line[] {
  return lines.flatMap((l) => wrap(l.text, FONT_SIZE[l.style], MAX_TEXT).map((text) => ({ text, style: l.style })));
}

function measure(lines: Line[], markers: number): { width: number; height: number } {
  const width = Math.max(MIN_WIDTH, ...lines.map((l) => textWidth(l.text, FONT_SIZE[l.style]) + 2 * PAD), markers * 24 + 2 * PAD);
  const height = lines.reduce((h, l) => h + lineHeight(l.style), 0) + 2 * PAD + (markers ? MARKER_ROW : 0);
  return { width: Math.ceil(width), height: Math.ceil(height) };
}

export const ENFORCEMENT_WORD = { hard: '◆ 厳守期限', soft: '◇ 目安期限' } as const;
export const CURRENT_WORD = '▶ 現在の状態';
export const GUARD_WORD = '［条件］';
/** Starts a line for a transition that stays in its state; drawn as a loop arrow. */
export const SELF_MARK = '↻ ';

/** The lines a state shows: current mark, label, deadlines with their rule, internal transitions, figures. */
export function stateLines(graph: ProcedureGraph, s: GraphState, opts: LayoutOptions): Line[] {
  const lines: Line[] = [];
  if (opts.current === s.path) lines.push({ text: CURRENT_WORD, style: 'current' });
  lines.push({ text: s.label, style: 'title' });
  if (s.kind === 'final') lines.push({ text: '（終了）', style: 'caption' });
  if (s.transient) lines.push({ text: '（経由するだけの状態：自動で次へ）', style: 'caption' });
  for (const d of s.deadlines) {
    lines.push({ text: `${ENFORCEMENT_WORD[d.enforcement]}：${d.label}`, style: d.enforcement });
    if (d.rule) lines.push({ text: `（${d.rule}）`, style: 'rule' });
  }
  for (const t of graph.transitions.filter((x) => x.from === s.id && x.internal)) {
    lines.push({ text: `${SELF_MARK}${t.label}${t.guarded ? GUARD_WORD : ''}`, style: t.kind === 'timer' ? 'timer-internal' : 'internal' });
  }
  for (const a of opts.annotate?.(s) ?? []) lines.push({ text: a, style: 'figure' });
  return wrapLines(lines);
}

export function groupLines(g: TransitionGroup, opts: LayoutOptions): Line[] {
  const lines: Line[] = [
    { text: g.to ? `印の状態（${g.from.length}）のどれからでも` : `印の状態（${g.from.length}）のどれでも`, style: 'caption' },
    { text: `${g.label}${g.guarded ? GUARD_WORD : ''}`, style: 'title' },
  ];
  if (!g.to) lines.push({ text: '（状態は変わらない）', style: 'caption' });
  const figure = opts.annotateEdge?.(g);
  if (figure) lines.push({ text: figure, style: 'figure' });
  return wrapLines(lines);
}

export function edgeLabelLines(t: GraphTransition, opts: LayoutOptions): string[] {
  const text = `${t.label}${t.guarded ? GUARD_WORD : ''}`;
  const figure = opts.annotateEdge?.(t);
  return [...wrap(text, EDGE_FONT, MAX_EDGE_TEXT), ...(figure ? [figure] : [])];
}

const TIMER_ICON = 16;

/** Numbers widened to at least four 8s: a layout sized for these fits any figure up to 9999 (and wider ones drawn). */
const widen = (text: string) => text.replace(/\d+/g, (m) => '8'.repeat(Math.max(4, m.length)));

/**
 * The options a layout is sized by: figures replaced by their widest form, so one layout serves every request
 * whatever the figures are (ELK runs once per shape, not once per count).
 */
export function sizingOptions(opts: LayoutOptions): LayoutOptions {
  return {
    current: opts.current ?? null,
    annotate: opts.annotate ? (s) => opts.annotate!(s).map(widen) : undefined,
    annotateEdge: opts.annotateEdge
      ? (e) => {
          const v = opts.annotateEdge!(e);
          return v === null ? null : widen(v);
        }
      : undefined,
  };
}

/** What a layout depends on, for caching it. */
export function layoutKey(graph: ProcedureGraph, opts: LayoutOptions): string {
  const sized = sizingOptions(opts);
  return JSON.stringify([
    graph.id,
    graph.version,
    sized.current ?? null,
    sized.annotate ? graph.states.map((s) => sized.annotate!(s)) : null,
    sized.annotateEdge ? [...graph.transitions, ...graph.groups].map((e) => sized.annotateEdge!(e)) : null,
  ]);
}

export function layoutGraph(graph: ProcedureGraph, given: LayoutOptions = {}): Layout {
  const opts = sizingOptions(given);
  const sized = new Map<string, { lines: Line[]; width: number; height: number }>();
  for (const s of graph.states) {
    const lines = stateLines(graph, s, opts);
    sized.set(s.id, { lines, ...measure(lines, s.groups.length) });
  }
  const groupSized = new Map<string, { lines: Line[]; width: number; height: number }>();
  for (const g of graph.groups) {
    const lines = groupLines(g, opts);
    const m = measure(lines, 0);
    // Room on the first line for the marker circle drawn before the caption.
    groupSized.set(g.key, { lines, width: m.width + 26, height: m.height });
  }

  const initialId = (parent: string | null) => `__initial_${parent ?? 'root'}`;
  const nodeOf = (s: GraphState): ElkNode => {
    const size = sized.get(s.id)!;
    const kids = graph.states.filter((c) => c.parent === s.id);
    if (!kids.length) return { id: s.id, width: size.width, height: size.height };
    const header = size.height - PAD;
    return {
      id: s.id,
      layoutOptions: {
        'elk.padding': `[top=${header + 14},left=16,bottom=16,right=16]`,
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${size.width + 32},${size.height + 40})`,
      },
      children: [...(s.initial ? [{ id: initialId(s.id), width: 14, height: 14 }] : []), ...kids.map(nodeOf)],
    };
  };

  const edges: ElkEdge[] = [];
  const meta = new Map<string, Omit<PlacedEdge, 'points' | 'label'> & { lines: string[] | null }>();
  const addEdge = (id: string, from: string, to: string, lines: string[] | null, m: Omit<PlacedEdge, 'points' | 'label' | 'id'>, extraWidth = 0) => {
    edges.push({
      id,
      sources: [from],
      targets: [to],
      labels: lines
        ? [{ id: `${id}_label`, text: lines.join(' '), width: Math.ceil(Math.max(...lines.map((l) => textWidth(l, EDGE_FONT))) + 10 + extraWidth), height: Math.ceil(lines.length * EDGE_FONT * 1.35 + 6) }]
        : [],
    });
    meta.set(id, { id, ...m, lines });
  };
  if (graph.initial) addEdge('e_initial_root', initialId(null), graph.initial, null, { kind: 'initial' });
  for (const s of graph.states) if (s.initial) addEdge(`e_initial_${s.id}`, initialId(s.id), s.initial, null, { kind: 'initial' });
  for (const t of graph.transitions) {
    if (t.internal) continue;
    addEdge(`e_${t.key}`, t.from, t.to, edgeLabelLines(t, opts), { kind: 'transition', transition: t }, t.kind === 'timer' ? TIMER_ICON + 4 : 0);
  }
  for (const g of graph.groups) if (g.to) addEdge(`e_${g.key}`, `__group_${g.key}`, g.to, null, { kind: 'group', group: g });

  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.json.edgeCoords': 'ROOT',
      'elk.json.shapeCoords': 'ROOT',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.spacing.nodeNodeBetweenLayers': '44',
      'elk.layered.spacing.edgeNodeBetweenLayers': '22',
      'elk.layered.spacing.edgeEdgeBetweenLayers': '14',
      'elk.spacing.nodeNode': '36',
      'elk.spacing.edgeNode': '18',
      'elk.spacing.edgeEdge': '14',
      'elk.spacing.edgeLabel': '4',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children: [
      ...(graph.initial ? [{ id: initialId(null), width: 14, height: 14 }] : []),
      ...graph.states.filter((s) => s.parent === null).map(nodeOf),
      ...graph.groups.map((g) => ({ id: `__group_${g.key}`, width: groupSized.get(g.key)!.width, height: groupSized.get(g.key)!.height })),
    ],
    edges,
  };
  const done = layoutSync(root);

  const boxes = new Map<string, ElkNode>();
  const collect = (n: ElkNode) => {
    boxes.set(n.id, n);
    n.children?.forEach(collect);
  };
  collect(done);

  const states: PlacedState[] = graph.states.map((s) => {
    const b = boxes.get(s.id)!;
    const size = sized.get(s.id)!;
    const compound = graph.states.some((c) => c.parent === s.id);
    return { id: s.id, state: s, x: b.x!, y: b.y!, width: b.width!, height: b.height!, lines: size.lines, header: compound ? size.height - PAD : b.height! };
  });
  const initials = [...boxes.values()].filter((b) => b.id.startsWith('__initial_')).map((b) => ({ id: b.id, x: b.x! + 7, y: b.y! + 7, r: 7 }));
  const groups: PlacedGroup[] = graph.groups.map((g) => {
    const b = boxes.get(`__group_${g.key}`)!;
    return { id: g.key, group: g, x: b.x!, y: b.y!, width: b.width!, height: b.height!, lines: groupSized.get(g.key)!.lines, header: b.height! };
  });
  const placed: PlacedEdge[] = (done.edges ?? []).map((e) => {
    const m = meta.get(e.id)!;
    const section = e.sections?.[0];
    const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
    const l = e.labels?.[0];
    return {
      id: m.id,
      kind: m.kind,
      transition: m.transition,
      group: m.group,
      points,
      label: l && m.lines ? { x: l.x!, y: l.y!, width: l.width, height: l.height, lines: m.lines } : null,
    };
  });
  return { width: Math.ceil(done.width!), height: Math.ceil(done.height!), states, initials, groups, edges: placed };
}

export { PAD, LINE_GAP, lineHeight };
