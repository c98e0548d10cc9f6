/** Checks of a recorded 様式15: named once in `dispersedTrainingRules`, placed on transitions by name. */
import { compareDates, tokyoDate } from '../../src/domain/dates.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { checkRule } from '../common/rules.js';
import type { RuleTable } from '../types.js';
import type { DispersedTrainingReportContext, DispersedTrainingReportEventOf as Ev } from './context.js';
import { QUARTER_MONTHS, QUARTERS } from './forms.js';
import { traineesOf } from './quarters.js';

type Ctx = DispersedTrainingReportContext;
type Report = Ev<'REPORT_RECORDED'>;

/** A report is for a trainee of this case who was still in dispersed training that quarter, once per quarter. */
export const traineeOwesReport = checkRule<Ctx, Report>(
  'trainee',
  (c, e) => {
    const { traineeName, quarter } = e.data;
    if (!c.trainees.some((t) => t.name === traineeName)) return `${traineeName}はこの分散訓練の訓練生として登録されていません。`;
    if (!traineesOf(c, quarter).some((t) => t.name === traineeName)) return `${traineeName}は${QUARTERS[quarter]}の前に分散訓練を終了しています。`;
    if (c.reports.some((r) => r.quarter === quarter && r.traineeName === traineeName)) return `${traineeName}の${QUARTERS[quarter]}の報告書は登録済みです。`;
    return null;
  },
  '訓練生氏名と報告の対象期間を確認してください。',
);

/** 様式15 rows are the quarter's months, each once; hours attended never exceed hours held. */
export const monthsAndHours = checkRule<Ctx, Report>(
  'reportContent',
  (_c, e) => {
    const months = e.data.months.map((m) => m.month);
    const outside = months.filter((m) => !QUARTER_MONTHS[e.data.quarter].includes(m));
    if (outside.length) return `${QUARTERS[e.data.quarter]}の報告書に対象期間外の月（${outside.join('、')}月）があります。`;
    if (new Set(months).size !== months.length) return '同じ月が二度記載されています。';
    const over = e.data.months.filter((m) => m.basic.attended > m.basic.actual || m.major.attended > m.major.actual).map((m) => `${m.month}月`);
    return over.length ? `出席時間が実施時間を超えています（${over.join('、')}）。` : null;
  },
  '様式15の月と時間数を確認してください。',
);

/** The employer's report is dated no later than the day it is recorded. */
export const reportedBeforeRecorded = checkRule<Ctx, Report>(
  'reportDate',
  (_c, e) => (compareDates(e.data.reportedOn, tokyoDate(e.at)) <= 0 ? null : `報告年月日（${formatDateJa(e.data.reportedOn)}）が登録する日より後です。`),
  '事業主の報告書に記載された報告年月日を入力してください。',
);

export const traineeOnRoster = checkRule<Ctx, Ev<'TRAINEE_LEFT'>>(
  'trainee',
  (c, e) => (c.trainees.some((t) => t.name === e.data.name && !t.leftOn) ? null : `${e.data.name}はこの分散訓練の訓練生として登録されていないか、既に終了しています。`),
  '訓練生氏名を確認してください。',
);

/** The rules by the names the machine's `rules` guards use. */
export const dispersedTrainingRules = { traineeOwesReport, monthsAndHours, reportedBeforeRecorded, traineeOnRoster } satisfies RuleTable<Ctx>;

export type DispersedTrainingRuleName = keyof typeof dispersedTrainingRules;
