/** Payload schemas of the suspension events (manual II-4, 様式3-1 休止届, 3-2 再開計画書, 4 廃止届). */
import { z } from 'zod';
import { course, isoDate, longText, representative, text, withdrawal } from '../common/form-fields.js';

/** 訓練の種類・訓練課程・訓練科名, as 様式3-1 and 様式4 name the suspended training. */
export const suspendedTraining = course
  .extend({
    trainingType: z.enum(['普通職業訓練', '高度職業訓練']).meta({ title: '訓練の種類' }),
    courseType: text('訓練課程', 60),
  })
  .meta({ title: '休止する訓練' });

export const suspensionInput = z
  .object({
    course: suspendedTraining,
    suspensionDate: isoDate('休止年月日'),
    fiscalYear: z.number().int().min(2019).max(2100).optional().meta({ title: '年度' }),
    schoolOrgId: z.string().uuid().optional().meta({ title: '訓練校' }),
  })
  .strict();

/** 様式3-1 認定職業訓練休止届 with 様式3-2 認定職業訓練再開計画書: filed at the start and again every fiscal year. */
export const suspensionFiled = z
  .object({
    representative,
    notice: z
      .object({
        course: suspendedTraining,
        suspensionDate: isoDate('休止年月日'),
        periodFrom: isoDate('休止期間（開始）'),
        periodTo: isoDate('休止期間（終了）'),
        reason: longText('訓練の休止理由'),
      })
      .strict()
      .meta({ title: '認定職業訓練休止届〔様式3-1〕' }),
    plan: z
      .object({
        situation: longText('休止に至った状況又は理由'),
        measures: longText('再開に向けての今後の取組み及び見通し'),
        plannedResumptionDate: isoDate('再開予定年月日'),
      })
      .strict()
      .meta({ title: '認定職業訓練再開計画書〔様式3-2〕' }),
  })
  .strict()
  .refine((f) => f.notice.periodFrom <= f.notice.periodTo, { message: '休止期間の終了は開始以降の日付としてください', path: ['notice', 'periodTo'] });

export const inspectionRecorded = z
  .object({ inspectedOn: isoDate('調査日'), findings: longText('休止団体調査の結果') })
  .strict();

export const resumed = z.object({ resumedOn: isoDate('再開年月日'), note: longText('備考').optional() }).strict();

/** 様式4 認定職業訓練廃止届, naming who keeps the training records (訓練関係の帳票類の引継先). */
export const abolished = z
  .object({
    representative,
    course: suspendedTraining,
    abolishedOn: isoDate('廃止年月日'),
    reason: longText('訓練の廃止理由'),
    custodian: z
      .object({ name: text('名称'), address: text('所在地'), representative: text('代表者', 100) })
      .strict()
      .meta({ title: '訓練関係の帳票類の引継先' }),
  })
  .strict();

export const reviewContinued = z.object({ reason: longText('休止継続を認める理由') }).strict();
export const revoked = z.object({ revokedOn: isoDate('認定取消年月日'), reason: longText('取消理由') }).strict();
export const withdrawn = withdrawal;

export type SuspensionInput = z.infer<typeof suspensionInput>;
export type SuspensionFiled = z.infer<typeof suspensionFiled>;

/** The form of every event, by type: the machine's event types are derived from it. */
export const eventForms = {
  SUSPENSION_FILED: suspensionFiled,
  ANNUAL_REFILED: suspensionFiled,
  INSPECTION_RECORDED: inspectionRecorded,
  RESUMED: resumed,
  ABOLISHED: abolished,
  REVIEW_CONTINUED: reviewContinued,
  REVOKED: revoked,
  WITHDRAWN: withdrawn,
};
