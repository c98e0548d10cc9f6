/** Rules of the instructor roster: named once in `instructorRosterRules`, placed on transitions by name. */
import { compareDates, tokyoDate } from '../../src/domain/dates.js';
import { checkRule } from '../common/rules.js';
import type { RuleTable } from '../types.js';
import { consentsOwed } from './consents.js';
import type { InstructorRosterContext, InstructorRosterEventOf as Ev } from './context.js';

type Ctx = InstructorRosterContext;
type Roster = Ev<'ROSTER_FILED' | 'ROSTER_CHANGED'>;

/** 様式5-2 (注): 指導員の場合は、免許取得年月日・免許番号欄を記入 (the same columns of 様式5-1). */
export const instructorsLicensed = checkRule<Ctx, Roster>(
  'licence',
  (_c, e) => {
    const missing = [...e.data.collective, ...e.data.dispersed].filter((r) => r.role === 'instructor' && !r.licence).map((r) => r.name);
    return missing.length ? `指導員の免許取得年月日・免許番号が記入されていません（${missing.join('、')}）。` : null;
  },
  '指導員は職業訓練指導員免許の取得年月日と免許番号を記入してください。免許のない者は講師として記載します。',
);

/** Each roster numbers its rows once. */
export const distinctNumbers = checkRule<Ctx, Roster>(
  'rosterNumbers',
  (_c, e) => {
    const dup = (ns: number[]) => ns.filter((n, i) => ns.indexOf(n) !== i);
    const d = [...dup(e.data.collective.map((r) => r.number)).map((n) => `様式5-1 番号${n}`), ...dup(e.data.dispersed.map((r) => r.number)).map((n) => `様式5-2 番号${n}`)];
    return d.length ? `名簿の番号が重複しています（${[...new Set(d)].join('、')}）。` : null;
  },
  '名簿の番号を一人一つずつ付けてください。',
);

/** A 承諾書 comes from an instructor of the 集合訓練 roster who owes one, once a year, dated no later than today. */
export const consentFromRoster = checkRule<Ctx, Ev<'CONSENT_RECORDED'>>(
  'consent',
  (c, e) => {
    const owed = new Set(consentsOwed(c).map((r) => r.name));
    const names = e.data.consents.map((x) => x.name);
    const unknown = names.filter((n) => !owed.has(n));
    const twice = names.filter((n, i) => names.indexOf(n) !== i || c.consents.some((x) => x.name === n));
    const future = e.data.consents.filter((x) => compareDates(x.consentedOn, tokyoDate(e.at)) > 0).map((x) => x.name);
    const problems = [
      ...(unknown.length ? [`承諾書を要する指導員・講師として名簿（様式5-1）にない者: ${unknown.join('、')}`] : []),
      ...(twice.length ? [`今年度の承諾書が登録済みの者: ${[...new Set(twice)].join('、')}`] : []),
      ...(future.length ? [`承諾年月日が今日より後の者: ${future.join('、')}`] : []),
    ];
    return problems.length ? `${problems.join('。')}。` : null;
  },
  '名簿（様式5-1）の氏名のとおりに、受け取った承諾書だけを登録してください（単独校の内部講師で無報酬の者は承諾書不要）。',
);

/** The rules by the names the machine's `rules` guards use. */
export const instructorRosterRules = { instructorsLicensed, distinctNumbers, consentFromRoster } satisfies RuleTable<Ctx>;

export type InstructorRosterRuleName = keyof typeof instructorRosterRules;
