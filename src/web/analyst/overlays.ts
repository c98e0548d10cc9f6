/**
 * Heatmap overlays on a procedure's diagram: what each one shows per state (a line of figures and a fill from a
 * five-step scale) or per transition (cases that took it, share, line width), and its legend. Pure.
 * The figures are written in words on every state too, so the overlay never relies on colour alone.
 */
import type { GraphState, GraphTransition, ProcedureGraph, TransitionGroup } from '../../diagrams/graph.js';
import { prefixes, type CasePath, type DeadlineLateness, type StateFigure, type WayCount } from './queries.js';

export const OVERLAYS = {
  count: { label: '現在の案件数', unit: '件' },
  overdue: { label: '期限超過の案件数', unit: '件' },
  median: { label: '滞在日数の中央値', unit: '日' },
  p90: { label: '滞在日数の90パーセンタイル', unit: '日' },
  share: { label: '遷移ごとの案件の割合（履歴から）', unit: '%' },
  lateness: { label: '期限ごとの遅れ', unit: '%' },
} as const;
export type OverlayKey = keyof typeof OVERLAYS;
export const overlayKey = (v: string | undefined): OverlayKey => (v && v in OVERLAYS ? (v as OverlayKey) : 'count');

const BLUES = ['#f1f5f9', '#dbeafe', '#bfdbfe', '#93c5fd', '#60a5fa'];
const REDS = ['#f1f5f9', '#fee2e2', '#fecaca', '#fca5a5', '#f87171'];

export interface LegendStep {
  color: string;
  text: string;
}

export interface Overlay {
  key: OverlayKey;
  label: string;
  annotate: (s: GraphState) => string[];
  heat: ((s: GraphState) => string | null) | undefined;
  annotateEdge: ((e: GraphTransition | TransitionGroup) => string | null) | undefined;
  weight: ((e: GraphTransition | TransitionGroup) => number | null) | undefined;
  legend: LegendStep[];
  /** Everything the drawing depends on, for the drawing cache. */
  key2: string;
}

const fmtDays = (d: number | null) => (d === null ? '—' : `${d.toFixed(1)}日`);

/** Bins 0 and four equal steps up to the maximum (at least 1 per step). */
function scale(values: number[], colors: string[], unit: string) {
  const max = Math.max(0, ...values);
  const step = Math.max(1, Math.ceil(max / 4));
  const colorOf = (v: number | null) => (v === null ? null : v <= 0 ? colors[0]! : colors[Math.min(4, Math.ceil(v / step))]!);
  const legend: LegendStep[] = [{ color: colors[0]!, text: `0${unit}` }];
  for (let i = 1; i <= 4; i++) {
    const low = (i - 1) * step + (unit === '日' ? 0 : 1);
    const high = i * step;
    const range = i === 4 ? `${low}${unit}以上` : low === high ? `${high}${unit}` : unit === '日' ? `${low}日超〜${high}日` : `${low}〜${high}${unit}`;
    legend.push({ color: colors[i]!, text: range });
  }
  return { colorOf, legend };
}

const pathOf = (graph: ProcedureGraph, id: string) => graph.states.find((s) => s.id === id)?.path ?? id;
const inside = (path: string, parent: string) => prefixes(path).includes(parent);

/** Cases that took a transition or a group's event, by matching their history rows. */
export function tookCount(graph: ProcedureGraph, ways: WayCount[], e: GraphTransition | TransitionGroup): number {
  const isGroup = 'marker' in e;
  const froms = isGroup ? e.from.map((id) => pathOf(graph, id)) : [pathOf(graph, e.from)];
  const to = isGroup ? (e.to ? pathOf(graph, e.to) : null) : e.internal ? null : pathOf(graph, e.to);
  return ways
    .filter((w) => w.event === e.event && w.from !== null && froms.some((f) => inside(w.from!, f)))
    .filter((w) => (to === null ? w.to === w.from : inside(w.to, to)))
    .reduce((n, w) => n + w.cases, 0);
}

export function buildOverlay(key: OverlayKey, graph: ProcedureGraph, figures: Map<string, StateFigure>, ways: WayCount[], lateness: Map<string, DeadlineLateness> = new Map()): Overlay {
  const f = (s: GraphState) => figures.get(s.path);
  const base = (s: GraphState) => {
    const v = f(s);
    return s.kind === 'final' ? [`案件 ${v?.total ?? 0}件`] : [`案件 ${v?.total ?? 0}件（期限超過 ${v?.overdue ?? 0}件）`];
  };
  const common = { key, label: OVERLAYS[key].label };
  if (key === 'count' || key === 'overdue') {
    const value = (s: GraphState) => (key === 'count' ? (f(s)?.total ?? 0) : (f(s)?.overdue ?? 0));
    const { colorOf, legend } = scale(graph.states.filter((s) => s.kind !== 'compound').map(value), key === 'count' ? BLUES : REDS, '件');
    return {
      ...common,
      annotate: base,
      heat: (s) => (s.kind === 'compound' ? null : colorOf(value(s))),
      annotateEdge: undefined,
      weight: undefined,
      legend,
      key2: JSON.stringify(graph.states.map(value)),
    };
  }
  if (key === 'median' || key === 'p90') {
    const value = (s: GraphState) => (s.kind === 'final' ? null : (f(s)?.[key] ?? null));
    const { colorOf, legend } = scale(
      graph.states.filter((s) => s.kind !== 'compound').map((s) => value(s) ?? 0),
      BLUES,
      '日',
    );
    return {
      ...common,
      annotate: (s) => (s.kind === 'final' ? base(s) : [`${key === 'median' ? '中央値' : '90%点'} ${fmtDays(value(s))}（${f(s)?.entered ?? 0}件）`]),
      heat: (s) => (s.kind === 'compound' || value(s) === null ? null : colorOf(value(s))),
      annotateEdge: undefined,
      weight: undefined,
      legend: [...legend, { color: '#ffffff', text: '記録なし・終了状態' }],
      key2: JSON.stringify(graph.states.map(value)),
    };
  }
  if (key === 'lateness') {
    const missedShare = (s: GraphState) => {
      const ls = s.deadlines.map((d) => lateness.get(d.name)).filter((l) => !!l);
      const decided = ls.reduce((n, l) => n + l.onTime + l.missed, 0);
      return decided ? Math.round((ls.reduce((n, l) => n + l.missed, 0) / decided) * 100) : null;
    };
    const colorOf = (pct: number | null) => (pct === null ? null : REDS[pct === 0 ? 0 : Math.min(4, Math.ceil(pct / 25))]!);
    return {
      ...common,
      annotate: (s) =>
        s.deadlines.map((d) => {
          const l = lateness.get(d.name);
          const decided = (l?.onTime ?? 0) + (l?.missed ?? 0);
          const late = l?.daysLate.length ? `、遅れた届出 ${l.daysLate.length}件（中央値 ${median(l.daysLate)}日）` : '';
          return `${d.enforcement === 'hard' ? '◆' : '◇'}期限内 ${l?.onTime ?? 0}/${decided}件（${decided ? Math.round(((l?.onTime ?? 0) / decided) * 100) : 0}%）・超過 ${l?.missed ?? 0}件${late}`;
        }),
      heat: (s) => (s.deadlines.length ? colorOf(missedShare(s)) : null),
      annotateEdge: undefined,
      weight: undefined,
      legend: [
        { color: REDS[0]!, text: '期限超過 0%' },
        { color: REDS[1]!, text: '1〜25%' },
        { color: REDS[2]!, text: '26〜50%' },
        { color: REDS[3]!, text: '51〜75%' },
        { color: REDS[4]!, text: '76〜100%（期限を定める状態のうち、期限を過ぎても状態にとどまった案件の割合）' },
      ],
      key2: JSON.stringify([...lateness.values()]),
    };
  }
  // share: per transition, cases that took it out of the cases that entered its source state(s).
  const entered = (ids: string[]) => ids.reduce((n, id) => n + (figures.get(pathOf(graph, id))?.entered ?? 0), 0);
  const share = (e: GraphTransition | TransitionGroup) => {
    if (!('marker' in e) && e.kind === 'auto') return null;
    const took = tookCount(graph, ways, e);
    const of = 'marker' in e ? graph.states.filter((s) => s.parent === null).reduce((n, s) => Math.max(n, figures.get(s.path)?.entered ?? 0), 0) : entered([e.from]);
    return { took, pct: of ? Math.min(100, Math.round((took / of) * 100)) : 0 };
  };
  const all = [...graph.transitions, ...graph.groups];
  return {
    ...common,
    annotate: base,
    heat: undefined,
    annotateEdge: (e) => {
      const s = share(e);
      return s ? `${s.took}件（${s.pct}%）` : null;
    },
    weight: (e) => {
      const s = share(e);
      return s ? 1.2 + (s.pct / 100) * 6 : null;
    },
    legend: [
      { color: '#374151', text: '線の太さ＝その状態に入った案件のうち、この遷移をした割合' },
      { color: '#374151', text: '「N件（P%）」＝遷移した案件数と割合（記号の付いた注記は、手続に入った案件に対する割合）' },
    ],
    key2: JSON.stringify(all.map((e) => share(e))),
  };
}

export function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const v = [...values].sort((a, b) => a - b);
  if (!v.length) return 0;
  const pos = (v.length - 1) * p;
  const lo = Math.floor(pos);
  return v[lo]! + (v[Math.min(v.length - 1, lo + 1)]! - v[lo]!) * (pos - lo);
}

/**
 * A selected path drawn over any overlay: its states filled, its transitions thick. A path's step is matched
 * by event and states, so a transition declared on a parent (compound) state matches steps from its children.
 */
export function withPath(o: Overlay, graph: ProcedureGraph, path: CasePath | null): Overlay {
  if (!path) return o;
  const visited = new Set(path.states.flatMap(prefixes));
  const steps = path.events.map((event, i) => ({ event, from: path.states[i]!, to: path.states[i + 1]! }));
  const pathOfId = (id: string) => graph.states.find((s) => s.id === id)?.path ?? id;
  const taken = (e: GraphTransition | TransitionGroup) => {
    const froms = 'marker' in e ? e.from.map(pathOfId) : [pathOfId(e.from)];
    const to = 'marker' in e ? (e.to ? pathOfId(e.to) : null) : e.internal ? null : pathOfId(e.to);
    return steps.some((s) => s.event === e.event && froms.some((f) => inside(s.from, f)) && (to === null ? false : inside(s.to, to)));
  };
  return {
    ...o,
    heat: (s) => (visited.has(s.path) && s.kind !== 'compound' ? '#fde68a' : (o.heat?.(s) ?? null)),
    weight: (e) => (taken(e) ? 6 : (o.weight?.(e) ?? null)),
    key2: `${o.key2}|path:${path.states.join('>')}`,
  };
}
