/**
 * The catch-up message: when the scheduler meets reminders whose moment passed while nothing ran (see
 * `reminderIsStale`), it skips them and writes ONE 'catch-up' outbox row per party per case in the same
 * transaction, listing each deadline it was not reminded of (nominal and effective dates, the reminder dates
 * it missed). Pure: the scheduler writes the result; the dispatcher renders it (src/notify/templates.ts).
 */
import type { AnyProcedureDefinition, Party } from '../../definitions/types.js';
import type { IsoDate } from '../domain/dates.js';
import { tokyoDate } from '../domain/dates.js';
import { deadlinePayload } from './notifications.js';

export const CATCH_UP_TEMPLATE = 'catch-up';

export interface SkippedReminder {
  deadline: string;
  nominal: IsoDate;
  effective: IsoDate;
  fireAt: Date;
}

export interface CatchUpItem {
  name: string;
  label: string;
  form: string | null;
  enforcement: 'hard' | 'soft';
  party: Party;
  anchorLabel: string;
  remedy: string | null;
  nominal: IsoDate;
  effective: IsoDate;
  /** The Tokyo days the skipped reminders were meant for, oldest first. */
  remindersMissed: IsoDate[];
}

export interface CatchUpNotice {
  to: Party;
  template: typeof CATCH_UP_TEMPLATE;
  payload: Record<string, unknown> & { items: CatchUpItem[] };
}

export function catchUpNotices(
  definition: AnyProcedureDefinition,
  c: { id: string; title: string; state: string; stateLabel: string; context: unknown },
  skipped: SkippedReminder[],
  at: string,
): CatchUpNotice[] {
  const byParty = new Map<Party, Map<string, CatchUpItem>>();
  for (const t of [...skipped].sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime())) {
    const rule = definition.deadlines[t.deadline];
    if (!rule) continue;
    const items = byParty.get(rule.party) ?? new Map<string, CatchUpItem>();
    byParty.set(rule.party, items);
    const key = `${t.deadline}|${t.effective}`;
    const item: CatchUpItem = items.get(key) ?? { ...deadlinePayload(rule, t.nominal, t.effective), remindersMissed: [] };
    item.remindersMissed.push(tokyoDate(t.fireAt));
    items.set(key, item);
  }
  const base = {
    procedure: definition.id,
    procedureTitle: definition.title,
    caseId: c.id,
    caseTitle: c.title,
    state: c.state,
    stateLabel: c.stateLabel,
    at,
    facts: definition.facts(c.context),
  };
  return [...byParty].map(([to, items]) => ({
    to,
    template: CATCH_UP_TEMPLATE,
    payload: { ...base, items: [...items.values()].sort((a, b) => a.effective.localeCompare(b.effective) || a.name.localeCompare(b.name)) },
  }));
}
