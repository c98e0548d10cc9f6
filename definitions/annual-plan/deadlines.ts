/**
 * The one date of the yearly plan (manual II-1 and II-5: 「毎年度当初に『認定職業訓練事業計画書』…を提出」): the plan is
 * dated 1 April, and the manual names no day it is due by. This definition ASSUMES the end of April, a fiscal-year
 * setting HQ sets each year. Soft: a later plan is accepted and recorded late, the centre is told when the day passes.
 */
import { settingValue } from '../common/settings.js';
import type { DeadlineRule, SettingDefinition } from '../types.js';
import type { AnnualPlanContext } from './context.js';

export const annualPlanSettings: SettingDefinition[] = [
  { key: 'planFiling', label: '認定職業訓練事業計画書の提出期限', default: (fy) => `${fy}-04-30` },
];

export const planFiling: DeadlineRule<AnnualPlanContext> = {
  name: 'planFiling',
  label: '認定職業訓練事業計画書の提出',
  form: '事業計画1-1〜11',
  party: 'school',
  supervisor: 'center',
  enforcement: 'soft',
  anchor: { label: '本庁が定める事業計画書の提出期限', resolve: (_c, s) => settingValue(s, 'planFiling') },
  offset: {},
  direction: 'before',
  reminders: [14, 7, 1],
};

export const annualPlanDeadlines = { planFiling } satisfies Record<string, DeadlineRule<AnnualPlanContext>>;
