/**
 * Builders for statutory rules. A rule is a pure function of (context, event) returning a violation or null;
 * the engine calls it to explain a 422 and the machine calls the same function as a guard.
 */
import { formatDateJa } from '../../src/domain/wareki.js';
import { isSubmittedInTime, submitBy } from '../../src/domain/submit-by.js';
import { formatOffset, type IsoDate, tokyoDate } from '../../src/domain/dates.js';
import type { DeadlineRule, EngineEvent, Rule, RuleViolation } from '../types.js';

/**
 * A hard "submit by" rule: the event must arrive on or before the effective last day (the previous open day
 * when the nominal day is a closed day). `anchorOf` reads the anchor from the event when the filing itself
 * carries the date (an implementation notice names the exam date).
 */
export function submitByRule<C>(
  rule: DeadlineRule<C>,
  anchorOf: (context: C, event: EngineEvent<any>) => IsoDate | null,
  remedy: string,
): Rule<C> {
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
export function checkRule<C>(
  name: string,
  check: (context: C, event: EngineEvent<any>) => string | null,
  remedy: string,
): Rule<C> {
  return (context, event) => {
    const message = check(context, event);
    return message ? { rule: name, message, remedy } : null;
  };
}

export function firstViolation<C>(rules: Rule<C>[], context: C, event: EngineEvent<any>): RuleViolation | null {
  for (const rule of rules) {
    const violation = rule(context, event);
    if (violation) return violation;
  }
  return null;
}
