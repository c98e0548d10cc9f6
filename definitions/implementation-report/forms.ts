/**
 * Payload schemas of the yearly report (manual II-2, 規則35条の4, 認定職業訓練実施状況報告書 様式1-1-1〜1-4): the
 * previous fiscal year's figures, and for 専門・普通課程 the new year's trainees as of 30 April (様式1-1-2). Which
 * sheets each course type files follows the manual's table (提出一覧表):
 * - 専門課程・普通課程: 様式1-1-1 (報告書), 1-1-2 (4月30日現在の訓練生数、女性数), 1-1-3 (前年度の訓練生数・中止者・
 *   修了者・技能照査), 1-3 (訓練実施状況), 1-4 (共同校のみ);
 * - 専門短期課程・短期課程: 様式1-1-1, 1-2 (コースごとの訓練生数、女性数、中止者、修了者), 1-4 (共同校のみ).
 * 様式1-3 is reduced to each course's hours and test dates, and 様式1-4 (whose layout the manual's text does not
 * reproduce) to its being attached.
 */
import { z } from 'zod';
import { count, isoDate, longText, text } from '../common/form-fields.js';

const FY = z.number().int().min(2019).max(2100);

export const implementationReportInput = z
  .object({
    fiscalYear: FY.meta({ title: '年度（報告する年度。前年度の実施状況を報告）' }),
    schoolOrgId: z.string().uuid().optional().meta({ title: '訓練校' }),
  })
  .strict();

export const SCHOOL_TYPES = { single: '単独校', joint: '共同校' } as const;

const education = {
  junior: count('中学卒'),
  high: count('高校卒'),
  college: count('短大卒'),
  university: count('大学卒'),
};
const byYear = { year1: count('第1年度'), year2: count('第2年度'), year3: count('第3年度') };
const source = z.string().max(2000).optional().meta({ title: '転記元（既存の案件から転記）' });

/** 様式1-1-2: 4月30日現在 (新年度に入校した訓練生を学年別・学歴別に、4月30日までに退校した者も含めて). */
export const currentTrainees = z
  .object({ ...byYear, transfers: count('編入者数（内数）'), women: count('女性数（内数）'), ...education })
  .strict()
  .meta({ title: '4月30日現在の訓練生数〔様式1-1-2〕' });

/** 様式1-1-3: 前年度分. */
export const previousYear = z
  .object({
    ...byYear,
    ...education,
    leftForJob: count('訓練中止者（離職者）'),
    leftOther: count('訓練中止者（その他）'),
    completers: count('修了者数'),
    skillCheckExaminees: count('技能照査受験者数'),
    skillCheckPassers: count('技能照査合格者数'),
    failedWrittenOnly: count('技能照査不合格者数（学科のみ）'),
    failedPracticalOnly: count('技能照査不合格者数（実技のみ）'),
    failedBoth: count('技能照査不合格者数（学科及び実技）'),
  })
  .strict()
  .meta({ title: '前年度の実施状況〔様式1-1-3〕' });

/** 様式1-3 訓練実施状況, as each course's hours and test dates. */
export const trainingHours = z
  .object({
    hours: count('訓練時間数（合計）'),
    testedOn: isoDate('試験実施年月日').optional(),
    skillCheckOn: isoDate('技能照査実施年月日').optional(),
  })
  .strict()
  .meta({ title: '訓練実施状況〔様式1-3〕' });

/** A 専門課程 or 普通課程 訓練科. */
export const regularCourse = z
  .object({
    courseType: z.enum(['普通課程', '専門課程']).meta({ title: '訓練課程' }),
    kei: text('系', 60),
    ka: text('訓練科', 60),
    current: currentTrainees,
    previous: previousYear,
    training: trainingHours,
    source,
  })
  .strict();

/** A 短期課程 or 専門短期課程 course of the previous year (様式1-2). */
export const shortCourse = z
  .object({
    courseType: z.enum(['短期課程', '専門短期課程']).meta({ title: '訓練課程' }),
    kei: text('系', 60),
    ka: text('訓練科', 60),
    courseName: text('コース名', 100).optional(),
    startsOn: isoDate('実施期間（自）'),
    endsOn: isoDate('実施期間（至）'),
    hours: count('訓練時間数'),
    ...education,
    women: count('女性数（内数）'),
    leftForJob: count('訓練中止者数（離職者）'),
    leftOther: count('訓練中止者数（その他）'),
    completers: count('修了者数'),
    examOn: isoDate('試験実施月日').optional(),
    source,
  })
  .strict();

/** 認定職業訓練実施状況報告書 (様式1-1-1 の頭書) with the sheets of each course. */
export const reportFiled = z
  .object({
    representative: text('代表者（職・氏名）', 100),
    contact: text('事務担当者（氏名・電話）', 200),
    industry: text('事業の種類（産業分類中分類）', 100),
    employees: count('常用労働者数'),
    schoolType: z.enum(['single', 'joint']).meta({ title: '団体・事業所の別', description: 'single=単独校, joint=共同校' }),
    memberEmployers: count('構成事業主数').optional(),
    dispatchingEmployers: count('訓練生派遣事業主数').optional(),
    regular: z.array(regularCourse).max(50).meta({ title: '専門課程・普通課程〔様式1-1-2・1-1-3・1-3〕' }),
    short: z.array(shortCourse).max(200).meta({ title: '専門短期課程・短期課程〔様式1-2〕' }),
    jointSheetAttached: z.boolean().meta({ title: '年間実施状況4〔様式1-4〕を添付（共同校のみ）' }),
  })
  .strict();

export const correctionRequested = z.object({ points: longText('補正を求める事項') }).strict();
export const accepted = z.object({ note: longText('連絡事項').optional() }).strict();
export const withdrawn = z.object({ reason: longText('取下げ理由') }).strict();

export type ImplementationReportInput = z.infer<typeof implementationReportInput>;
export type ReportFiled = z.infer<typeof reportFiled>;
export type RegularCourse = z.infer<typeof regularCourse>;
export type ShortCourse = z.infer<typeof shortCourse>;

/** The form of every event, by type: the machine's event types are derived from it. */
export const eventForms = {
  REPORT_FILED: reportFiled,
  CORRECTION_REQUESTED: correctionRequested,
  REFILED: reportFiled,
  ACCEPTED: accepted,
  WITHDRAWN: withdrawn,
};
