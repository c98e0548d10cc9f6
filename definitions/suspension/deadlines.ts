/**
 * Time in a suspension (manual II-4): the yearly re-filing, the fiscal-year roll that arms it, and the
 * reviews for revocation (5 years; 1 year for a 職業訓練法人). The last three are triggers as much as
 * deadlines: the machine reacts to their timers (see machines/suspension.ts).
 */
import { nextOpenDay } from '../../src/domain/calendar.js';
import { addDays, addMonths } from '../../src/domain/dates.js';
import { fiscalYearStart as fyStart } from '../../src/domain/fiscal-year.js';
import { settingValue } from '../common/settings.js';
import type { DeadlineRule, SettingDefinition } from '../types.js';
import type { ReviewReason, SuspensionContext } from './context.js';

type Rule = DeadlineRule<SuspensionContext>;

/** The date HQ sets each fiscal year for the yearly 様式3-1・3-2 (default: the end of April). */
export const suspensionSettings: SettingDefinition[] = [
  { key: 'refiling', label: '休止届・再開計画書の年度ごとの提出日', default: (fy) => `${fy}-04-30` },
];

/** A review HQ closed by letting the suspension continue ends that deadline: it is not re-armed. */
const reviewClosed = (c: SuspensionContext, reason: ReviewReason) => c.reviews.some((r) => r.reason === reason && r.outcome === 'continued');

/** The last day of "N months from the suspension date" (a 5-year suspension from 1 April ends on 31 March). */
export const limitAfter = (suspensionDate: string, months: number) => addDays(addMonths(suspensionDate, months), -1);

/**
 * The first open day of the next fiscal year. Anchored on an open day so the nominal and effective dates agree:
 * a "submit by" pull-back would otherwise roll the year over on the last days of March.
 */
export const fiscalYearStart: Rule = {
  name: 'fiscalYearStart',
  label: '新年度の開始（休止届・再開計画書の再提出）',
  form: '様式3-1・3-2',
  party: 'school',
  supervisor: 'center',
  enforcement: 'soft',
  anchor: { label: '翌年度の最初の開庁日（4月1日）', resolve: (c) => nextOpenDay(fyStart(c.currentFiscalYear + 1)) },
  offset: {},
  direction: 'before',
  reminders: [],
};

export const annualRefiling: Rule = {
  name: 'annualRefiling',
  label: '休止届・再開計画書の年度ごとの再提出',
  form: '様式3-1・3-2',
  party: 'school',
  supervisor: 'center',
  enforcement: 'soft',
  anchor: { label: '本庁が定める年度ごとの提出日', resolve: (c, _s, settingsOf) => settingValue(settingsOf(c.currentFiscalYear), 'refiling') },
  offset: {},
  direction: 'before',
  reminders: [14, 7, 1],
};

export const fiveYearReview: Rule = {
  name: 'fiveYearReview',
  label: '訓練の再開（休止から5年以内）',
  party: 'school',
  supervisor: 'hq',
  enforcement: 'soft',
  anchor: { label: '休止年月日から5年', resolve: (c) => (reviewClosed(c, 'fiveYears') ? null : limitAfter(c.suspensionDate, 60)) },
  offset: {},
  direction: 'before',
  reminders: [90, 30, 7],
  // Five years elapse on their last day, open or not: the review starts the day after, never earlier.
  closedDays: 'none',
};

export const corporationReview: Rule = {
  name: 'corporationReview',
  label: '職業訓練法人の訓練再開（1年以内）',
  party: 'school',
  supervisor: 'hq',
  enforcement: 'soft',
  anchor: {
    label: '休止年月日から1年（職業訓練法人）',
    resolve: (c) => (!c.trainingCorporation || reviewClosed(c, 'corporationIdle') ? null : limitAfter(c.suspensionDate, 12)),
  },
  offset: {},
  direction: 'before',
  reminders: [30, 7],
  closedDays: 'none',
};

export const suspensionDeadlines = { fiscalYearStart, annualRefiling, fiveYearReview, corporationReview } satisfies Record<string, Rule>;
