/** Payload schemas of the abolition of certified training (manual II-4(2), 法40条・規則34条, 様式4 認定職業訓練廃止届). */
import { z } from 'zod';
import { correctionRequest, course, isoDate, longText, representative, text, withdrawal } from '../common/form-fields.js';

/** 訓練の種類・訓練課程・訓練科名, as 様式4 items 1-3 name the abolished training. */
export const abolishedTraining = course
  .extend({
    trainingType: z.enum(['普通職業訓練', '高度職業訓練']).meta({ title: '訓練の種類' }),
    courseType: text('訓練課程', 60),
  })
  .meta({ title: '廃止する訓練' });

export const abolitionInput = z
  .object({
    trainings: z.array(abolishedTraining).min(1).max(20).meta({ title: '廃止する訓練（訓練の種類・訓練課程・訓練科名）' }),
    abolishedOn: isoDate('廃止年月日（予定）'),
    fiscalYear: z.number().int().min(2019).max(2100).optional().meta({ title: '年度' }),
    schoolOrgId: z.string().uuid().optional().meta({ title: '訓練校' }),
  })
  .strict();

/** 6 訓練関係の帳票類の引継先: who keeps the training records for their retention periods (II-6). */
export const custodian = z
  .object({ name: text('名称'), address: text('所在地'), representative: text('代表者', 100) })
  .strict()
  .meta({ title: '訓練関係の帳票類の引継先' });

/** 様式4 認定職業訓練廃止届, with the 認定書, to the regional centre (2部). */
export const abolitionFiled = z
  .object({
    representative,
    certification: z
      .object({ certifiedOn: isoDate('認定年月日'), number: text('認定番号（単・共第　号）', 40) })
      .strict()
      .meta({ title: '認定の年月日・認定番号' }),
    trainings: z.array(abolishedTraining).min(1).max(20).meta({ title: '廃止する訓練〔様式4 1〜3〕' }),
    abolishedOn: isoDate('廃止年月日'),
    reason: longText('訓練の廃止理由'),
    custodian,
    certificateAttached: z.boolean().meta({ title: '認定書を添付' }),
    subsidyUsed: z.boolean().meta({ title: '過去に事業内職業訓練事業補助金の施設費・設備費を利用' }),
  })
  .strict();

export const correctionRequested = correctionRequest;
export const accepted = z
  .object({ certificateReceivedOn: isoDate('認定書の受領日'), note: longText('連絡事項').optional() })
  .strict();
export const withdrawn = withdrawal;

export type AbolitionInput = z.infer<typeof abolitionInput>;
export type AbolitionFiled = z.infer<typeof abolitionFiled>;
export type AbolishedTraining = z.infer<typeof abolishedTraining>;

/** The form of every event, by type: the machine's event types are derived from it. */
export const eventForms = {
  ABOLITION_FILED: abolitionFiled,
  CORRECTION_REQUESTED: correctionRequested,
  REFILED: abolitionFiled,
  ACCEPTED: accepted,
  WITHDRAWN: withdrawn,
};
