/** Statutory checks of an abolition: named once in `abolitionRules`, placed on transitions by name. */
import { checkRule } from '../common/rules.js';
import type { RuleTable } from '../types.js';
import type { AbolitionContext, AbolitionEventOf as Ev } from './context.js';

type Ctx = AbolitionContext;
/** The first filing and a re-filing after a correction request are the same form (様式4). */
type Filing = Ev<'ABOLITION_FILED' | 'REFILED'>;

/** 規則34条 / manual II-4(2): 様式4 is filed 「に認定書を添えて」. */
export const certificateAttached = checkRule<Ctx, Filing>(
  'certificate',
  (_c, e) => (e.data.certificateAttached ? null : '認定職業訓練廃止届（様式4）には認定書を添えて提出する必要があります。'),
  '認定書を添付して提出してください。認定書を紛失している場合は管轄職業能力開発センターにご相談ください。',
);

/**
 * Issue 15: the school's open cases must be closed or withdrawn before the abolition. A definition cannot see the
 * school's other cases, so the school declares it and the centre checks the case list before accepting.
 */
export const otherCasesSettled = checkRule<Ctx, Filing>(
  'openCases',
  (_c, e) =>
    e.data.otherCasesSettled
      ? null
      : 'この訓練校に完了していない他の手続の案件があるため、廃止届を提出できません。進行中の案件を先に完了するか取り下げてください。',
  '案件一覧で進行中の案件を確認し、完了又は取下げの後に提出してください。',
);

/** The rules by the names the machine's `rules` guards use. */
export const abolitionRules = { certificateAttached, otherCasesSettled } satisfies RuleTable<Ctx>;

export type AbolitionRuleName = keyof typeof abolitionRules;
