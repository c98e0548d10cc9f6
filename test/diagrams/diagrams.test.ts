/**
 * Every registered procedure (registry.list(): procedures added later are covered) is drawn and its SVG parsed
 * as XML: containers, initial and final states, self-transitions, guards, timer transitions, deadlines on the
 * states that arm them, grouped transitions; every arrow starts and ends on a box; no raw ids or markup as text.
 */
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { describeStates } from '../../definitions/describe.js';
import { defaultRegistry } from '../../definitions/index.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import { createDiagrams } from '../../src/diagrams/diagrams.js';
import { drawnWays, mermaidId } from '../../src/diagrams/graph.js';
import { HARD_MARK, SOFT_MARK } from '../../src/diagrams/mermaid.js';

const diagrams = createDiagrams();
const registry = defaultRegistry();

function parse(svg: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => void (level !== 'warning' && errors.push(msg)) }).parseFromString(svg, 'image/svg+xml');
  return { doc, errors };
}

const all = (root: { getElementsByTagName(n: string): ArrayLike<XmlElement> }, tag: string) => Array.from(root.getElementsByTagName(tag)) as XmlElement[];
const classed = (root: XmlElement | Document, tag: string, cls: string) =>
  all(root as never, tag).filter((e) => (e.getAttribute('class') ?? '').split(/\s+/).includes(cls));
/** The text a person sees in an element (its <text> nodes; <title> tooltips are checked apart). */
const visible = (e: XmlElement) => all(e, 'text').map((t) => t.textContent ?? '').join('');
const box = (g: XmlElement) => {
  const r = all(g, 'rect')[0] ?? all(g, 'path')[0]!;
  if (r.tagName === 'rect') return { x: +r.getAttribute('x')!, y: +r.getAttribute('y')!, w: +r.getAttribute('width')!, h: +r.getAttribute('height')! };
  const nums = (r.getAttribute('d') ?? '').match(/-?[\d.]+/g)!.map(Number);
  const xs = nums.filter((_, i) => i % 2 === 0);
  const ys = nums.filter((_, i) => i % 2 === 1);
  return { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
};
type Box = ReturnType<typeof box>;
const onBorder = (p: { x: number; y: number }, b: Box, slack = 4) =>
  p.x >= b.x - slack && p.x <= b.x + b.w + slack && p.y >= b.y - slack && p.y <= b.y + b.h + slack;
const inside = (a: Box, b: Box) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.w <= b.x + b.w + 0.5 && a.y + a.h <= b.y + b.h + 0.5;
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const endsOf = (d: string) => {
  const nums = d.match(/-?[\d.]+/g)!.map(Number);
  return { start: { x: nums[0]!, y: nums[1]! }, end: { x: nums.at(-2)!, y: nums.at(-1)! } };
};

describe.each(registry.list().map((d) => [d.id, d] as const))('diagram of %s', (_id, definition) => {
  const graph = diagrams.graph(definition);
  const { svg, mermaid } = diagrams.plain(definition);
  const { doc, errors } = parse(svg);
  const described = describeStates(definition);
  const stateGroups = classed(doc as never, 'g', 'state');
  const groupOf = (path: string) => stateGroups.find((g) => g.getAttribute('data-state') === path)!;
  const boxOf = (path: string) => box(groupOf(path));
  const pathOfId = (id: string) => graph.states.find((s) => s.id === id)!.path;

  it('is well-formed SVG with a title and a viewBox', () => {
    expect(errors).toEqual([]);
    const root = doc.documentElement!;
    expect(root.tagName).toBe('svg');
    expect(root.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);
    expect(all(doc as never, 'title')[0]!.textContent).toContain(definition.title);
  });

  it('draws every state once with its Japanese label, and no raw id or markup as text', () => {
    for (const s of described) {
      const drawn = stateGroups.filter((g) => g.getAttribute('data-state') === s.path);
      expect(drawn, s.path).toHaveLength(1);
      expect(visible(drawn[0]!), s.path).toContain(s.label);
    }
    const text = all(doc as never, 'text').map((t) => t.textContent ?? '');
    const ids = [...described.map((s) => s.path), ...described.map((s) => mermaidId(s.path)), ...Object.keys(definition.events), DEADLINE_EVENT];
    for (const t of text) {
      expect(t).not.toMatch(/<|>|&[a-z]+;|\bbr\b/);
      for (const id of ids) if (/[A-Za-z]/.test(id)) expect(t.includes(id), `"${t}" shows ${id}`).toBe(false);
      expect(t, 'ASCII identifiers shown').not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it('draws compound states as labelled containers around their children, with an initial dot', () => {
    for (const s of graph.states.filter((x) => graph.states.some((c) => c.parent === x.id))) {
      const g = groupOf(s.path);
      expect(g.getAttribute('class')).toContain('compound');
      const outer = box(g);
      for (const child of graph.states.filter((c) => c.parent === s.id)) expect(inside(boxOf(child.path), outer), `${child.path} inside ${s.path}`).toBe(true);
      // The container's title sits above its children.
      const titleY = Math.min(...all(g, 'text').map((t) => +t.getAttribute('y')!));
      for (const child of graph.states.filter((c) => c.parent === s.id)) expect(titleY).toBeLessThan(boxOf(child.path).y);
      expect(visible(g).startsWith(s.label) || visible(g).includes(s.label)).toBe(true);
    }
    const initials = classed(doc as never, 'circle', 'initial');
    expect(initials.length).toBe(1 + graph.states.filter((s) => s.initial).length);
    const initialEdges = classed(doc as never, 'g', 'initial-edge');
    for (const id of [graph.initial!, ...graph.states.filter((s) => s.initial).map((s) => s.initial!)]) {
      expect(
        initialEdges.some((e) => onBorder(endsOf(all(e, 'path')[0]!.getAttribute('d')!).end, boxOf(pathOfId(id)))),
        `an initial arrow points at ${id}`,
      ).toBe(true);
    }
  });

  it('marks final states with a double border and （終了）', () => {
    for (const s of described.filter((x) => x.final)) {
      const g = groupOf(s.path);
      expect(g.getAttribute('data-kind')).toBe('final');
      expect(all(g, 'rect').length).toBe(2);
      expect(visible(g)).toContain('（終了）');
    }
  });

  it('loses no transition of the machine, and draws each edge from its source box to its target box', () => {
    const ways = drawnWays(graph);
    for (const s of described) {
      for (const t of s.transitions) {
        // A DEADLINE handled without guard or target only records the notice: not a transition to draw.
        if (t.event === DEADLINE_EVENT && !t.target && !t.guarded) continue;
        const from = mermaidId(s.path);
        expect(
          ways.some((w) => w.from === from && w.event === t.event && (t.target ? w.to === mermaidId(t.target) : w.to === null)),
          `${s.path} --${t.event}--> ${t.target ?? '(stays)'}`,
        ).toBe(true);
      }
    }
    const edges = classed(doc as never, 'g', 'transition');
    for (const t of graph.transitions.filter((x) => !x.internal)) {
      const e = edges.find((x) => x.getAttribute('data-event') === t.event && x.getAttribute('data-from') === pathOfId(t.from) && x.getAttribute('data-to') === pathOfId(t.to) && !x.getAttribute('data-group'));
      expect(e, `${t.from} -> ${t.to} (${t.event})`).toBeTruthy();
      const line = all(e!, 'path').find((p) => p.getAttribute('marker-end'))!;
      const { start, end } = endsOf(line.getAttribute('d')!);
      expect(onBorder(start, boxOf(pathOfId(t.from))), `${t.key} starts on its source`).toBe(true);
      expect(onBorder(end, boxOf(pathOfId(t.to))), `${t.key} ends on its target`).toBe(true);
      expect(visible(e!)).toContain(t.label);
      if (t.guarded) expect(visible(e!)).toContain('［条件］');
      if (t.kind === 'timer') {
        expect(line.getAttribute('stroke-dasharray')).toBeTruthy();
        expect(classed(e!, 'g', 'timer-icon')).toHaveLength(1);
      }
    }
  });

  it('draws transitions that stay in their state on the state, with a loop mark', () => {
    for (const t of graph.transitions.filter((x) => x.internal)) {
      const g = groupOf(pathOfId(t.from));
      expect(visible(g)).toContain(t.label);
      expect(classed(g, 'path', 'self-icon').length).toBeGreaterThan(0);
    }
  });

  it('draws an event taken from many states once, as a lettered group, not one edge per state', () => {
    for (const s of described) {
      const counts = new Map<string, Set<string>>();
      for (const t of s.transitions) counts.set(t.event, new Set());
      void counts;
    }
    const byEvent = new Map<string, Set<string>>();
    for (const s of described) for (const t of s.transitions) if (t.event !== DEADLINE_EVENT) byEvent.set(`${t.event}|${t.target ?? ''}`, new Set([...(byEvent.get(`${t.event}|${t.target ?? ''}`) ?? []), s.path]));
    const notes = classed(doc as never, 'g', 'transition-group');
    for (const [key, from] of byEvent) {
      if (from.size < 3) continue;
      const [event] = key.split('|');
      const group = notes.filter((n) => n.getAttribute('data-event') === event);
      expect(group.length, `${key} drawn once`).toBe(1);
      expect(classed(doc as never, 'g', 'transition').filter((e) => e.getAttribute('data-event') === event && !e.getAttribute('data-group'))).toHaveLength(0);
      const marker = group[0]!.getAttribute('data-group')!;
      for (const path of from) expect(all(groupOf(path), 'text').some((t) => t.textContent === marker), `${path} carries ${marker}`).toBe(true);
    }
  });

  it('shows each deadline, hard ◆ or soft ◇ with its rule in words, on the state that arms it', () => {
    for (const s of described) {
      const text = visible(groupOf(s.path));
      for (const name of s.deadlines) {
        const rule = definition.deadlines[name]!;
        expect(text).toContain(`${rule.enforcement === 'hard' ? '◆' : '◇'}`);
        expect(text.replace(/\s/g, '')).toContain(rule.label.replace(/\s/g, ''));
        expect(text).toContain(rule.anchor.label);
      }
      if (!s.deadlines.length) expect(text).not.toMatch(/[◆◇]/);
    }
  });

  it('keeps labels off the states', () => {
    const leaves = graph.states.filter((s) => !graph.states.some((c) => c.parent === s.id)).map((s) => boxOf(s.path));
    for (const e of classed(doc as never, 'g', 'transition')) {
      const rect = all(e, 'rect')[0];
      if (!rect) continue;
      const label = box(e);
      for (const b of leaves) expect(overlap(label, b), `label "${visible(e)}" over a state`).toBe(false);
    }
  });

  it('marks a case\'s current state for the page to scroll to', () => {
    const s = described.find((x) => !x.final && !graph.states.some((c) => c.parent === mermaidId(x.path)))!;
    const { doc: d2 } = parse(diagrams.forState(definition, s.path).svg);
    const marked = classed(d2 as never, 'g', 'state').filter((g) => g.getAttribute('data-current') === 'true');
    expect(marked.map((g) => g.getAttribute('data-state'))).toEqual([s.path]);
    expect(visible(marked[0]!)).toContain('▶ 現在の状態');
  });

  it('fills the states a case passed through on its own diagram', () => {
    const leaves = described.filter((x) => !graph.states.some((c) => c.parent === mermaidId(x.path)));
    const [first, current] = [leaves[0]!, leaves.find((x) => !x.final && x !== leaves[0]) ?? leaves[0]!];
    const { doc: d2 } = parse(diagrams.forCase(definition, current.path, [first.path, current.path]));
    const visited = classed(d2 as never, 'g', 'state').filter((g) => g.getAttribute('data-visited') === 'true');
    expect(visited.map((g) => g.getAttribute('data-state'))).toEqual(first === current ? [] : [first.path]);
  });

  it('writes Mermaid stateDiagram-v2 text with the same states, deadlines and groups', () => {
    expect(mermaid.startsWith('stateDiagram-v2\n')).toBe(true);
    for (const s of graph.states) expect(mermaid).toMatch(new RegExp(`as ${s.id}\\b`));
    expect(mermaid).not.toMatch(/state "[^"]*<br>[^"]*" as \w+ \{/);
    for (const s of graph.states) for (const d of s.deadlines) expect(mermaid).toContain(`${d.enforcement === 'hard' ? HARD_MARK : SOFT_MARK}：${d.label}`);
    for (const g of graph.groups) expect(mermaid).toContain(`as group_${g.marker}`);
  });

  it('exports a PNG', () => {
    const png = diagrams.png(definition);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThan(600);
  });
});

describe('layouts shared across figures', () => {
  it('draws new figures on the layout made for the widest ones (no new layout per count)', () => {
    const definition = registry.list()[0]!;
    const rects = (svg: string) => [...svg.matchAll(/<g class="state[^"]*"[^>]*>[\s\S]*?<rect ([^>]*)\/>/g)].map((m) => m[1]!.replace(/fill="[^"]*"/, ''));
    const one = diagrams.drawn(definition, 'one', { annotate: () => ['案件 1件'], legend: false });
    const many = diagrams.drawn(definition, 'many', { annotate: () => ['案件 2345件'], legend: false });
    expect(rects(one)).toEqual(rects(many));
    expect(one).toContain('案件 1件');
    expect(many).toContain('案件 2345件');
  });
});
