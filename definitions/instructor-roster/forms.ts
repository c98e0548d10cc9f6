/**
 * Payload schemas of the instructor roster (manual II-6(1), 様式5-1 職業訓練指導員・講師名簿（集合）, 様式5-2 同（分散）,
 * 様式5-3 指導員・講師承諾書): made every fiscal year, consent collected every year from each instructor of the
 * classroom training, except internal unpaid ones at a single-employer school (単独校の内部講師で無報酬の場合).
 */
import { z } from 'zod';
import { count, isoDate, longText, text, withdrawal } from '../common/form-fields.js';

const FY = z.number().int().min(2019).max(2100);

export const SCHOOL_TYPES = { single: '単独校（単独職業訓練）', joint: '共同校（団体等）' } as const;
export type SchoolType = keyof typeof SCHOOL_TYPES;

export const instructorRosterInput = z
  .object({
    fiscalYear: FY.meta({ title: '年度' }),
    schoolType: z.enum(['single', 'joint']).meta({ title: '訓練校の別', description: 'single=単独校（単独職業訓練）, joint=共同校（団体等）' }),
    schoolOrgId: z.string().uuid().optional().meta({ title: '訓練校' }),
  })
  .strict();

const role = z.enum(['instructor', 'lecturer']).meta({ title: '指導員・講師の別', description: 'instructor=指導員, lecturer=講師' });

/** 免許取得年月日・免許番号: filled in for a 指導員 (様式5-2 注). */
const licence = z
  .object({ acquiredOn: isoDate('免許取得年月日'), number: text('免許番号', 40) })
  .strict()
  .meta({ title: '職業訓練指導員免許' });

/** A row of 様式5-1 (集合訓練), with what decides whether a 承諾書 is needed. */
export const collectiveRow = z
  .object({
    number: z.number().int().min(1).max(999).meta({ title: '番号' }),
    role,
    subjects: text('担当科目', 200),
    name: text('氏名', 100),
    address: text('住所', 200),
    employer: text('事業所名', 200),
    licence: licence.optional(),
    remarks: text('備考（資格・経験等）', 400).optional(),
    internal: z.boolean().meta({ title: '内部講師（自社の従業員）' }),
    paid: z.boolean().meta({ title: '報酬あり' }),
  })
  .strict();

/** A row of 様式5-2 (分散訓練): the employer where trainees train, and its instructor. */
export const dispersedRow = z
  .object({
    number: z.number().int().min(1).max(999).meta({ title: '番号' }),
    employer: text('事業所名', 200),
    representative: text('代表者名', 100),
    address: text('所在地', 200),
    trainees: count('訓練生数'),
    role,
    name: text('指導員・講師 氏名', 100),
    licence: licence.optional(),
  })
  .strict();

const roster = {
  collective: z.array(collectiveRow).min(1).max(200).meta({ title: '職業訓練指導員・講師名簿（集合）〔様式5-1〕' }),
  dispersed: z.array(dispersedRow).max(200).meta({ title: '職業訓練指導員・講師名簿（分散）〔様式5-2〕' }),
};

export const rosterFiled = z.object({ preparedOn: isoDate('作成年月日'), ...roster }).strict();

/** 名簿は、変更のたびに変更理由及び変更年月日を記入し、修正のうえ保存 (作成上の留意点④): the whole corrected roster. */
export const rosterChanged = z.object({ changedOn: isoDate('変更年月日'), reason: longText('変更理由'), ...roster }).strict();

/** 様式5-3 承諾書 received from instructors named on 様式5-1. */
export const consentRecorded = z
  .object({
    consents: z
      .array(z.object({ name: text('氏名', 100), consentedOn: isoDate('承諾年月日') }).strict())
      .min(1)
      .max(200)
      .meta({ title: '指導員・講師承諾書〔様式5-3〕' }),
  })
  .strict();

export const withdrawn = withdrawal;

export type InstructorRosterInput = z.infer<typeof instructorRosterInput>;
export type CollectiveRow = z.infer<typeof collectiveRow>;
export type DispersedRow = z.infer<typeof dispersedRow>;

/** The form of every event, by type: the machine's event types are derived from it. */
export const eventForms = {
  ROSTER_FILED: rosterFiled,
  CONSENT_RECORDED: consentRecorded,
  ROSTER_CHANGED: rosterChanged,
  WITHDRAWN: withdrawn,
};
