/**
 * The manual sets no statutory deadline for a reissue; the date HQ assigns for the reissued certificate is
 * the natural target for HQ's re-certification and the school's delivery (soft: recorded, never blocking).
 */
import type { DeadlineRule } from '../types.js';
import type { ReissueContext } from './context.js';

type Rule = DeadlineRule<ReissueContext>;

const reissueDate = { label: '再交付証書に記載する日付', resolve: (c: ReissueContext) => c.reissue?.reissueDate ?? null };

export const recertification: Rule = {
  name: 'recertification',
  label: '知事の再証明',
  party: 'hq',
  supervisor: 'hq',
  enforcement: 'soft',
  anchor: reissueDate,
  offset: {},
  direction: 'before',
  reminders: [3, 1],
};

export const delivery: Rule = {
  name: 'delivery',
  label: '再交付証書の交付',
  party: 'school',
  supervisor: 'hq',
  enforcement: 'soft',
  anchor: reissueDate,
  offset: { weeks: 1 },
  direction: 'after',
  reminders: [3],
};

export const reissueDeadlines = { recertification, delivery } satisfies Record<string, Rule>;
