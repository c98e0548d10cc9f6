/**
 * A procedure's statechart as a plain graph (states, transitions, deadlines, grouped transitions), read from the
 * machine's state nodes and labelled from the definition. Pure; the Mermaid text and the SVG are drawn from it.
 *
 * What the drawing needs that the raw machine does not say directly:
 * - a targetless transition is an internal one (drawn on its state as ↻, not as an edge);
 * - the scheduler's DEADLINE event drawn distinctly (timer), and a DEADLINE handler that only records the notice
 *   (every state has one) left out;
 * - eventless (`always`) transitions of a transient state drawn as automatic;
 * - an event taken the same way from many states (withdrawal, revocation) drawn once, as a group with a marker
 *   on each state it applies to, instead of one edge per state.
 */
import type { AnyStateNode } from 'xstate';
import { DEADLINE_EVENT, type AnyProcedureDefinition, type StateMeta } from '../../definitions/types.js';
import { formatOffset } from '../domain/dates.js';

export interface GraphDeadline {
  name: string;
  label: string;
  enforcement: 'hard' | 'soft';
  /** The rule in words: the anchor's label and the offset ('〇〇の1か月前'). */
  rule: string;
}

export interface GraphState {
  /** An identifier safe in Mermaid text and in SVG ids. */
  id: string;
  /** The dotted state path, as stored in cases.state. */
  path: string;
  label: string;
  kind: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** Left at once by an eventless transition: never at rest. */
  transient: boolean;
  parent: string | null;
  /** The initial child's id (compound states). */
  initial: string | null;
  deadlines: GraphDeadline[];
  waitingOn: string | null;
  /** Markers of the transition groups this state takes part in. */
  groups: string[];
}

export type TransitionKind = 'event' | 'timer' | 'auto';

export interface GraphTransition {
  /** Stable and unique within the graph. */
  key: string;
  from: string;
  to: string;
  /** The event type ('' for eventless). */
  event: string;
  label: string;
  guarded: boolean;
  kind: TransitionKind;
  /** No target: the state handles the event without leaving (drawn on the state). */
  internal: boolean;
}

/** An event taken the same way from many states, drawn once. */
export interface TransitionGroup {
  /** 'A', 'B'…: shown on each state of the group and on the group's note. */
  marker: string;
  key: string;
  event: string;
  label: string;
  guarded: boolean;
  /** The target's id, or null when the states handle the event without leaving. */
  to: string | null;
  from: string[];
}

export interface ProcedureGraph {
  id: string;
  version: number;
  title: string;
  initial: string | null;
  states: GraphState[];
  /** Transitions drawn one by one (those of the groups are not repeated here). */
  transitions: GraphTransition[];
  groups: TransitionGroup[];
  /** Events the machine accepts in every state (the scheduler's DEADLINE), said in the legend. */
  rootEvents: string[];
}

/** An event taken the same way from at least this many states is drawn once as a group. */
export const GROUP_MIN_STATES = 3;

// Words Mermaid's state-diagram grammar reserves; a state named like them gets a prefix.
const RESERVED = new Set(['state', 'note', 'end', 'direction', 'class', 'classDef', 'style', 'left', 'right', 'of', 'as']);

export function mermaidId(path: string): string {
  const id = path.replace(/[^A-Za-z0-9_]/g, '_');
  return RESERVED.has(id) || /^\d/.test(id) ? `s_${id}` : id;
}

export const TIMER_LABEL = '期限の到来（自動）';

export function eventLabel(definition: AnyProcedureDefinition, type: string): string {
  if (type === DEADLINE_EVENT) return TIMER_LABEL;
  return definition.events[type]?.label ?? type;
}

interface RawTransition {
  eventType: string;
  target?: readonly AnyStateNode[];
  guard?: unknown;
  description?: string;
  meta?: { label?: string };
}

/** A transition's own words when the machine gives them (`description` or `meta.label`), else the event's label. */
function labelOf(definition: AnyProcedureDefinition, t: RawTransition, kind: TransitionKind, guarded: boolean): string {
  const own = t.meta?.label ?? t.description;
  if (own) return own;
  if (kind === 'auto') return guarded ? '自動（条件を満たすとき）' : '自動（それ以外のとき）';
  return eventLabel(definition, t.eventType);
}

export function procedureGraph(definition: AnyProcedureDefinition): ProcedureGraph {
  const states: GraphState[] = [];
  const raw: GraphTransition[] = [];
  const pathOf = (sn: AnyStateNode) => sn.path.join('.');

  const visit = (sn: AnyStateNode, parent: string | null) => {
    const path = pathOf(sn);
    const id = mermaidId(path);
    const meta = (sn.meta ?? {}) as Partial<StateMeta>;
    const initialChild = sn.initial?.target?.[0];
    const always = (sn.always ?? []) as unknown as RawTransition[];
    states.push({
      id,
      path,
      label: meta.label ?? sn.key,
      kind: sn.type,
      transient: always.length > 0,
      parent,
      initial: initialChild ? mermaidId(pathOf(initialChild)) : null,
      deadlines: (meta.deadlines ?? []).map((name) => {
        const rule = definition.deadlines[name];
        return {
          name,
          label: rule?.label ?? name,
          enforcement: rule?.enforcement ?? 'soft',
          rule: rule ? `${rule.anchor.label}の${formatOffset(rule.offset, rule.direction)}` : '',
        };
      }),
      waitingOn: meta.waitingOn ?? null,
      groups: [],
    });
    const own: [RawTransition, TransitionKind][] = [
      ...[...sn.transitions.values()].flat().map((t) => [t as unknown as RawTransition, t.eventType === DEADLINE_EVENT ? 'timer' : 'event'] as [RawTransition, TransitionKind]),
      ...always.map((t) => [t, 'auto'] as [RawTransition, TransitionKind]),
    ];
    for (const [t, kind] of own) {
      const target = t.target?.[0];
      const guarded = !!t.guard;
      // A DEADLINE handled without a guard or a target only records the notice (every state does): not drawn.
      if (kind === 'timer' && !target && !guarded) continue;
      raw.push({
        key: '',
        from: id,
        to: target ? mermaidId(pathOf(target)) : id,
        event: kind === 'auto' ? '' : t.eventType,
        label: labelOf(definition, t, kind, guarded),
        guarded,
        kind,
        internal: !target,
      });
    }
    for (const child of Object.values(sn.states) as AnyStateNode[]) visit(child, id);
  };
  for (const child of Object.values(definition.machine.root.states) as AnyStateNode[]) visit(child, null);

  // The same drawn edge twice (two guarded DEADLINE branches to one target) is drawn once.
  const seen = new Map<string, GraphTransition>();
  for (const t of raw) {
    const k = `${t.from}|${t.kind}|${t.event}|${t.internal ? '↻' : t.to}|${t.label}`;
    const prior = seen.get(k);
    if (prior) prior.guarded ||= t.guarded;
    else seen.set(k, { ...t, key: `t${seen.size + 1}` });
  }
  const unique = [...seen.values()];

  // Events taken the same way (same target, or staying) from many states become groups.
  const byWay = new Map<string, GraphTransition[]>();
  for (const t of unique) {
    if (t.kind !== 'event') continue;
    const way = `${t.event}|${t.internal ? '' : t.to}|${t.label}`;
    byWay.set(way, [...(byWay.get(way) ?? []), t]);
  }
  const groups: TransitionGroup[] = [];
  const grouped = new Set<GraphTransition>();
  for (const ts of byWay.values()) {
    const from = [...new Set(ts.map((t) => t.from))];
    if (from.length < GROUP_MIN_STATES) continue;
    const marker = String.fromCharCode(65 + groups.length);
    const first = ts[0]!;
    groups.push({ marker, key: `g${marker}`, event: first.event, label: first.label, guarded: ts.some((t) => t.guarded), to: first.internal ? null : first.to, from });
    ts.forEach((t) => grouped.add(t));
    for (const s of states) if (from.includes(s.id)) s.groups.push(marker);
  }

  const initial = definition.machine.root.initial?.target?.[0];
  return {
    id: definition.id,
    version: definition.version,
    title: definition.title,
    initial: initial ? mermaidId(pathOf(initial as AnyStateNode)) : null,
    states,
    transitions: unique.filter((t) => !grouped.has(t)),
    groups,
    rootEvents: [...definition.machine.root.transitions.keys()],
  };
}

/** Every (state, event) pair the graph draws, one by one or through a group: for checks that nothing is lost. */
export function drawnWays(graph: ProcedureGraph): { from: string; event: string; to: string | null }[] {
  return [
    ...graph.transitions.map((t) => ({ from: t.from, event: t.event, to: t.internal ? null : t.to })),
    ...graph.groups.flatMap((g) => g.from.map((from) => ({ from, event: g.event, to: g.to }))),
  ];
}
