/**
 * The one date of the yearly report (manual II-2, 規則35条の4; II-5 「毎年度当初に…『認定職業訓練実施状況報告書』等を
 * 提出」). The report speaks 「4月30日現在」, so the engine opens it on 1 May; the manual names no day it is due by.
 * This definition ASSUMES 31 May (a month after the count date), a fiscal-year setting HQ sets each year. Soft: a
 * later report is accepted and recorded late, the centre is told when the day passes.
 */
import { settingValue } from '../common/settings.js';
import type { DeadlineRule, SettingDefinition } from '../types.js';
import type { ImplementationReportContext } from './context.js';

export const implementationReportSettings: SettingDefinition[] = [
  { key: 'reportFiling', label: '認定職業訓練実施状況報告書の提出期限', default: (fy) => `${fy}-05-31` },
];

export const reportFiling: DeadlineRule<ImplementationReportContext> = {
  name: 'reportFiling',
  label: '認定職業訓練実施状況報告書の提出',
  form: '様式1',
  party: 'school',
  supervisor: 'center',
  enforcement: 'soft',
  anchor: { label: '本庁が定める実施状況報告書の提出期限', resolve: (_c, s) => settingValue(s, 'reportFiling') },
  offset: {},
  direction: 'before',
  reminders: [14, 7, 1],
};

export const implementationReportDeadlines = { reportFiling } satisfies Record<string, DeadlineRule<ImplementationReportContext>>;
