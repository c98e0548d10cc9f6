/** Statutory checks of a change notice: named once in `changeNoticeRules`, placed on transitions by name. */
import { checkRule } from '../common/rules.js';
import type { RuleTable } from '../types.js';
import type { ChangeNoticeContext, ChangeNoticeEventOf as Ev } from './context.js';
import { CHANGE_ITEMS } from './forms.js';

type Ctx = ChangeNoticeContext;
/** The first filing and a re-filing after a correction request are the same form (様式2). */
type Filing = Ev<'CHANGE_FILED' | 'REFILED'>;

/** 様式2 「変更事項及びその内容」: each row states a change, so its 新 differs from its 旧. */
export const changesDiffer = checkRule<Ctx, Filing>(
  'changeContent',
  (_c, e) => {
    const same = e.data.changes.filter((c) => c.before.trim() === c.after.trim());
    return same.length === 0
      ? null
      : `変更事項及びその内容の「新」と「旧」が同じです（${same.map((c) => CHANGE_ITEMS[c.item]).join('／')}）。変更のある事項だけを記載してください。`;
  },
  '変更後（新）と変更前（旧）の内容を記載してください。',
);

/** The rules by the names the machine's `rules` guards use. */
export const changeNoticeRules = { changesDiffer } satisfies RuleTable<Ctx>;

export type ChangeNoticeRuleName = keyof typeof changeNoticeRules;
