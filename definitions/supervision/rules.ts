/** Checks of a supervision visit's record: named once in `supervisionRules`, placed on transitions by name. */
import { compareDates, tokyoDate } from '../../src/domain/dates.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { checkRule } from '../common/rules.js';
import type { RuleTable } from '../types.js';
import type { SupervisionContext, SupervisionEventOf as Ev } from './context.js';

type Ctx = SupervisionContext;

/** A visit is recorded after it took place: never a day in the future. */
export const visitHappened = checkRule<Ctx, Ev<'VISIT_RECORDED'>>(
  'visitDate',
  (_c, e) =>
    compareDates(e.data.visitedOn, tokyoDate(e.at)) <= 0 ? null : `訪問日（${formatDateJa(e.data.visitedOn)}）が記録する日より後です。訪問の後に記録してください。`,
  '訪問日を確認してください。予定の変更は訪問予定日の変更で登録します。',
);

/** Findings and a report date go together: a report is owed only for findings, and is dated after the visit. */
export const followUpDate = checkRule<Ctx, Ev<'VISIT_RECORDED'>>(
  'followUpDate',
  (_c, e) => {
    const { findings, followUpBy, visitedOn } = e.data;
    if (findings.length && !followUpBy) return '指摘事項があるときは、改善状況の報告期限を定めてください。';
    if (!findings.length && followUpBy) return '指摘事項がないときは、改善状況の報告期限は定めません。';
    if (followUpBy && compareDates(followUpBy, visitedOn) <= 0) return `改善状況の報告期限（${formatDateJa(followUpBy)}）は訪問日（${formatDateJa(visitedOn)}）より後の日付としてください。`;
    return null;
  },
  '指摘事項と改善状況の報告期限を確認してください。',
);

/** (5) 職業訓練法人調査 is for a 職業訓練法人 (known from the school's registration). */
export const corporationVisit = checkRule<Ctx, Ev<'VISIT_RECORDED'>>(
  'visitKind',
  (c) => (c.kind !== 'corporation' || c.trainingCorporation ? null : 'この訓練校は職業訓練法人として登録されていないため、職業訓練法人調査は記録できません。'),
  '指導・監督の種類を確認し、中止したうえで正しい種類で登録してください。',
);

/** A 再指導 gives the school a new date after the day it is given. */
export const furtherFollowUpDate = checkRule<Ctx, Ev<'FURTHER_FOLLOW_UP'>>(
  'followUpDate',
  (_c, e) =>
    compareDates(e.data.followUpBy, tokyoDate(e.at)) > 0 ? null : `再指導の改善状況の報告期限（${formatDateJa(e.data.followUpBy)}）は再指導の日より後の日付としてください。`,
  '改善状況の報告期限を先の日付にしてください。',
);

/** The rules by the names the machine's `rules` guards use. */
export const supervisionRules = { visitHappened, followUpDate, corporationVisit, furtherFollowUpDate } satisfies RuleTable<Ctx>;

export type SupervisionRuleName = keyof typeof supervisionRules;
