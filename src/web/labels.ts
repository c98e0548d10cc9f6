/** Japanese labels of procedures, states and events, looked up from the registered definitions. */
import type { Registry } from '../../definitions/registry.js';
import { describeStates } from '../../definitions/describe.js';
import type { AnyProcedureDefinition } from '../../definitions/types.js';

const cache = new WeakMap<AnyProcedureDefinition, Map<string, string>>();

export function stateLabels(definition: AnyProcedureDefinition): Map<string, string> {
  let m = cache.get(definition);
  if (!m) cache.set(definition, (m = new Map(describeStates(definition).map((s) => [s.path, s.label]))));
  return m;
}

export function labeller(registry: Registry) {
  const def = (procedure: string, version?: number) => (version ? registry.get(procedure, version) : undefined) ?? registry.latest(procedure);
  return {
    procedure: (procedure: string) => registry.latest(procedure)?.title ?? procedure,
    state: (procedure: string, state: string, version?: number) => {
      const d = def(procedure, version);
      // A parallel state value reads 'a.x,b.y': label each region.
      return d ? state.split(',').map((p) => stateLabels(d).get(p) ?? p).join(' / ') : state;
    },
    event: (procedure: string, type: string, version?: number) => {
      if (type === 'CASE_CREATED') return '案件の作成';
      if (type === 'DEADLINE') return '期限の通知（自動）';
      return def(procedure, version)?.events[type]?.label ?? type;
    },
  };
}

export type Labeller = ReturnType<typeof labeller>;
