/**
 * The dates of the yearly roster (manual II-6(1): 「名簿は毎年度作成し、承諾書についても毎年度本人より提出させて
 * ください」). The manual sets no day; this definition ASSUMES the end of April (the start of the fiscal year, when the
 * year's instructors are known), a fiscal-year setting HQ may change. An instructor added by a change gives consent by
 * the change's date (before teaching), when that is later. Both soft: recorded late, the centre supervising.
 */
import { compareDates } from '../../src/domain/dates.js';
import { settingValue } from '../common/settings.js';
import type { DeadlineRule, SettingDefinition } from '../types.js';
import type { InstructorRosterContext } from './context.js';

type Rule = DeadlineRule<InstructorRosterContext>;

export const instructorRosterSettings: SettingDefinition[] = [
  { key: 'preparation', label: '職業訓練指導員・講師名簿の作成及び承諾書の提出期限', default: (fy) => `${fy}-04-30` },
];

export const roster: Rule = {
  name: 'rosterPreparation',
  label: '職業訓練指導員・講師名簿の作成',
  form: '様式5-1・5-2',
  party: 'school',
  supervisor: 'center',
  enforcement: 'soft',
  anchor: { label: '本庁が定める名簿の作成期限', resolve: (_c, s) => settingValue(s, 'preparation') },
  offset: {},
  direction: 'before',
  reminders: [14, 7, 1],
};

export const consents: Rule = {
  name: 'consentCollection',
  label: '指導員・講師承諾書の提出',
  form: '様式5-3',
  party: 'school',
  supervisor: 'center',
  enforcement: 'soft',
  anchor: {
    label: '本庁が定める提出期限（名簿の変更で加わった指導員・講師は変更年月日）',
    resolve: (c, s) => {
      const yearly = settingValue(s, 'preparation');
      const change = c.changes.at(-1)?.changedOn;
      return change && compareDates(change, yearly) > 0 ? change : yearly;
    },
  },
  offset: {},
  direction: 'before',
  reminders: [7, 1],
};

export const instructorRosterDeadlines = { rosterPreparation: roster, consentCollection: consents } satisfies Record<string, Rule>;
