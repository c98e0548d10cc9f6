/** Payload schemas of the retention of training records (manual II-6 訓練管理帳票類, 保存年限). */
import { z } from 'zod';
import { isoDate, longText, text } from '../common/form-fields.js';
import { COURSE_TYPES, type CourseType } from './table.js';

const COURSE_KEYS = Object.keys(COURSE_TYPES) as [CourseType, ...CourseType[]];

export const recordRetentionInput = z
  .object({
    fiscalYear: z.number().int().min(2000).max(2100).meta({ title: '帳票の年度' }),
    courseTypes: z
      .array(z.enum(COURSE_KEYS).meta({ title: '訓練課程', description: COURSE_KEYS.map((k) => `${k}=${COURSE_TYPES[k]}`).join(', ') }))
      .min(1)
      .max(5)
      .meta({ title: '実施した訓練課程' }),
    subsidy: z.boolean().meta({ title: '補助金・助成金の交付を受けている' }),
    schoolOrgId: z.string().uuid().optional().meta({ title: '訓練校' }),
  })
  .strict();

export const disposed = z
  .object({
    records: z.array(z.number().int().min(1).max(99)).min(1).max(30).meta({ title: '廃棄した帳票（一覧表の番号）' }),
    disposedOn: isoDate('廃棄年月日'),
    method: text('廃棄の方法（溶解・裁断等）', 200),
  })
  .strict();

/** After an abolition (様式4 6 訓練関係の帳票類の引継先) the records are kept by the custodian for the same periods. */
export const recordsTransferred = z
  .object({
    custodian: z
      .object({ name: text('名称'), address: text('所在地'), representative: text('代表者', 100) })
      .strict()
      .meta({ title: '訓練関係の帳票類の引継先' }),
    transferredOn: isoDate('引継年月日'),
    reason: longText('引継の理由（廃止等）'),
  })
  .strict();

export type RecordRetentionInput = z.infer<typeof recordRetentionInput>;

/** The form of every event, by type: the machine's event types are derived from it. */
export const eventForms = {
  DISPOSED: disposed,
  RECORDS_TRANSFERRED: recordsTransferred,
};
