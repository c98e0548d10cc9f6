/** Checks of the yearly plan: named once in `annualPlanRules`, placed on transitions by name. */
import { compareDates } from '../../src/domain/dates.js';
import { checkRule } from '../common/rules.js';
import type { RuleTable } from '../types.js';
import type { AnnualPlanContext, AnnualPlanEventOf as Ev } from './context.js';
import type { PlanCourse } from './forms.js';
import { allowedSheets, COURSE_TYPES, isLong, requiredSheets, sheetLabel, type Subsidy } from './sheets.js';

type Ctx = AnnualPlanContext;
type Filing = Ev<'PLAN_FILED' | 'REFILED'>;

export const courseLabel = (c: Pick<PlanCourse, 'courseType' | 'kei' | 'ka' | 'courseName'>) =>
  `${COURSE_TYPES[c.courseType]} ${c.kei}系 ${c.ka}科${c.courseName ? `（${c.courseName}）` : ''}`;

/** What is missing from, or does not belong to, one course's sheets. */
export function sheetProblems(course: PlanCourse, subsidy: Subsidy): string[] {
  const missing = requiredSheets(course, subsidy).filter((s) => !course.sheets.includes(s));
  const allowed = allowedSheets(course, subsidy);
  const extra = [...new Set(course.sheets)].filter((s) => !allowed.includes(s));
  return [
    ...(missing.length ? [`${courseLabel(course)}: 不足 ${missing.map(sheetLabel).join('、')}`] : []),
    ...(extra.length ? [`${courseLabel(course)}: この課程では提出しない書類 ${extra.map(sheetLabel).join('、')}`] : []),
  ];
}

/** The plan table (II-1): each course files the sheets of its course type, and only those. */
export const planSheets = checkRule<Ctx, Filing>(
  'planSheets',
  (_c, e) => {
    const problems = e.data.courses.flatMap((c) => sheetProblems(c, e.data.subsidy));
    return problems.length ? `提出書類一覧表のとおりになっていません（${problems.join('。')}）。` : null;
  },
  '「認定職業訓練事業計画書」の提出書類一覧表のとおり、訓練課程ごとに必要な書類をそろえてください。',
);

/** 専門・普通課程 name their 学年数 (which 入校年度別訓練実施計画 they file); the period lies in the plan's year or starts in it. */
export const planCourses = checkRule<Ctx, Filing>(
  'planCourses',
  (c, e) => {
    const problems = e.data.courses.flatMap((x) => [
      ...(isLong(x.courseType) && x.years === undefined ? [`${courseLabel(x)}: 訓練期間の学年数が入力されていません`] : []),
      ...(!isLong(x.courseType) && x.years !== undefined ? [`${courseLabel(x)}: 学年数は専門・普通課程だけに入力します`] : []),
      ...(compareDates(x.startsOn, x.endsOn) > 0 ? [`${courseLabel(x)}: 実施期間の終わりが始まりより前です`] : []),
      ...(compareDates(x.endsOn, `${c.fiscalYear}-04-01`) < 0 ? [`${courseLabel(x)}: 実施期間が今年度より前に終わっています`] : []),
      ...(compareDates(x.startsOn, `${c.fiscalYear + 1}-03-31`) > 0 ? [`${courseLabel(x)}: 実施期間が今年度より後に始まります`] : []),
    ]);
    return problems.length ? `${problems.join('。')}。` : null;
  },
  '訓練課程ごとに学年数（専門・普通課程）と今年度に実施する期間を入力してください。',
);

/** The rules by the names the machine's `rules` guards use. */
export const annualPlanRules = { planSheets, planCourses } satisfies RuleTable<Ctx>;

export type AnnualPlanRuleName = keyof typeof annualPlanRules;
