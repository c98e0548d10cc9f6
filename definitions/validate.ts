/**
 * The checks a definition passes before the engine runs it: every guard, action and rule it names exists,
 * statutory checks on user events go through the `rules` guard, every deadline is armed by a state, every event is
 * accepted somewhere, every setting has a default, and the statechart is plain JSON. Pure; registration and
 * `npm run cli -- definitions:check` call it.
 */
import type { AnyStateNode } from 'xstate';
import { isIsoDate } from '../src/domain/dates.js';
import { RULES_GUARD, ruleNamesOf } from './common/rules.js';
import { machineJson } from './describe.js';
import { DEADLINE_EVENT, type AnyProcedureDefinition, type StateMeta } from './types.js';

function nodesOf(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(nodesOf)];
}

const nameOf = (x: unknown): string | null =>
  typeof x === 'string' ? x : x && typeof x === 'object' && typeof (x as { type?: unknown }).type === 'string' ? (x as { type: string }).type : null;

export function definitionProblems(d: AnyProcedureDefinition): string[] {
  const problems: string[] = [];
  const where = (node: AnyStateNode) => `state '${node.path.join('.') || '(root)'}'`;
  const impl = d.machine.implementations as { guards: Record<string, unknown>; actions: Record<string, unknown> };
  const accepted = new Set<string>();
  const usedRules = new Set<string>();
  const armed = new Set<string>();

  for (const node of nodesOf(d.machine.root)) {
    const meta = (node.meta ?? {}) as Partial<StateMeta>;
    if (node.path.length && !meta.label) problems.push(`${where(node)} has no label (meta.label)`);
    for (const name of meta.deadlines ?? []) {
      armed.add(name);
      if (!Object.hasOwn(d.deadlines, name)) problems.push(`${where(node)} arms unknown deadline '${name}'`);
    }
    for (const action of [...node.entry, ...node.exit]) {
      const name = nameOf(action);
      if (!name) problems.push(`${where(node)} has an entry/exit action that is not named`);
      else if (!Object.hasOwn(impl.actions, name)) problems.push(`${where(node)} names unknown action '${name}'`);
    }
    const transitions = [...node.transitions.values()].flat().concat(node.always ?? []);
    for (const t of transitions) {
      const event = t.eventType;
      const on = `${where(node)} on ${event || '(always)'}`;
      if (event) accepted.add(event);
      const userEvent = !!event && event !== DEADLINE_EVENT;
      if (userEvent && !Object.hasOwn(d.events, event)) problems.push(`${on}: no event definition for '${event}'`);
      for (const action of t.actions ?? []) {
        const name = nameOf(action);
        if (!name) problems.push(`${on}: an action is a function, not a named action`);
        else if (!Object.hasOwn(impl.actions, name)) problems.push(`${on}: unknown action '${name}'`);
      }
      if (!t.guard) continue;
      const guard = nameOf(t.guard);
      if (!guard) {
        problems.push(`${on}: the guard is a function, not a named guard`);
        continue;
      }
      if (!Object.hasOwn(impl.guards, guard)) problems.push(`${on}: unknown guard '${guard}'`);
      const rules = ruleNamesOf(t.guard);
      if (guard === RULES_GUARD) {
        if (!rules?.length) problems.push(`${on}: the rules guard names no rule`);
        for (const r of rules ?? []) {
          usedRules.add(r);
          if (!Object.hasOwn(d.rules, r)) problems.push(`${on}: unknown rule '${r}'`);
        }
      } else if (userEvent) {
        problems.push(`${on}: a filer's event may only be guarded by statutory rules (guard '${RULES_GUARD}'), so a refusal can be explained; found '${guard}'`);
      }
    }
  }

  for (const type of Object.keys(d.events)) {
    if (!accepted.has(type)) problems.push(`event '${type}' is accepted by no state`);
    const e = d.events[type]!;
    if (e.type !== type) problems.push(`event '${type}' is registered under another type ('${e.type}')`);
    if (!e.label) problems.push(`event '${type}' has no label`);
  }
  for (const [name, rule] of Object.entries(d.deadlines)) {
    if (!armed.has(name)) problems.push(`deadline '${name}' is armed by no state`);
    if (rule.name !== name) problems.push(`deadline '${name}' is registered under another name ('${rule.name}')`);
    if (rule.enforcement === 'hard' && !rule.remedy) problems.push(`hard deadline '${name}' has no remedy for a filer who cannot meet it`);
  }
  for (const name of Object.keys(d.rules)) if (!usedRules.has(name)) problems.push(`rule '${name}' guards no transition`);
  const keys = new Set<string>();
  for (const s of d.settings) {
    if (keys.has(s.key)) problems.push(`setting '${s.key}' is declared twice`);
    keys.add(s.key);
    if (!s.label) problems.push(`setting '${s.key}' has no label`);
    let value: unknown;
    try {
      value = typeof s.default === 'function' ? s.default(2026) : undefined;
    } catch {
      value = undefined;
    }
    if (typeof value !== 'string' || !isIsoDate(value)) problems.push(`setting '${s.key}' has no default date (default(fiscalYear) must return YYYY-MM-DD)`);
  }
  const documentKeys = new Set<string>();
  for (const doc of d.documents ?? []) {
    if (!doc.form || !doc.title) problems.push(`a document has no form id or title ('${doc.form}')`);
    if (doc.fileName !== undefined && !/^[A-Za-z0-9_-]+$/.test(doc.fileName)) problems.push(`document '${doc.form}': fileName '${doc.fileName}' is not ASCII letters, digits, '-' or '_'`);
    for (const key of new Set([doc.form, doc.fileName ?? doc.form])) {
      if (documentKeys.has(key)) problems.push(`document key '${key}' is declared twice`);
      documentKeys.add(key);
    }
    for (const type of doc.events ?? []) if (!Object.hasOwn(d.events, type)) problems.push(`document '${doc.form}' belongs to unknown event '${type}'`);
  }
  const json = machineJson(d);
  if (JSON.stringify(JSON.parse(JSON.stringify(json))) !== JSON.stringify(json) || hasFunction(json)) {
    problems.push('the statechart config is not plain JSON (a function is inlined where a named guard or action belongs)');
  }
  return problems;
}

function hasFunction(x: unknown): boolean {
  if (typeof x === 'function') return true;
  if (Array.isArray(x)) return x.some(hasFunction);
  if (x && typeof x === 'object') return Object.values(x).some(hasFunction);
  return false;
}

export class InvalidDefinitionError extends Error {}

/** Throws with every problem of every definition, so one run shows them all. */
export function assertValidDefinitions(definitions: AnyProcedureDefinition[]): void {
  const ids = new Set(definitions.map((d) => d.id));
  // A procedure another one reads that is not registered would silently read nothing.
  const unknownProcedures = (d: AnyProcedureDefinition) =>
    (
      [
        ['link', d.link?.procedures],
        ['related', d.related?.procedures],
      ] as const
    ).flatMap(([field, procedures]) => (procedures ?? []).filter((id) => !ids.has(id)).map((id) => `${field} names unregistered procedure '${id}'`));
  const all = definitions.flatMap((d) => [...definitionProblems(d), ...unknownProcedures(d)].map((p) => `${d.id}@${d.version}: ${p}`));
  if (all.length) throw new InvalidDefinitionError(`invalid procedure definitions:\n- ${all.join('\n- ')}`);
}
