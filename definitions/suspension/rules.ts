/** Statutory rules of a suspension: named once in `suspensionRules`, placed on transitions by name. */
import { compareDates } from '../../src/domain/dates.js';
import { fiscalYearEnd, fiscalYearLabel } from '../../src/domain/fiscal-year.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { checkRule } from '../common/rules.js';
import type { RuleTable } from '../types.js';
import type { SuspensionContext, SuspensionEventOf as Ev } from './context.js';

type Ctx = SuspensionContext;
/** The first filing and the yearly re-filing are the same forms (様式3-1・3-2). */
type Filing = Ev<'SUSPENSION_FILED' | 'ANNUAL_REFILED'>;

/** The fiscal year a filing covers: the year the suspension is in now (its first year for the first filing). */
export const coveredFiscalYear = (c: Ctx) => c.currentFiscalYear;

/** 様式3-2: "再開年月日は次年度まで" — a plan may reach at most to the end of the next fiscal year. */
export const resumptionLimit = (c: Ctx) => fiscalYearEnd(coveredFiscalYear(c) + 1);

export const resumptionWithinNextFiscalYear = checkRule<Ctx, Filing>(
  'plannedResumption',
  (c, e) => {
    const planned = e.data.plan.plannedResumptionDate;
    const limit = resumptionLimit(c);
    return compareDates(planned, limit) <= 0
      ? null
      : `再開予定年月日（${formatDateJa(planned)}）は次年度（${fiscalYearLabel(coveredFiscalYear(c) + 1)}）末の ${formatDateJa(limit)} までとしてください。引き続き休止する場合は、次年度に様式3-1・3-2を再度提出します。`;
  },
  '再開予定年月日を次年度末までの日付にして提出してください。',
);

export const resumptionAfterSuspension = checkRule<Ctx, Filing>(
  'plannedResumption',
  (_c, e) =>
    compareDates(e.data.plan.plannedResumptionDate, e.data.notice.suspensionDate) > 0
      ? null
      : `再開予定年月日は休止年月日（${formatDateJa(e.data.notice.suspensionDate)}）より後の日付としてください。`,
  '再開予定年月日を確認してください。',
);

/** Re-filing is owed when this fiscal year has no filing yet. */
export const refilingOwed = (c: Ctx) => !c.filings.some((f) => f.fiscalYear === c.currentFiscalYear);

export const refilingIsOwed = checkRule<Ctx, Ev<'ANNUAL_REFILED'>>(
  'refiling',
  (c) => (refilingOwed(c) ? null : `${fiscalYearLabel(c.currentFiscalYear)}の休止届・再開計画書は提出済みです。`),
  '次の年度になってから提出してください。',
);

/** The rules by the names the machine's `rules` guards use. */
export const suspensionRules = {
  resumptionWithinNextFiscalYear,
  resumptionAfterSuspension,
  refilingIsOwed,
} satisfies RuleTable<Ctx>;

export type SuspensionRuleName = keyof typeof suspensionRules;
