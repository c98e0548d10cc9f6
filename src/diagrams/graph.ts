/**
 * A procedure's statechart as a plain graph (states, transitions, deadlines), read from the machine itself
 * with @xstate/graph's `toDirectedGraph` and labelled from the definition. Pure; the diagrams are drawn from it.
 */
import { toDirectedGraph, type DirectedGraphNode } from '@xstate/graph';
import { DEADLINE_EVENT, type AnyProcedureDefinition, type StateMeta } from '../../definitions/types.js';

export interface GraphDeadline {
  name: string;
  label: string;
  enforcement: 'hard' | 'soft';
}

export interface GraphState {
  /** An identifier safe in Mermaid text. */
  id: string;
  /** The dotted state path, as stored in cases.state. */
  path: string;
  label: string;
  kind: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  parent: string | null;
  /** The initial child's id (compound states). */
  initial: string | null;
  deadlines: GraphDeadline[];
  waitingOn: string | null;
}

export interface GraphTransition {
  from: string;
  to: string;
  event: string;
  label: string;
  guarded: boolean;
  /** No target in the machine: the state handles the event without leaving (drawn as a self-loop). */
  targetless: boolean;
}

export interface ProcedureGraph {
  id: string;
  version: number;
  title: string;
  initial: string | null;
  states: GraphState[];
  transitions: GraphTransition[];
  /** Events the machine accepts in every state (the scheduler's DEADLINE), drawn as a note, not as edges. */
  rootEvents: string[];
}

// Words Mermaid's state-diagram grammar reserves; a state named like them gets a prefix.
const RESERVED = new Set(['state', 'note', 'end', 'direction', 'class', 'classDef', 'style', 'left', 'right', 'of', 'as']);

export function mermaidId(path: string): string {
  const id = path.replace(/[^A-Za-z0-9_]/g, '_');
  return RESERVED.has(id) || /^\d/.test(id) ? `s_${id}` : id;
}

const pathOf = (node: { path: string[] }) => node.path.join('.');

export function eventLabel(definition: AnyProcedureDefinition, type: string): string {
  if (type === DEADLINE_EVENT) return '期限の到来（自動）';
  return definition.events[type]?.label ?? type;
}

export function procedureGraph(definition: AnyProcedureDefinition): ProcedureGraph {
  const root = toDirectedGraph(definition.machine);
  const states: GraphState[] = [];
  const transitions: GraphTransition[] = [];

  const visit = (node: DirectedGraphNode, parent: string | null) => {
    const sn = node.stateNode;
    const path = pathOf(sn);
    const id = mermaidId(path);
    const meta = (sn.meta ?? {}) as Partial<StateMeta>;
    const initialChild = sn.initial?.target?.[0];
    states.push({
      id,
      path,
      label: meta.label ?? sn.key,
      kind: sn.type,
      parent,
      initial: initialChild ? mermaidId(pathOf(initialChild)) : null,
      deadlines: (meta.deadlines ?? []).map((name) => {
        const rule = definition.deadlines[name];
        return { name, label: rule?.label ?? name, enforcement: rule?.enforcement ?? 'soft' };
      }),
      waitingOn: meta.waitingOn ?? null,
    });
    for (const edge of node.edges) {
      transitions.push({
        from: id,
        to: mermaidId(pathOf(edge.target)),
        event: edge.transition.eventType,
        label: eventLabel(definition, edge.transition.eventType),
        guarded: !!edge.transition.guard,
        targetless: !edge.transition.target,
      });
    }
    node.children.forEach((child) => visit(child, id));
  };
  root.children.forEach((child) => visit(child, null));

  const initial = definition.machine.root.initial?.target?.[0];
  return {
    id: definition.id,
    version: definition.version,
    title: definition.title,
    initial: initial ? mermaidId(pathOf(initial)) : null,
    states,
    transitions,
    rootEvents: [...new Set(root.edges.map((e) => e.transition.eventType))],
  };
}
