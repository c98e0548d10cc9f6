/** A definition as plain JSON: states, transitions, events with JSON Schemas of their 様式, deadline rules. Pure. */
import type { AnyStateNode } from 'xstate';
import { z } from 'zod';
import { formatOffset } from '../src/domain/dates.js';
import { ruleNamesOf } from './common/rules.js';
import type { AnyProcedureDefinition, StateMeta } from './types.js';

export interface DescribedState {
  id: string;
  path: string;
  label: string;
  final: boolean;
  waitingOn: string | null;
  deadlines: string[];
  transitions: { event: string; target: string | null; guarded: boolean; rules: string[] }[];
}

function walk(node: AnyStateNode, path: string[], out: DescribedState[]) {
  for (const [key, child] of Object.entries(node.states)) {
    const childPath = [...path, key];
    const meta = (child.meta ?? {}) as Partial<StateMeta>;
    const transitions = [...child.transitions.values()].flat().map((t) => ({
      event: t.eventType,
      target: t.target?.[0] ? t.target[0].path.join('.') : null,
      guarded: !!t.guard,
      rules: ruleNamesOf(t.guard) ?? [],
    }));
    out.push({
      id: child.id,
      path: childPath.join('.'),
      label: meta.label ?? key,
      final: child.type === 'final',
      waitingOn: meta.waitingOn ?? null,
      deadlines: meta.deadlines ?? [],
      transitions,
    });
    walk(child, childPath, out);
  }
}

export function describeStates(definition: AnyProcedureDefinition): DescribedState[] {
  const out: DescribedState[] = [];
  walk(definition.machine.root, [], out);
  return out;
}

/** Events the root accepts in every state (the scheduler's DEADLINE). */
export function rootEvents(definition: AnyProcedureDefinition): string[] {
  return [...definition.machine.root.transitions.keys()];
}

/**
 * The statechart as plain XState JSON config, openable in Stately's editor: states, transitions, named guards
 * (statutory rules as `{ type: 'rules', params: { rules } }`) and actions, meta with labels and deadlines.
 * The context factory (input -> initial context) is code and stays out.
 */
export function machineJson(definition: AnyProcedureDefinition): Record<string, unknown> {
  const { context: _context, ...config } = definition.machine.config as Record<string, unknown>;
  return config;
}

export function describeDefinition(definition: AnyProcedureDefinition) {
  return {
    id: definition.id,
    version: definition.version,
    title: definition.title,
    description: definition.description,
    initial: String(definition.machine.root.initial?.target?.[0]?.key ?? ''),
    createRoles: definition.createRoles,
    settings: definition.settings.map((s) => ({ key: s.key, label: s.label })),
    input: z.toJSONSchema(definition.inputSchema, { unrepresentable: 'any', io: 'input' }),
    states: describeStates(definition),
    rootEvents: rootEvents(definition),
    events: Object.values(definition.events).map((e) => ({
      type: e.type,
      label: e.label,
      form: e.form ?? null,
      roles: e.roles,
      rules: [...new Set(describeStates(definition).flatMap((s) => s.transitions.filter((t) => t.event === e.type).flatMap((t) => t.rules)))],
      messages: (e.notify ?? []).map((n) => ({ to: n.to, template: n.template })),
      schema: z.toJSONSchema(e.schema, { unrepresentable: 'any', io: 'input' }),
    })),
    deadlines: Object.values(definition.deadlines).map((d) => ({
      name: d.name,
      label: d.label,
      form: d.form ?? null,
      party: d.party,
      supervisor: d.supervisor,
      enforcement: d.enforcement,
      anchor: d.anchor.label,
      offset: d.offset,
      direction: d.direction,
      rule: `${d.anchor.label}の${formatOffset(d.offset, d.direction)}`,
      reminders: d.reminders,
    })),
  };
}
