/**
 * Which transitions the current state offers for an event, and whether the statutory rules they name let it
 * through. The rules are read from the transitions' `rules` guards (XState's getNextTransitions), the same
 * names the machine evaluates, so a refusal is explained by the rules themselves and never by a second list.
 */
import { getNextTransitions, type AnyMachineSnapshot } from 'xstate';
import { firstViolation, ruleNamesOf } from '../../definitions/common/rules.js';
import type { AnyProcedureDefinition, RuleViolation } from '../../definitions/types.js';

export function candidateTransitions(snapshot: AnyMachineSnapshot, type: string) {
  if (snapshot.status !== 'active') return [];
  return getNextTransitions(snapshot).filter((t) => t.eventType === type);
}

/** Whether the current state has any transition for this event type, guards aside. */
export function stateAccepts(snapshot: AnyMachineSnapshot, type: string): boolean {
  return candidateTransitions(snapshot, type).length > 0;
}

/**
 * Null when a candidate transition is enabled (the first, in XState's order, is the one taken); otherwise the
 * first broken rule of the first candidate. Registration guarantees a filer's event is guarded by rules only.
 */
export function refusal(definition: AnyProcedureDefinition, snapshot: AnyMachineSnapshot, event: { type: string }): RuleViolation | null {
  let first: RuleViolation | null = null;
  for (const t of candidateTransitions(snapshot, event.type)) {
    const names = ruleNamesOf(t.guard) ?? [];
    const violation = firstViolation(definition.rules, names, snapshot.context, event);
    if (!violation) return null;
    first ??= violation;
  }
  return first;
}
