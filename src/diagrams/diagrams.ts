/**
 * Diagrams of the registered procedures, cached per definition version (and per current state, per overlay):
 * an ELK layout costs tens of milliseconds, and a definition never changes while the process runs.
 */
import type { AnyProcedureDefinition } from '../../definitions/types.js';
import { procedureGraph, type ProcedureGraph } from './graph.js';
import { layoutGraph, layoutKey, type Layout } from './layout.js';
import { toMermaid } from './mermaid.js';
import { svgToPng } from './png.js';
import { svgOf, type DrawOptions } from './svg.js';

export interface Diagram {
  mermaid: string;
  svg: string;
}

export function createDiagrams(maxEntries = 200) {
  const graphs = new Map<string, ProcedureGraph>();
  const drawn = new Map<string, Diagram>();
  const pngs = new Map<string, Buffer>();
  const layouts = new Map<string, Layout>();
  const keyOf = (d: AnyProcedureDefinition) => `${d.id}@${d.version}`;

  function graph(definition: AnyProcedureDefinition): ProcedureGraph {
    const key = keyOf(definition);
    let g = graphs.get(key);
    if (!g) graphs.set(key, (g = procedureGraph(definition)));
    return g;
  }

  function cached<T>(map: Map<string, T>, key: string, draw: () => T): T {
    let d = map.get(key);
    if (d === undefined) {
      if (map.size >= maxEntries) map.delete(map.keys().next().value!);
      map.set(key, (d = draw()));
    }
    return d;
  }

  const plain = (definition: AnyProcedureDefinition) =>
    cached(drawn, keyOf(definition), () => ({ mermaid: toMermaid(graph(definition)), svg: svgOf(graph(definition)) }));

  return {
    graph,
    /** The procedure's diagram with deadlines marked and the legend below. */
    plain,
    /** The plain diagram as PNG (twice the SVG's size). */
    png: (definition: AnyProcedureDefinition) => cached(pngs, keyOf(definition), () => svgToPng(plain(definition).svg)),
    /** The diagram with one state marked as the case's current state (`data-current="true"`). */
    forState: (definition: AnyProcedureDefinition, state: string) =>
      cached(drawn, `${keyOf(definition)}|${state}`, () => ({
        mermaid: toMermaid(graph(definition), { current: state }),
        svg: svgOf(graph(definition), { current: state, legend: false }),
      })),
    /**
     * A case's own diagram: its current state marked (`data-current="true"`) and the states its history passed
     * through filled (`data-visited="true"`), so the case page shows the path the case took.
     */
    forCase: (definition: AnyProcedureDefinition, state: string, visited: readonly string[]) => {
      const passed = new Set(visited.flatMap((p) => p.split('.').map((_, i, all) => all.slice(0, i + 1).join('.'))));
      return cached(drawn, `${keyOf(definition)}|${state}|${[...passed].sort().join(',')}`, () => ({
        mermaid: toMermaid(graph(definition), { current: state }),
        svg: svgOf(graph(definition), { current: state, legend: false, visited: (s) => passed.has(s.path) && s.path !== state }),
      })).svg;
    },
    /**
     * A drawing with options (links, an overlay's figures and colours). `key` must name everything the options
     * depend on (the overlay and its figures), so one drawing serves every request with the same figures.
     */
    drawn: (definition: AnyProcedureDefinition, key: string, opts: DrawOptions): string =>
      cached(drawn, `${keyOf(definition)}#${key}`, () => {
        const g = graph(definition);
        // The layout depends on the figures' widths only, so new figures redraw text without a new ELK run.
        const layout = cached(layouts, layoutKey(g, opts), () => layoutGraph(g, opts));
        return { mermaid: '', svg: svgOf(g, { ...opts, layout }) };
      }).svg,
  };
}

export type Diagrams = ReturnType<typeof createDiagrams>;
