/**
 * Payload schemas of the yearly plan (manual II-1, 法9条・11条, 規則1条, 認定職業訓練事業計画書 事業計画1-1〜11 and
 * 様式6-1・6-2 / 7-1・7-2・7-3), dated 1 April, filed per course with the sheets of the plan table (./sheets.ts).
 * The school's courses are not registered anywhere: the plan names them.
 */
import { z } from 'zod';
import { correctionRequest, count, isoDate, receiptNote, text, withdrawal } from '../common/form-fields.js';
import { COURSE_TYPES, PLAN_SHEET_KEYS, PLAN_SHEETS, SUBSIDY } from './sheets.js';

const FY = z.number().int().min(2019).max(2100);
const labels = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `${k}=${v}`).join(', ');

export const annualPlanInput = z
  .object({
    fiscalYear: FY.meta({ title: '年度' }),
    schoolOrgId: z.string().uuid().optional().meta({ title: '訓練校' }),
  })
  .strict();

export const SCHOOL_TYPES = { single: '単独校', joint: '共同校' } as const;

const sheet = z.enum(PLAN_SHEET_KEYS).meta({ title: '提出書類', description: labels(PLAN_SHEETS) });

/** One course of the plan (訓練課程ごとに提出), with the sheets filed for it. */
export const planCourse = z
  .object({
    courseType: z.enum(['senmon', 'futsu', 'senmonTanki', 'tanki', 'ginoshi']).meta({ title: '訓練課程', description: labels(COURSE_TYPES) }),
    kei: text('系', 60),
    ka: text('訓練科', 60),
    courseName: text('コース名（短期課程）', 100).optional(),
    years: z.number().int().min(1).max(3).optional().meta({ title: '訓練期間の学年数（専門・普通課程）' }),
    correspondence: z.boolean().meta({ title: '通信制' }),
    startsOn: isoDate('実施期間（自）'),
    endsOn: isoDate('実施期間（至）'),
    trainees: count('今年度訓練生数（短期課程は延べ人数）'),
    sheets: z.array(sheet).min(1).max(20).meta({ title: '提出書類' }),
  })
  .strict()
  .meta({ title: '訓練課程' });

/** 認定職業訓練事業計画書 (事業計画1-1 の頭書): who files, and the plan's courses. */
export const planFiled = z
  .object({
    representative: text('代表者（職・氏名）', 100),
    contact: text('事務担当者（氏名・電話）', 200),
    schoolType: z.enum(['single', 'joint']).meta({ title: '団体・事業所の別', description: labels(SCHOOL_TYPES) }),
    subsidy: z.enum(['subsidy', 'grant', 'none', 'notEligible']).meta({ title: '補助金等の交付希望有無', description: labels(SUBSIDY) }),
    courses: z.array(planCourse).min(1).max(50).meta({ title: '訓練課程ごとの提出書類' }),
  })
  .strict();

export const correctionRequested = correctionRequest;
export const accepted = receiptNote;
export const withdrawn = withdrawal;

export type AnnualPlanInput = z.infer<typeof annualPlanInput>;
export type PlanFiled = z.infer<typeof planFiled>;
export type PlanCourse = z.infer<typeof planCourse>;

/** The form of every event, by type: the machine's event types are derived from it. */
export const eventForms = {
  PLAN_FILED: planFiled,
  CORRECTION_REQUESTED: correctionRequested,
  REFILED: planFiled,
  ACCEPTED: accepted,
  WITHDRAWN: withdrawn,
};
