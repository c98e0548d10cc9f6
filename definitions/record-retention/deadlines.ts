/**
 * The end of a retention period (manual II-6 保存年限): a period that simply elapses, so it is not moved to an open day
 * (closedDays 'none', like the 5 years of a suspension). Its missed notice (the morning after the last day) makes the
 * records whose period ended disposable; the next period (5 years after 3) is armed then. Soft: nothing is owed.
 */
import type { DeadlineRule } from '../types.js';
import type { RecordRetentionContext } from './context.js';
import { nextRetentionEnd } from './records.js';

export const retentionEnds: DeadlineRule<RecordRetentionContext> = {
  name: 'retentionEnds',
  label: '帳票の保存年限の満了',
  party: 'school',
  supervisor: 'center',
  enforcement: 'soft',
  anchor: { label: '保存年限の最終日（帳票の年度末から起算）', resolve: (c) => nextRetentionEnd(c) },
  offset: {},
  direction: 'before',
  reminders: [30],
  closedDays: 'none',
};

export const recordRetentionDeadlines = { retentionEnds } satisfies Record<string, DeadlineRule<RecordRetentionContext>>;
