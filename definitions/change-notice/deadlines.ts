/**
 * The one deadline of a change notice (manual II-3): 様式2 is filed 「事前かつ速やかに」, before the change date.
 * Soft: a filing after the change date is accepted (the manual: 事前に届出が難しい場合は各センター担当者に相談),
 * recorded late on the case, and the centre is told when the day passes.
 */
import type { DeadlineRule } from '../types.js';
import type { ChangeNoticeContext } from './context.js';

export const changeNotice: DeadlineRule<ChangeNoticeContext> = {
  name: 'changeNotice',
  label: '認定職業訓練事項変更届（事前届出）',
  form: '様式2',
  party: 'school',
  supervisor: 'center',
  enforcement: 'soft',
  anchor: { label: '変更年月日', resolve: (c) => c.changeDate },
  offset: { days: 1 },
  direction: 'before',
  reminders: [14, 7, 1],
};

export const changeNoticeDeadlines = { changeNotice } satisfies Record<string, DeadlineRule<ChangeNoticeContext>>;
