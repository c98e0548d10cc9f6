import { describe, expect, it } from 'vitest';
import { describeDefinition } from '../../definitions/describe.js';
import { allDefinitions } from '../../definitions/index.js';
import { createDiagrams } from '../../src/diagrams/diagrams.js';
import { eventLabel, mermaidId } from '../../src/diagrams/graph.js';
import { HARD_MARK, SOFT_MARK, mermaidText } from '../../src/diagrams/mermaid.js';

const diagrams = createDiagrams();

/** The SVG's nodes and edges as beautiful-mermaid writes them (data-id, data-from/data-to/data-label). */
function svgGraph(svg: string) {
  const nodes = new Set([...svg.matchAll(/<g class="(?:node|subgraph)" data-id="([^"]+)"/g)].map((m) => m[1]));
  const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
  const edges = [...svg.matchAll(/<polyline class="edge"[^>]*>/g)].map(([tag]) => ({
    from: attr(tag, 'data-from'),
    to: attr(tag, 'data-to'),
    label: attr(tag, 'data-label').replace(/&amp;/g, '&'),
  }));
  return { nodes, edges };
}

describe.each(allDefinitions.map((d) => [d.id, d] as const))('diagram of %s', (_id, definition) => {
  const described = describeDefinition(definition);
  const { mermaid, svg } = diagrams.plain(definition);
  const graph = diagrams.graph(definition);

  it('is Mermaid stateDiagram-v2 text with every state and its Japanese label', () => {
    expect(mermaid.startsWith('stateDiagram-v2\n')).toBe(true);
    for (const s of described.states) {
      expect(mermaid).toMatch(new RegExp(`state "[^"]*${escape(mermaidText(s.label))}[^"]*" as ${mermaidId(s.path)}\\b`));
    }
    expect(mermaid).toContain(`[*] --> ${mermaidId(described.initial)}`);
  });

  it('has every transition of the machine as an edge labelled with the event', () => {
    for (const s of described.states) {
      for (const t of s.transitions) {
        const label = mermaidText(eventLabel(definition, t.event));
        const line = `${mermaidId(s.path)} --> ${mermaidId(t.target ?? s.path)} : ${label}`;
        expect(mermaid, `${s.path} --${t.event}-->`).toContain(line);
      }
    }
    const edges = mermaid.split('\n').filter((l) => / --> /.test(l) && !l.includes('[*]'));
    expect(edges.length).toBe(described.states.reduce((n, s) => n + s.transitions.length, 0));
    for (const e of described.rootEvents) expect(mermaid).toContain(e);
  });

  it('draws every state and every transition in the SVG', () => {
    const drawn = svgGraph(svg);
    for (const s of described.states) expect(drawn.nodes.has(mermaidId(s.path)), s.path).toBe(true);
    for (const t of graph.transitions) {
      expect(
        drawn.edges.some((e) => e.from === t.from && e.to === t.to && e.label.startsWith(mermaidText(t.label))),
        `${t.from} -> ${t.to} (${t.event})`,
      ).toBe(true);
    }
    expect(svg).not.toContain('@import');
    expect(svg).toContain('<title>');
  });

  it('marks hard and soft deadlines on the states that own them', () => {
    for (const s of described.states) {
      const line = mermaid.split('\n').find((l) => l.includes(` as ${mermaidId(s.path)}`))!;
      for (const name of s.deadlines) {
        const rule = definition.deadlines[name]!;
        expect(line).toContain(`${rule.enforcement === 'hard' ? HARD_MARK : SOFT_MARK}：${mermaidText(rule.label)}`);
      }
      if (!s.deadlines.length) expect(line).not.toMatch(/期限：/);
    }
  });

  it('marks the current state of a case', () => {
    const s = described.states.find((x) => !x.final)!;
    const { mermaid: m, svg: sv } = diagrams.forState(definition, s.path);
    expect(m).toContain(`▶ 現在の状態<br>${mermaidText(s.label)}`);
    expect(sv).toContain('▶ 現在の状態');
  });
});

function escape(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
