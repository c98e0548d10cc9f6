/**
 * Payload schemas of the dispersed-training reports (manual II-6(10), 様式15 分散訓練実施状況報告書): the employers where
 * trainees do part of their practical training report about every three months; the school records each report.
 */
import { z } from 'zod';
import { course, isoDate, longText, text, withdrawal } from '../common/form-fields.js';

export const QUARTERS = { q1: '4月〜6月分', q2: '7月〜9月分', q3: '10月〜12月分', q4: '1月〜3月分' } as const;
export type Quarter = keyof typeof QUARTERS;
export const QUARTER_KEYS = Object.keys(QUARTERS) as [Quarter, ...Quarter[]];
/** The calendar months of each quarter of the fiscal year. */
export const QUARTER_MONTHS: Record<Quarter, number[]> = { q1: [4, 5, 6], q2: [7, 8, 9], q3: [10, 11, 12], q4: [1, 2, 3] };

const quarter = z.enum(QUARTER_KEYS).meta({ title: '報告の対象期間', description: QUARTER_KEYS.map((k) => `${k}=${QUARTERS[k]}`).join(', ') });

export const dispersedTrainee = z
  .object({ name: text('訓練生氏名', 100), grade: z.number().int().min(1).max(4).meta({ title: '学年' }), employer: text('分散訓練実施事業所', 200) })
  .strict();

export const dispersedTrainingReportInput = z
  .object({
    fiscalYear: z.number().int().min(2019).max(2100).meta({ title: '年度' }),
    course,
    trainees: z.array(dispersedTrainee).min(1).max(200).meta({ title: '分散訓練を行う訓練生' }),
    schoolOrgId: z.string().uuid().optional().meta({ title: '訓練校' }),
  })
  .strict();

const hours = (title: string) => z.number().min(0).max(400).meta({ title });

/** One row of 様式15: 系基礎実技 or 専攻実技 in one month. */
const practice = (title: string) =>
  z
    .object({ content: text('訓練内容', 400), planned: hours('計画時間'), actual: hours('実施時間'), attended: hours('出席時間') })
    .strict()
    .meta({ title });

export const monthRow = z
  .object({ month: z.number().int().min(1).max(12).meta({ title: '月' }), basic: practice('系基礎実技'), major: practice('専攻実技') })
  .strict();

/** 様式15 from the employer, as the school records it. */
export const reportRecorded = z
  .object({
    quarter,
    traineeName: text('訓練生氏名', 100),
    employer: text('事業主名', 200),
    instructorName: text('指導員名', 100),
    reportedOn: isoDate('報告年月日'),
    months: z.array(monthRow).min(1).max(3).meta({ title: '分散訓練の実施状況（月別）〔様式15〕' }),
  })
  .strict();

export const traineeLeft = z.object({ name: text('訓練生氏名', 100), leftOn: isoDate('分散訓練の終了日（退校日等）'), reason: longText('理由') }).strict();
export const withdrawn = withdrawal;

export type DispersedTrainingReportInput = z.infer<typeof dispersedTrainingReportInput>;
export type ReportRecorded = z.infer<typeof reportRecorded>;
export type DispersedTrainee = z.infer<typeof dispersedTrainee>;

/** The form of every event, by type: the machine's event types are derived from it. */
export const eventForms = {
  REPORT_RECORDED: reportRecorded,
  TRAINEE_LEFT: traineeLeft,
  WITHDRAWN: withdrawn,
};
