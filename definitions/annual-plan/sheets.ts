/**
 * The plan table of the manual (II-1, 「認定職業訓練事業計画書」の提出書類一覧表): which sheets each course files, by
 * course type (専門・普通課程 by the number of 学年, 専門短期課程, 短期課程, 技能士コース). Pure.
 *
 * Read from the table: 事業計画1-1・1-2 and 10 for every course; 2 for 専門・普通 and 技能士コース; 3-1・3-2 (1年生用)
 * for every 専門・普通 course, 4-1・4-2 (2年生用) from two 学年, 5-1・5-2 (3年生用) for three; 6 with 様式6-1・6-2 for
 * 専門・普通; 様式7-1・7-2 (事業計画7・8) for the short courses, and 11 for them.
 * ASSUMED where the table's marks meet the manual's notes: 事業計画10 is 「補助金申請校を除く」, so a school asking for
 * the 東京都事業内職業訓練事業補助金 (① 補助金希望) does not file it; 様式7-3 (事業計画9) continues 7-2 「行数が足りない
 * 場合」, so it is accepted but not required; 事業計画11 is the 「通信制用」 schedule, so only a course taught by
 * correspondence (通信制) files it.
 */

export const PLAN_SHEETS = {
  'plan1-1': '団体・事業所の概要（事業計画1-1）',
  'plan1-2': '今年度訓練生数〜指導員・講師数（事業計画1-2）',
  plan2: '当該年度訓練実施計画（事業計画2）',
  'plan3-1': '入校年度別訓練実施計画 1年生用（事業計画3-1）',
  'plan3-2': '入校年度別訓練実施計画 1年生用（事業計画3-2）',
  'plan4-1': '入校年度別訓練実施計画 2年生用（事業計画4-1）',
  'plan4-2': '入校年度別訓練実施計画 2年生用（事業計画4-2）',
  'plan5-1': '入校年度別訓練実施計画 3年生用（事業計画5-1）',
  'plan5-2': '入校年度別訓練実施計画 3年生用（事業計画5-2）',
  plan6: '教科の科目内容（事業計画6）',
  'form6-1': '年度訓練計画・実績表〔様式6-1〕',
  'form6-2': '月分訓練計画・実績表〔様式6-2〕',
  'form7-1': '訓練計画・実績表（総括表）〔様式7-1〕（事業計画7）',
  'form7-2': '訓練計画・実績表（教程表）〔様式7-2〕（事業計画8）',
  'form7-3': '訓練計画・実績表（教程表続き）〔様式7-3〕（事業計画9）',
  plan10: '訓練に要する経費（事業計画10）',
  plan11: '訓練添削指導・スクーリング日程表 通信制用（事業計画11）',
} as const;
export type PlanSheet = keyof typeof PLAN_SHEETS;
export const PLAN_SHEET_KEYS = Object.keys(PLAN_SHEETS) as [PlanSheet, ...PlanSheet[]];

export const COURSE_TYPES = {
  senmon: '専門課程',
  futsu: '普通課程',
  senmonTanki: '専門短期課程',
  tanki: '短期課程',
  ginoshi: '短期課程（技能士コース）',
} as const;
export type CourseType = keyof typeof COURSE_TYPES;

export const SUBSIDY = {
  subsidy: '① 東京都事業内職業訓練事業補助金を希望',
  grant: '② 広域団体認定訓練助成金を希望',
  none: '③ 希望なし',
  notEligible: '④ 対象外（大企業）',
} as const;
export type Subsidy = keyof typeof SUBSIDY;

/** 専門・普通課程 (学年のある課程) as against the short courses. */
export const isLong = (t: CourseType) => t === 'senmon' || t === 'futsu';

export interface PlanCourseShape {
  courseType: CourseType;
  years?: number | undefined;
  correspondence: boolean;
}

/** The sheets a course must file (the table's ● marks, with the assumptions above), in the table's order. */
export function requiredSheets(course: PlanCourseShape, subsidy: Subsidy): PlanSheet[] {
  const t = course.courseType;
  const years = course.years ?? 1;
  const out: PlanSheet[] = ['plan1-1', 'plan1-2'];
  if (isLong(t) || t === 'ginoshi') out.push('plan2');
  if (isLong(t)) {
    out.push('plan3-1', 'plan3-2');
    if (years >= 2) out.push('plan4-1', 'plan4-2');
    if (years >= 3) out.push('plan5-1', 'plan5-2');
    out.push('plan6', 'form6-1', 'form6-2');
  } else {
    out.push('form7-1', 'form7-2');
  }
  if (subsidy !== 'subsidy') out.push('plan10');
  if (!isLong(t) && course.correspondence) out.push('plan11');
  return out;
}

/** The sheets a course may file: the required ones, and 様式7-3 for a short course. */
export function allowedSheets(course: PlanCourseShape, subsidy: Subsidy): PlanSheet[] {
  const req = requiredSheets(course, subsidy);
  return isLong(course.courseType) ? req : [...req, 'form7-3'];
}

export const sheetLabel = (s: PlanSheet) => PLAN_SHEETS[s];
