/**
 * The dates of a supervision visit (manual II-5). The manual sets none; this definition ASSUMES:
 * - visitRecord: the visiting office records the visit (findings, follow-up date) within 7 days of the planned visit
 *   day, so the school hears of its findings in writing; soft, HQ supervising.
 * - followUp: the school reports its improvements by the date the visitor sets (on the visit or a 再指導); a "report by"
 *   date on a closed day moves back to the open day before; soft, recorded late, the centre supervising.
 */
import type { DeadlineRule } from '../types.js';
import type { SupervisionContext } from './context.js';

type Rule = DeadlineRule<SupervisionContext>;

export const visitRecord: Rule = {
  name: 'visitRecord',
  label: '指導・監督の記録（訪問日から7日以内）',
  party: 'center',
  supervisor: 'hq',
  enforcement: 'soft',
  anchor: { label: '訪問予定日', resolve: (c) => c.plannedOn },
  offset: { days: 7 },
  direction: 'after',
  reminders: [1],
};

export const followUp: Rule = {
  name: 'followUp',
  label: '改善状況の報告',
  party: 'school',
  supervisor: 'center',
  enforcement: 'soft',
  anchor: { label: '訪問者が定めた改善状況の報告期限', resolve: (c) => c.followUpBy },
  offset: {},
  direction: 'before',
  reminders: [7, 1],
};

export const supervisionDeadlines = { visitRecord, followUp } satisfies Record<string, Rule>;
