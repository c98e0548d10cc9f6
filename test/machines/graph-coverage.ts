/**
 * `@xstate/graph` coverage for the procedures of issue 15: the shortest paths reach every state, and from the end of
 * each path every event the state offers is tried, so every edge of the statechart (its source node and event) is
 * exercised by some path plus one step. Self-loops (DEADLINE notices, a second report) count: the snapshot changes.
 */
import { getShortestPaths, toDirectedGraph } from '@xstate/graph';
import { transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';

const changed = (a: AnyMachineSnapshot, b: AnyMachineSnapshot) =>
  JSON.stringify([a.value, a.context, a.status]) !== JSON.stringify([b.value, b.context, b.status]);

export interface Coverage {
  /** Serialized state values the shortest paths reach. */
  states: string[];
  /** 'node.id EVENT' for every edge of the directed graph. */
  edges: string[];
  /** The edges some path plus one event took. */
  exercised: string[];
  /** Event types that changed a snapshot somewhere. */
  events: string[];
  paths: ReturnType<typeof getShortestPaths>;
}

export function coverage(machine: AnyStateMachine, input: unknown, events: { type: string }[], serialize: (s: AnyMachineSnapshot) => string = (s) => JSON.stringify(s.value)): Coverage {
  const paths = getShortestPaths(machine, { input, events: events as never, serializeState: serialize as never });
  const graph = toDirectedGraph(machine);
  const edgesOf = (n: typeof graph): { source: string; event: string }[] => [...n.edges.map((e) => ({ source: e.source.id, event: e.label.text })), ...n.children.flatMap(edgesOf)];
  const edges = edgesOf(graph);
  const exercised = new Set<string>();
  const used = new Set<string>();
  for (const p of paths) {
    const from = p.state as AnyMachineSnapshot;
    const active = new Set(from._nodes.map((n) => n.id));
    for (const e of events) {
      const next = transition(machine, from, e as never)[0] as AnyMachineSnapshot;
      if (!changed(from, next)) continue;
      used.add(e.type);
      for (const edge of edges) if (edge.event === e.type && active.has(edge.source)) exercised.add(`${edge.source} ${edge.event}`);
    }
  }
  return {
    states: [...new Set(paths.map((p) => serialize(p.state as AnyMachineSnapshot)))].sort(),
    edges: [...new Set(edges.map((e) => `${e.source} ${e.event}`))].sort(),
    exercised: [...exercised].sort(),
    events: [...used].sort(),
    paths,
  };
}
