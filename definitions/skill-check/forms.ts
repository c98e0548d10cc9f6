/** Payload schemas of the skill-check events, one per 様式 (manual III, 様式18-1 to 22). */
import { z } from 'zod';
import { addMonths, isIsoDate } from '../../src/domain/dates.js';
import { isWithin } from '../../src/domain/submit-by.js';
import { applicationReturnedForm, certifiedForm, deliveredForm } from '../common/certification-phase.js';
import { count, course, isoDate, longText, representative, text, timeOfDay, traineeId, withdrawal } from '../common/form-fields.js';

export const skillCheckInput = z
  .object({
    course: course.extend({
      courseType: z.enum(['普通課程', '専門課程']).meta({ title: '訓練課程' }),
    }).meta({ title: '訓練科' }),
    fiscalYear: z.number().int().min(2019).max(2100).optional().meta({ title: '年度' }),
    trainingCompletionDate: isoDate('訓練修了日'),
    plannedExamDate: isoDate('試験実施予定日'),
    plannedDeliveryDate: isoDate('合格証書交付予定日').optional(),
    schoolOrgId: z.string().uuid().optional().meta({ title: '訓練校' }),
  })
  .strict()
  // zod runs object refinements even when a field failed: only compare real dates.
  .refine((i) => !isIsoDate(i.plannedExamDate) || !isIsoDate(i.trainingCompletionDate) || isWithin(i.plannedExamDate, addMonths(i.trainingCompletionDate, -2), i.trainingCompletionDate), {
    message: '試験実施予定日は訓練修了日前2か月から訓練修了日までの間としてください（技能照査の実施時期）',
    path: ['plannedExamDate'],
  });

/** 様式18-1 届出書 with 18-2 (学科: 100 true/false + 10 spare) and 18-3 (実技). */
export const questionsFiled = z
  .object({
    representative,
    course,
    written: z
      .object({
        mainQuestions: z.literal(100, { message: '学科試験の本試験問題は100題です' }).meta({ title: '本試験問題数' }),
        spareQuestions: z.literal(10, { message: '学科試験の予備試験問題は10題です' }).meta({ title: '予備試験問題数' }),
        subjects: z.array(text('科目', 60)).min(1).max(50).meta({ title: '出題科目（予備問題は各科目から）' }),
      })
      .strict()
      .meta({ title: '学科試験問題〔様式18-2〕' }),
    practical: z
      .object({
        problem: longText('実技試験問題'),
        tools: z.array(text('工具', 100)).max(200).meta({ title: '工具一覧表' }),
        scoringGuide: longText('採点要領'),
        criteria: longText('採点基準'),
      })
      .strict()
      .meta({ title: '実技試験問題〔様式18-3〕' }),
  })
  .strict();

export const reviewApproved = z.object({ note: longText('通知内容').optional() }).strict();
export const reviewGuidance = z.object({ guidance: longText('指導内容') }).strict();
export const correctedQuestionsSent = z.object({ summary: longText('訂正内容') }).strict();

export const examDateChanged = z
  .object({ examDate: isoDate('新しい試験実施予定日'), reason: longText('変更理由') })
  .strict();

const session = (title: string) =>
  z
    .object({ date: isoDate('実施予定年月日'), start: timeOfDay('開始時刻'), end: timeOfDay('終了時刻'), place: text('実施予定場所') })
    .strict()
    .meta({ title });

const subjectAttendance = z
  .object({
    subject: text('科目', 60),
    plannedHours: z.number().positive().max(10000).meta({ title: '訓練計画時間' }),
    attendedHours: z.number().min(0).max(10000).meta({ title: '受講見込み時間' }),
  })
  .strict();

/** 様式19-2 出席状況連名簿: one row per trainee with attendance per subject. */
export const rosterEntry = z
  .object({
    traineeId,
    name: text('氏名', 100),
    birthDate: isoDate('生年月日'),
    subjects: z.array(subjectAttendance).min(1).max(50).meta({ title: '科目別出席状況' }),
  })
  .strict();

/** 様式19-1 技能照査実施届出書 with 19-2 and the questions, to the regional centre. */
export const implementationNoticeFiled = z
  .object({
    representative,
    course,
    written: session('学科'),
    practical: session('実技'),
    expectedExaminees: count('受験予定者数'),
    roster: z.array(rosterEntry).min(1).max(500).meta({ title: '出席状況連名簿〔様式19-2〕' }),
  })
  .strict();

const answers = z
  .object({ correct: count('正答数'), wrong: count('誤答数'), blank: count('無回答数') })
  .strict()
  .meta({ title: '学科解答' });

export const traineeResult = z
  .object({
    traineeId,
    outcome: z.enum(['sat', 'absent-accident', 'abandoned-accident', 'absent']).meta({
      title: '受験状況',
      description: 'sat=受験, absent-accident=不測の事故による欠席, abandoned-accident=不測の事故による途中放棄, absent=欠席',
    }),
    written: answers.optional(),
    practicalScore: z.number().min(0).max(100).optional().meta({ title: '実技得点' }),
  })
  .strict();

export const resultsRecorded = z.object({ results: z.array(traineeResult).min(1).max(500).meta({ title: '採点結果' }) }).strict();

/** Makeup (追試験) notice to the centre, questions taken from the filed spares. */
export const makeupNoticeFiled = z
  .object({
    session: session('追試験'),
    traineeIds: z.array(traineeId).min(1).max(500).meta({ title: '追試験対象者' }),
    spareQuestionsUsed: z.number().int().min(1).max(10).meta({ title: '使用する予備問題数' }),
    afterCompletionReason: z.enum(['disaster', 'illness']).optional().meta({ title: '修了後に行う事由（災害・疾病）' }),
  })
  .strict();

export const makeupResultsRecorded = resultsRecorded;

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

/** 様式20-1 申請書, 20-2 合格判定結果連名簿, 20-3 申請者名簿, 21 合格証書. */
export const certApplicationFiled = z
  .object({
    representative,
    deliveryDate: isoDate('合格証書交付年月日'),
    applicants: z
      .array(z.object({ traineeId, schoolNumber: text('合格証書交付番号', 40) }).strict())
      .min(1)
      .max(500)
      .meta({ title: '技能照査合格証明申請者名簿〔様式20-3〕' }),
  })
  .strict();

export const passRevoked = z.object({ traineeId, reason: longText('取消理由') }).strict();
export const withdrawn = withdrawal;

export type SkillCheckInput = z.infer<typeof skillCheckInput>;
export type RosterEntry = z.infer<typeof rosterEntry>;
export type TraineeResult = z.infer<typeof traineeResult>;

/** The form of every event, by type: the machine's event types are derived from it. */
export const eventForms = {
  QUESTIONS_FILED: questionsFiled,
  REVIEW_APPROVED: reviewApproved,
  REVIEW_GUIDANCE: reviewGuidance,
  CORRECTED_QUESTIONS_SENT: correctedQuestionsSent,
  EXAM_DATE_CHANGED: examDateChanged,
  IMPLEMENTATION_NOTICE_FILED: implementationNoticeFiled,
  RESULTS_RECORDED: resultsRecorded,
  MAKEUP_NOTICE_FILED: makeupNoticeFiled,
  MAKEUP_RESULTS_RECORDED: makeupResultsRecorded,
  CERT_NUMBERS_REQUESTED: certNumbersRequested,
  CERT_NUMBERS_ISSUED: certNumbersIssued,
  CERT_APPLICATION_FILED: certApplicationFiled,
  CERTIFIED: certifiedForm,
  APPLICATION_RETURNED: applicationReturnedForm,
  DELIVERED: deliveredForm,
  PASS_REVOKED: passRevoked,
  WITHDRAWN: withdrawn,
};
