/**
 * Which parties hear about an applied event, and everything their message says, from the definition. Pure:
 * the engine writes the result as outbox rows in the same transaction, and the dispatcher renders and sends
 * them after commit without knowing any procedure.
 */
import { displayLines, displayPayload } from '../../definitions/common/display.js';
import type { AnyProcedureDefinition, CaseFacts, DeadlineEventData, DeadlineRule, EngineEvent, Party } from '../../definitions/types.js';
import type { IsoDate } from '../domain/dates.js';
import { DEADLINE_EVENT } from '../../definitions/types.js';
import type { ActiveDeadline } from './deadline-plan.js';

export type Template = 'received' | 'decision' | 'reminder' | 'due' | 'missed' | 'escalation';

export interface PlannedNotice {
  to: Party;
  template: Template;
  payload: Record<string, unknown>;
}

export interface NoticeCase {
  id: string;
  title: string;
  fromState: string | null;
  toState: string;
  stateLabel: string;
  /** The case after the step. */
  context: unknown;
  /** Its deadlines after the step, shown under received / decision messages. */
  deadlines: ActiveDeadline[];
}

/** A deadline as a message carries it: the rule's words and the dates of this case. */
export function deadlinePayload(rule: DeadlineRule, nominal: IsoDate, effective: IsoDate) {
  return {
    name: rule.name,
    label: rule.label,
    form: rule.form ?? null,
    enforcement: rule.enforcement,
    party: rule.party,
    anchorLabel: rule.anchor.label,
    remedy: rule.remedy ?? null,
    nominal,
    effective,
  };
}

export function plannedNotices(definition: AnyProcedureDefinition, c: NoticeCase, event: EngineEvent): PlannedNotice[] {
  const facts: CaseFacts = definition.facts(c.context);
  const base = {
    procedure: definition.id,
    procedureTitle: definition.title,
    caseId: c.id,
    caseTitle: c.title,
    state: c.toState,
    stateLabel: c.stateLabel,
    at: event.at,
    facts,
  };
  if (event.type === DEADLINE_EVENT) {
    const d = event.data as DeadlineEventData;
    const rule = definition.deadlines[d.deadline];
    if (!rule) return [];
    const deadline = deadlinePayload(rule, d.nominal, d.effective);
    const payload = { ...base, deadline, kind: d.kind };
    if (d.kind === 'overdue') {
      // An office supervising its own deadline (HQ's review date) gets the escalation alone, not two messages.
      const escalation: PlannedNotice = { to: rule.supervisor, template: 'escalation', payload };
      return rule.supervisor === rule.party ? [escalation] : [{ to: rule.party, template: 'missed', payload }, escalation];
    }
    return [{ to: rule.party, template: d.kind, payload }];
  }
  const def = Object.hasOwn(definition.events, event.type) ? definition.events[event.type] : undefined;
  if (!def) return [];
  const upcoming = c.deadlines.map((d) => ({ label: d.rule.label, form: d.rule.form ?? null, nominal: d.nominal, effective: d.effective, party: d.rule.party }));
  return (def.notify ?? []).map((n) => ({
    to: n.to,
    template: n.template,
    payload: {
      ...base,
      eventType: event.type,
      eventLabel: def.label,
      form: def.form ?? null,
      fromState: c.fromState,
      todo: n.todo?.({ context: c.context, data: event.data }) ?? null,
      details: n.showData === false ? [] : displayLines(displayPayload(def.schema, event.data)),
      upcoming,
    },
  }));
}
