/**
 * Payload schemas of a supervision visit (manual II-5 東京都の指導・監督業務): the visit planned against a school, its
 * record with findings and the date by which the school reports its improvements, the school's report, the office's check.
 */
import { z } from 'zod';
import { isoDate, longText, text } from '../common/form-fields.js';

/** The visits of II-5 (1)-(6), and the unannounced visit the manual mentions under (3). Keys are the API's values. */
export const VISIT_KINDS = {
  trainingAffairs: '(1) 訓練事務指導',
  trainingSurvey: '(2) 訓練実施状況調査',
  accounting: '(3) 経理事務指導',
  organisation: '(4) 実施団体・事業所調査',
  corporation: '(5) 職業訓練法人調査',
  suspended: '(6) 休止団体・事業所調査',
  unannounced: '随時調査（予告なしの訪問）',
} as const;
export type VisitKind = keyof typeof VISIT_KINDS;
const KIND_KEYS = Object.keys(VISIT_KINDS) as [VisitKind, ...VisitKind[]];

/** What each visit checks, in the manual's words (shown to the school and the office). */
export const VISIT_PURPOSE: Record<VisitKind, string> = {
  trainingAffairs: '訓練管理帳票類が整備されているか等を指導・確認します。',
  trainingSurvey: '訓練日に、訓練が訓練基準に基づき的確に行われているか、指導技法は適正であるか等を指導・確認します。',
  accounting: '補助金、助成金の適正かつ効率的な執行が行われているか、経理関係帳票類が整備されているか等を指導・確認します。',
  organisation: '団体・事業所で、組織としての運営が適正に行われているかどうか指導・確認します。',
  corporation: '職業訓練法人として、法人の運営が適正に行われているかどうか指導・確認します。',
  suspended: '休止団体・事業所の状況を把握し、訓練の再開等、運営の適正化に向けて指導します。',
  unannounced: '訓練の実施を確認するため、予告なしで訪問します。',
};

export const visitKind = z.enum(KIND_KEYS).meta({ title: '指導・監督の種類', description: KIND_KEYS.map((k) => `${k}=${VISIT_KINDS[k]}`).join(', ') });

export const supervisionInput = z
  .object({
    kind: visitKind,
    plannedOn: isoDate('訪問予定日'),
    fiscalYear: z.number().int().min(2019).max(2100).optional().meta({ title: '年度' }),
    schoolOrgId: z.string().uuid().optional().meta({ title: '訓練校' }),
  })
  .strict();

export const visitRescheduled = z.object({ plannedOn: isoDate('訪問予定日（変更後）'), reason: longText('変更理由') }).strict();

/** One finding of a visit: what was found and what the school is to do about it. */
export const finding = z
  .object({ matter: text('指摘事項', 400), instruction: longText('指導内容（改善を求める事項）') })
  .strict();

export const visitRecorded = z
  .object({
    visitedOn: isoDate('訪問日'),
    visitors: text('訪問者（所属・氏名）', 200),
    checked: longText('確認した事項（帳票類・訓練の状況等）'),
    findings: z.array(finding).max(50).meta({ title: '指摘事項及び指導内容' }),
    followUpBy: isoDate('改善状況の報告期限').optional(),
  })
  .strict();

export const improvementReported = z
  .object({ improvements: longText('改善の状況'), improvedOn: isoDate('改善年月日') })
  .strict();

export const furtherFollowUp = z.object({ instruction: longText('再指導の内容'), followUpBy: isoDate('改善状況の報告期限（再指導）') }).strict();
export const followUpConfirmed = z.object({ note: longText('確認結果').optional() }).strict();
export const cancelled = z.object({ reason: longText('中止の理由') }).strict();

export type SupervisionInput = z.infer<typeof supervisionInput>;
export type VisitRecorded = z.infer<typeof visitRecorded>;

/** The form of every event, by type: the machine's event types are derived from it. */
export const eventForms = {
  VISIT_RESCHEDULED: visitRescheduled,
  VISIT_RECORDED: visitRecorded,
  IMPROVEMENT_REPORTED: improvementReported,
  FURTHER_FOLLOW_UP: furtherFollowUp,
  FOLLOW_UP_CONFIRMED: followUpConfirmed,
  CANCELLED: cancelled,
};
