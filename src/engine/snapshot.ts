/** Between XState snapshots and the JSON kept in the cases table. */
import type { AnyMachineSnapshot, AnyStateMachine, StateValue } from 'xstate';
import type { StateMeta } from '../../definitions/types.js';

export interface StoredSnapshot {
  value: StateValue;
  context: unknown;
  status: string;
}

export function toStored(snapshot: AnyMachineSnapshot): StoredSnapshot {
  return { value: snapshot.value, context: snapshot.context, status: snapshot.status };
}

export function restore(machine: AnyStateMachine, stored: StoredSnapshot): AnyMachineSnapshot {
  return machine.resolveState({ value: stored.value, context: stored.context as Record<string, unknown> });
}

/** 'a' | { a: 'b' } | parallel regions -> 'a', 'a.b', 'x.y,z' */
export function stateKey(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([k, v]) => (v === undefined || (typeof v === 'object' && Object.keys(v).length === 0) ? k : `${k}.${stateKey(v as StateValue)}`))
    .join(',');
}

/** The inverse of stateKey: 'a' -> 'a', 'a.b' -> { a: 'b' }, 'x.y,z' -> { x: 'y', z: {} }. */
export function stateValueOf(key: string): StateValue {
  const paths = key.split(',');
  if (paths.length === 1 && !key.includes('.')) return key;
  const value: Record<string, unknown> = {};
  for (const path of paths) {
    const [head, ...rest] = path.split('.');
    let node = value;
    let k = head!;
    for (const part of rest) {
      node = (node[k] ??= {}) as Record<string, unknown>;
      k = part;
    }
    node[k] ??= {};
  }
  // Leaves are strings in XState's state values ({ a: 'b' }, not { a: { b: {} } }).
  const collapse = (v: Record<string, unknown>): StateValue =>
    Object.fromEntries(Object.entries(v).map(([k, child]) => {
      const c = child as Record<string, unknown>;
      const keys = Object.keys(c);
      if (keys.length === 1 && Object.keys(c[keys[0]!] as object).length === 0) return [k, keys[0]!];
      return [k, keys.length ? collapse(c) : {}];
    })) as StateValue;
  return collapse(value);
}

/** Metas of the active state nodes, outermost first. */
export function activeMetas(snapshot: AnyMachineSnapshot): StateMeta[] {
  return snapshot._nodes.map((n) => n.meta as StateMeta | undefined).filter((m): m is StateMeta => !!m);
}

export function activeDeadlineNames(snapshot: AnyMachineSnapshot): string[] {
  if (snapshot.status !== 'active') return [];
  return [...new Set(activeMetas(snapshot).flatMap((m) => m.deadlines ?? []))];
}

export function isClosed(snapshot: AnyMachineSnapshot): boolean {
  return activeMetas(snapshot).some((m) => m.closed);
}

export function waitingOn(snapshot: AnyMachineSnapshot): string | null {
  if (snapshot.status !== 'active') return null;
  const metas = activeMetas(snapshot).filter((m) => m.waitingOn);
  return metas.at(-1)?.waitingOn ?? null;
}

export function stateLabel(snapshot: AnyMachineSnapshot): string {
  return activeMetas(snapshot)
    .map((m) => m.label)
    .join(' / ');
}
