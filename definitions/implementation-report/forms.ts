/**
 * Payload schemas of the yearly report (manual II-2, 規則35条の4, 認定職業訓練実施状況報告書 様式1-1-1〜1-4): the
 * previous fiscal year's figures, and for 専門・普通課程 the new year's trainees as of 30 April (様式1-1-2). Which
 * sheets each course type files follows the manual's table (提出一覧表):
 * - 専門課程・普通課程: 様式1-1-1 (報告書), 1-1-2 (4月30日現在の訓練生数、女性数), 1-1-3 (前年度の訓練生数・中止者・
 *   修了者・技能照査), 1-3 (訓練実施状況), 1-4 (共同校のみ);
 * - 専門短期課程・短期課程: 様式1-1-1, 1-2 (コースごとの訓練生数、女性数、中止者、修了者), 1-4 (共同校のみ).
 * 様式1-3 is reduced to each course's hours and test dates, and 様式1-4 (whose layout the manual's text does not
 * reproduce) to its being attached. The filing's fields follow the sheets in that order (様式1-1-1 a group, every
 * other sheet one or more top-level tables, so each table keeps its spreadsheet download and upload).
 */
import { z } from 'zod';
import { correctionRequest, count, isoDate, receiptNote, text, withdrawal } from '../common/form-fields.js';

const FY = z.number().int().min(2019).max(2100);

export const implementationReportInput = z
  .object({
    fiscalYear: FY.meta({ title: '年度（報告する年度。前年度の実施状況を報告）' }),
    schoolOrgId: z.string().uuid().optional().meta({ title: '訓練校' }),
  })
  .strict();

export const SCHOOL_TYPES = { single: '単独校', joint: '共同校' } as const;

/*
 * Each sheet is its own section, and a sheet too wide for one screen is split into tables of a few columns (a row
 * editor shows every field of a row side by side). Every table names its course by 系・訓練科 (a short course also by
 * its コース名); 訓練課程 is chosen once per course, in the sheet's first table. The rules check that the tables of
 * one sheet list the same courses (reportCourses).
 */
const kei = text('系', 60);
const ka = text('訓練科', 60);
const regularType = z.enum(['普通課程', '専門課程']).meta({ title: '訓練課程' });
const shortType = z.enum(['短期課程', '専門短期課程']).meta({ title: '訓練課程' });
const courseName = text('コース名', 100).optional();
const education = { junior: count('中学卒'), high: count('高校卒'), college: count('短大卒'), university: count('大学卒') };
const byYear = { year1: count('第1年度'), year2: count('第2年度'), year3: count('第3年度') };
const left = { leftForJob: count('中止（離職）'), leftOther: count('中止（その他）') };
/** Where transcribed figures come from, a line per course (「既存の案件から転記: …」); the school may edit them. */
const sources = (title: string) => z.array(z.string().max(2000).meta({ title: '転記元' })).max(100).optional().meta({ title });
const rows = <T extends z.ZodType>(row: T, title: string, max = 50) => z.array(row).max(max).meta({ title });

/** 様式1-1-1 報告書 (the head of the report). */
export const reportHead = z
  .object({
    representative: text('代表者（職・氏名）', 100),
    contact: text('事務担当者（氏名・電話）', 200),
    industry: text('事業の種類（産業分類中分類）', 100),
    employees: count('常用労働者数'),
    schoolType: z.enum(['single', 'joint']).meta({ title: '団体・事業所の別', description: 'single=単独校, joint=共同校' }),
    memberEmployers: count('構成事業主数（共同校）').optional(),
    dispatchingEmployers: count('訓練生派遣事業主数（共同校）').optional(),
  })
  .strict()
  .meta({ title: '報告書〔様式1-1-1〕' });

/** 様式1-1-2 (4月30日現在: 新年度の訓練生を、4月30日までに退校した者も含めて), by 学年 and by 学歴. */
export const currentByYear = z
  .object({ courseType: regularType, kei, ka, ...byYear, transfers: count('編入者（内数）'), women: count('女性（内数）') })
  .strict();
export const currentByEducation = z.object({ kei, ka, ...education }).strict();

/** 様式1-1-3 前年度分: 訓練生数 by 学年 with 訓練中止者・修了者, by 学歴, and the 技能照査. */
export const previousByYear = z.object({ courseType: regularType, kei, ka, ...byYear, ...left, completers: count('修了者数') }).strict();
export const previousByEducation = z.object({ kei, ka, ...education }).strict();
export const skillCheckRow = z
  .object({
    kei,
    ka,
    skillCheckExaminees: count('受験者数'),
    skillCheckPassers: count('合格者数'),
    failedWrittenOnly: count('学科のみ不合格'),
    failedPracticalOnly: count('実技のみ不合格'),
    failedBoth: count('学科・実技不合格'),
  })
  .strict();

/** 様式1-2: each 短期課程・専門短期課程 course of the previous year. */
export const shortCourse = z
  .object({ courseType: shortType, kei, ka, courseName, startsOn: isoDate('実施期間（自）'), endsOn: isoDate('実施期間（至）'), hours: count('訓練時間数') })
  .strict();
export const shortTrainees = z.object({ kei, ka, courseName, ...education, women: count('女性（内数）') }).strict();
export const shortResult = z.object({ kei, ka, courseName, ...left, completers: count('修了者数'), examOn: isoDate('試験実施日').optional() }).strict();

/** 様式1-3 訓練実施状況, as each course's hours and test dates. */
export const trainingRow = z
  .object({ courseType: regularType, kei, ka, hours: count('訓練時間数'), testedOn: isoDate('試験実施日').optional(), skillCheckOn: isoDate('技能照査実施日').optional() })
  .strict();

/** 認定職業訓練実施状況報告書: its sheets in the manual's order, each its own section. */
export const reportFiled = z
  .object({
    report: reportHead,
    currentByYear: rows(currentByYear, '4月30日現在の訓練生数 学年別・編入者・女性〔様式1-1-2〕'),
    currentByEducation: rows(currentByEducation, '4月30日現在の訓練生数 学歴別〔様式1-1-2〕'),
    previousByYear: rows(previousByYear, '前年度の訓練生数 学年別・訓練中止者・修了者〔様式1-1-3〕'),
    previousByEducation: rows(previousByEducation, '前年度の訓練生数 学歴別〔様式1-1-3〕'),
    skillChecks: rows(skillCheckRow, '前年度の技能照査 受験者・合格者・不合格者〔様式1-1-3〕'),
    skillCheckSources: sources('技能照査の数値の転記元〔様式1-1-3〕（既存の案件から転記）'),
    shortCourses: rows(shortCourse, '短期課程・専門短期課程のコース 実施期間・訓練時間数〔様式1-2〕', 200),
    shortTrainees: rows(shortTrainees, '短期課程・専門短期課程の訓練生数 学歴別・女性〔様式1-2〕', 200),
    shortResults: rows(shortResult, '短期課程・専門短期課程の訓練中止者・修了者・試験〔様式1-2〕', 200),
    shortSources: sources('修了者数の転記元〔様式1-2〕（既存の案件から転記）'),
    training: rows(trainingRow, '訓練実施状況〔様式1-3〕'),
    joint: z
      .object({ attached: z.boolean().meta({ title: '年間実施状況4〔様式1-4〕を添付する' }) })
      .strict()
      .meta({ title: '年間実施状況4〔様式1-4〕（共同校のみ）' }),
  })
  .strict();

export const correctionRequested = correctionRequest;
export const accepted = receiptNote;
export const withdrawn = withdrawal;

export type ImplementationReportInput = z.infer<typeof implementationReportInput>;
export type ReportFiled = z.infer<typeof reportFiled>;
export type ReportHead = z.infer<typeof reportHead>;
export type ShortCourse = z.infer<typeof shortCourse>;

/** The form of every event, by type: the machine's event types are derived from it. */
export const eventForms = {
  REPORT_FILED: reportFiled,
  CORRECTION_REQUESTED: correctionRequested,
  REFILED: reportFiled,
  ACCEPTED: accepted,
  WITHDRAWN: withdrawn,
};
