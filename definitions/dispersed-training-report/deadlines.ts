/**
 * The quarters of the dispersed-training reports (manual II-6(10): 「分散訓練実施事業主から、概ね3か月ごとに分散訓練
 * 実施状況報告書の提出を受けてください」). The manual sets no day; this definition ASSUMES each quarter's reports are in
 * by the end of the month after it (31 July, 31 October, 31 January) and the last quarter's by the end of the fiscal
 * year (31 March, so the year's completion judgement can use them): fiscal-year settings HQ may change. Soft: a late
 * report is recorded late, a quarter whose day passes with reports missing is recorded as missed, the centre told.
 */
import { settingValue } from '../common/settings.js';
import type { DeadlineRule, SettingDefinition } from '../types.js';
import type { DispersedTrainingReportContext } from './context.js';
import { QUARTERS, type Quarter } from './forms.js';
import { quarterReported } from './quarters.js';

type Rule = DeadlineRule<DispersedTrainingReportContext>;

export const dispersedTrainingSettings: SettingDefinition[] = [
  { key: 'q1', label: `分散訓練実施状況報告書（${QUARTERS.q1}）の受領期限`, default: (fy) => `${fy}-07-31` },
  { key: 'q2', label: `分散訓練実施状況報告書（${QUARTERS.q2}）の受領期限`, default: (fy) => `${fy}-10-31` },
  { key: 'q3', label: `分散訓練実施状況報告書（${QUARTERS.q3}）の受領期限`, default: (fy) => `${fy + 1}-01-31` },
  { key: 'q4', label: `分散訓練実施状況報告書（${QUARTERS.q4}）の受領期限`, default: (fy) => `${fy + 1}-03-31` },
];

const quarterRule = (q: Quarter): Rule => ({
  name: `${q}Reports`,
  label: `分散訓練実施状況報告書（${QUARTERS[q]}）`,
  form: '様式15',
  party: 'school',
  supervisor: 'center',
  enforcement: 'soft',
  anchor: { label: `本庁が定める${QUARTERS[q]}の受領期限`, resolve: (c, s) => (quarterReported(c, q) ? null : settingValue(s, q)) },
  offset: {},
  direction: 'before',
  reminders: [14, 7, 1],
});

export const quarterDeadlines = { q1: quarterRule('q1'), q2: quarterRule('q2'), q3: quarterRule('q3'), q4: quarterRule('q4') };

export const dispersedTrainingDeadlines = {
  q1Reports: quarterDeadlines.q1,
  q2Reports: quarterDeadlines.q2,
  q3Reports: quarterDeadlines.q3,
  q4Reports: quarterDeadlines.q4,
} satisfies Record<string, Rule>;
