/** Payload schemas of the completion-exam events, one per 様式 (manual IV, 様式23-1 to 27-2). */
import { z } from 'zod';
import { applicationReturnedForm, certifiedForm, deliveredForm } from '../common/certification-phase.js';
import { count, course, isoDate, longText, representative, text, timeOfDay, traineeId, withdrawal } from '../common/form-fields.js';

export const GRADES = ['1級', '2級', '単一等級'] as const;

export const completionExamInput = z
  .object({
    course: course.extend({
      grade: z.enum(GRADES).meta({ title: '技能士コースの等級' }),
      mode: z.enum(['classroom', 'correspondence']).meta({ title: '訓練の方法', description: 'classroom=集合訓練, correspondence=通信制訓練' }),
    }).meta({ title: '訓練科' }),
    fiscalYear: z.number().int().min(2019).max(2100).optional().meta({ title: '年度' }),
    lastTrainingDay: isoDate('訓練最終日（修了時試験実施日）'),
    plannedDeliveryDate: isoDate('修了証書交付予定日').optional(),
    schoolOrgId: z.string().uuid().optional().meta({ title: '訓練校' }),
  })
  .strict();

const session = z
  .object({
    examDate: isoDate('試験実施予定年月日'),
    start: timeOfDay('試験開始時刻'),
    end: timeOfDay('試験終了時刻'),
    place: text('試験実施場所'),
  })
  .strict();

/** 様式23-1 問題届出書, 23-2 学科試験問題 (本試験100・追試験100・予備10), 様式24 実施届出書 — filed together to HQ, 24 copied to the centre. */
export const questionsFiled = z
  .object({
    representative,
    clerk: text('事務担当者名', 100).optional(),
    course,
    questions: z
      .object({
        mainQuestions: z.literal(100, { message: '本試験問題は100題です' }).meta({ title: '本試験問題数' }),
        makeupQuestions: z.literal(100, { message: '追試験問題は100題です' }).meta({ title: '追試験問題数' }),
        spareQuestions: z.literal(10, { message: '予備問題は10題です' }).meta({ title: '予備問題数' }),
        subjects: z.array(text('科目', 60)).min(1).max(50).meta({ title: '出題科目（予備問題は各科目から）' }),
      })
      .strict()
      .meta({ title: '学科試験問題〔様式23-2〕' }),
    notice: session
      .extend({
        passMark: z.literal(65, { message: '合格点は100点満点で65点です' }).meta({ title: '合格点' }),
        examinees: count('受験人員'),
        plannedCompletionDate: isoDate('修了予定年月日'),
      })
      .meta({ title: '修了時試験実施届出書〔様式24〕' }),
  })
  .strict();

export const examDateChanged = z
  .object({ examDate: isoDate('新しい訓練最終日（試験実施日）'), reason: longText('変更理由') })
  .strict();

export const reviewApproved = z.object({ note: longText('通知内容').optional() }).strict();
export const reviewGuidance = z.object({ guidance: longText('指導内容') }).strict();
export const questionsSentToCenter = z
  .object({ correctionSummary: longText('訂正内容（指導を受けた場合）').optional() })
  .strict();

const hours = (title: string) => z.number().min(0).max(10000).meta({ title });

/** Attendance by the completion date: classroom hours, or correspondence assignments and face-to-face hours. */
export const attendance = z.union([
  z
    .object({ mode: z.literal('classroom'), plannedHours: hours('総訓練計画時間'), attendedHours: hours('受講見込み時間') })
    .strict()
    .meta({ title: '集合訓練の受講状況' }),
  z
    .object({
      mode: z.literal('correspondence'),
      assignmentsTotal: count('設問数'),
      assignmentsCorrected: count('解答・添削指導済みの設問数'),
      faceToFacePlannedHours: hours('面接指導計画時間'),
      faceToFaceAttendedHours: hours('面接指導受講見込み時間'),
    })
    .strict()
    .meta({ title: '通信制訓練の受講状況' }),
]).meta({ title: '受講状況' });

const correct = z.number().int().min(0).max(100).meta({ title: '正答数' });

export const examineeResult = z
  .object({
    traineeId,
    name: text('氏名', 100),
    birthDate: isoDate('生年月日'),
    attendance,
    outcome: z.enum(['sat', 'absent']).meta({ title: '受験状況', description: 'sat=受験, absent=欠席' }),
    correct: correct.optional(),
  })
  .strict();

export const resultsRecorded = z
  .object({ results: z.array(examineeResult).min(1).max(500).meta({ title: '採点結果（合格判定結果連名簿の基礎）' }) })
  .strict();

/** 補講 for a failed trainee (manual IV (12)): at least 12 hours in the subjects needed before a makeup. */
export const remedialRecorded = z
  .object({
    traineeId,
    subject: text('補講科目', 60),
    hours: z.number().positive().max(200).meta({ title: '補講時間' }),
    date: isoDate('補講実施日'),
  })
  .strict();

export const makeupScheduled = z
  .object({
    date: isoDate('追試験実施予定日'),
    start: timeOfDay('開始時刻'),
    end: timeOfDay('終了時刻'),
    place: text('実施場所'),
    traineeIds: z.array(traineeId).min(1).max(500).meta({ title: '追試験対象者' }),
  })
  .strict();

export const makeupResultsRecorded = z
  .object({
    results: z
      .array(z.object({ traineeId, outcome: z.enum(['sat', 'absent']).meta({ title: '受験状況', description: 'sat=受験, absent=欠席' }), correct: correct.optional() }).strict())
      .min(1)
      .max(500)
      .meta({ title: '追試験の採点結果' }),
  })
  .strict();

export const certNumbersRequested = z.object({ note: longText('連絡事項').optional() }).strict();

export const certNumbersIssued = z
  .object({
    numbers: z
      .array(z.object({ traineeId, tokyoNumber: text('知事証明番号', 40) }).strict())
      .min(1)
      .max(500)
      .meta({ title: '知事証明番号' }),
  })
  .strict();

/** 様式25 交付届出書及び証明申請書, 26 合格判定結果連名簿, 27-1 修了者名簿, 27-2 修了証書. */
export const certApplicationFiled = z
  .object({
    representative,
    summary: z
      .object({ plannedExaminees: count('受験予定者数'), examinees: count('受験者数'), passers: count('合格者数') })
      .strict()
      .meta({ title: '訓練実施状況〔様式25〕' }),
    deliveryDate: isoDate('修了証書交付予定年月日'),
    completers: z
      .array(z.object({ traineeId, schoolNumber: text('修了証書交付番号', 40) }).strict())
      .min(1)
      .max(500)
      .meta({ title: '修了者名簿〔様式27-1〕' }),
  })
  .strict();

export const withdrawn = withdrawal;

export type CompletionExamInput = z.infer<typeof completionExamInput>;
export type ExamineeResult = z.infer<typeof examineeResult>;
export type MakeupResult = z.infer<typeof makeupResultsRecorded>['results'][number];

/** The form of every event, by type: the machine's event types are derived from it. */
export const eventForms = {
  QUESTIONS_FILED: questionsFiled,
  EXAM_DATE_CHANGED: examDateChanged,
  REVIEW_APPROVED: reviewApproved,
  REVIEW_GUIDANCE: reviewGuidance,
  QUESTIONS_SENT_TO_CENTER: questionsSentToCenter,
  RESULTS_RECORDED: resultsRecorded,
  REMEDIAL_RECORDED: remedialRecorded,
  MAKEUP_SCHEDULED: makeupScheduled,
  MAKEUP_RESULTS_RECORDED: makeupResultsRecorded,
  CERT_NUMBERS_REQUESTED: certNumbersRequested,
  CERT_NUMBERS_ISSUED: certNumbersIssued,
  CERT_APPLICATION_FILED: certApplicationFiled,
  CERTIFIED: certifiedForm,
  APPLICATION_RETURNED: applicationReturnedForm,
  DELIVERED: deliveredForm,
  WITHDRAWN: withdrawn,
};
