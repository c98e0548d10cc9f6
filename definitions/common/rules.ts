/**
 * Statutory rules. A rule is a pure function of (context, event) returning a violation or null. Rules are
 * named once, in a procedure's rule table, and placed on the transitions they guard with the parameterised
 * `rules` guard (`guard: rules('implementationNoticeInTime', 'examDatesInWindow')`); the machine evaluates the
 * guard and the engine explains a refusal (422) from the same names.
 */
import { formatDateJa } from '../../src/domain/wareki.js';
import { isSubmittedInTime, submitBy } from '../../src/domain/submit-by.js';
import { formatOffset, type IsoDate, tokyoDate } from '../../src/domain/dates.js';
import type { DeadlineRule, EngineEvent, Rule, RuleTable, RuleViolation } from '../types.js';

/** The name of the parameterised guard that checks statutory rules. */
export const RULES_GUARD = 'rules';

export interface RulesGuardParams {
  rules: string[];
}

/** A transition's guard naming the statutory rules it checks: `{ type: 'rules', params: { rules: [...] } }`. */
export function rules<N extends string>(...names: N[]) {
  return { type: RULES_GUARD, params: { rules: names } } as const;
}

/** The `rules` names a transition guard refers to, or null when the guard is something else (or absent). */
export function ruleNamesOf(guard: unknown): string[] | null {
  if (!guard || typeof guard !== 'object') return null;
  const g = guard as { type?: unknown; params?: { rules?: unknown } };
  return g.type === RULES_GUARD && Array.isArray(g.params?.rules) ? (g.params.rules as string[]) : null;
}

export function firstViolation<C>(table: RuleTable<C>, names: readonly string[], context: C, event: unknown): RuleViolation | null {
  for (const name of names) {
    const rule = table[name];
    if (!rule) throw new Error(`unknown rule '${name}'`);
    // The table forgets each rule's event type; registration checks a rule only guards its own event.
    const violation = rule(context, event as never);
    if (violation) return violation;
  }
  return null;
}

/** The implementation of the `rules` guard for one procedure's rule table. */
export function rulesGuard<C>(table: RuleTable<C>) {
  return ({ context, event }: { context: C; event: unknown }, params: RulesGuardParams) =>
    firstViolation(table, params.rules, context, event) === null;
}

/**
 * A hard "submit by" rule: the event must arrive on or before the effective last day (the previous open day
 * when the nominal day is a closed day). `anchorOf` reads the anchor from the event when the filing itself
 * carries the date (an implementation notice names the exam date). The remedy defaults to the deadline's.
 */
export function submitByRule<C, E extends Pick<EngineEvent, 'at'>>(
  rule: DeadlineRule<C>,
  anchorOf: (context: C, event: E) => IsoDate | null,
  remedy: string | undefined = rule.remedy,
): Rule<C, E> {
  if (!remedy) throw new Error(`the submit-by rule of deadline '${rule.name}' needs a remedy`);
  return (context, event) => {
    const anchor = anchorOf(context, event);
    if (!anchor) return null;
    const due = submitBy(anchor, rule.offset, rule.direction);
    if (isSubmittedInTime(event.at, due.effective)) return null;
    const closed = due.closedReason ? `（${formatDateJa(due.nominal)} は${due.closedReason}のため、実質の期限はその前の開庁日）` : '';
    return {
      rule: rule.name,
      message:
        `${rule.label}${rule.form ? `〔${rule.form}〕` : ''}は${rule.anchor.label}（${formatDateJa(anchor)}）の` +
        `${formatOffset(rule.offset, rule.direction)}までに提出する必要があります。期限 ${formatDateJa(due.nominal)}` +
        `${closed}、実質の期限 ${formatDateJa(due.effective)} を過ぎています（提出日 ${formatDateJa(tokyoDate(event.at))}）。`,
      nominal: due.nominal,
      effective: due.effective,
      remedy,
    };
  };
}

/** A rule from a plain predicate, for checks that are not about dates. */
export function checkRule<C, E = EngineEvent>(name: string, check: (context: C, event: E) => string | null, remedy: string): Rule<C, E> {
  return (context, event) => {
    const message = check(context, event);
    return message ? { rule: name, message, remedy } : null;
  };
}
