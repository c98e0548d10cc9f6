/**
 * Diagrams of the registered procedures, cached per definition version (and per current state on case pages):
 * ELK layout costs tens of milliseconds, and a definition never changes while the process runs.
 */
import type { AnyProcedureDefinition } from '../../definitions/types.js';
import { procedureGraph, type GraphState, type ProcedureGraph } from './graph.js';
import { diagramOf } from './svg.js';

export interface Diagram {
  mermaid: string;
  svg: string;
}

export function createDiagrams(maxEntries = 200) {
  const graphs = new Map<string, ProcedureGraph>();
  const drawn = new Map<string, Diagram>();
  const keyOf = (d: AnyProcedureDefinition) => `${d.id}@${d.version}`;

  function graph(definition: AnyProcedureDefinition): ProcedureGraph {
    const key = keyOf(definition);
    let g = graphs.get(key);
    if (!g) graphs.set(key, (g = procedureGraph(definition)));
    return g;
  }

  function cached(key: string, draw: () => Diagram): Diagram {
    let d = drawn.get(key);
    if (!d) {
      if (drawn.size >= maxEntries) drawn.delete(drawn.keys().next().value!);
      drawn.set(key, (d = draw()));
    }
    return d;
  }

  return {
    graph,
    /** The procedure's diagram with deadlines marked. */
    plain: (definition: AnyProcedureDefinition) => cached(keyOf(definition), () => diagramOf(graph(definition))),
    /** The diagram with one state marked as the case's current state. */
    forState: (definition: AnyProcedureDefinition, state: string) =>
      cached(`${keyOf(definition)}|${state}`, () => diagramOf(graph(definition), { current: state })),
    /** Live figures per state (analyst page): drawn again only when a figure changed (the lines are the key). */
    annotated: (definition: AnyProcedureDefinition, annotate: (s: GraphState) => string[]) => {
      const g = graph(definition);
      const lines = new Map(g.states.map((s) => [s, annotate(s)]));
      return cached(`${keyOf(definition)}#${JSON.stringify([...lines.values()])}`, () => diagramOf(g, { annotate: (s) => lines.get(s) ?? annotate(s) }));
    },
  };
}

export type Diagrams = ReturnType<typeof createDiagrams>;
