/** Payload schemas of the reissue events (manual III (16) 様式22, IV (13) 様式28). */
import { z } from 'zod';
import { applicationReturnedForm, deliveredForm } from '../common/certification-phase.js';
import { course, isoDate, longText, representative, text, traineeId, withdrawal } from '../common/form-fields.js';

export const CERTIFICATE_TYPES = ['skill-check', 'completion'] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

const certificateType = z.enum(CERTIFICATE_TYPES).meta({
  title: '証書の種類',
  description: 'skill-check=技能照査合格証書（様式21、再証明は様式22）, completion=修了証書（様式27-2、再証明は様式28）',
});

const reason = z.enum(['lost', 'burned', 'nameChanged']).meta({ title: '事由', description: 'lost=紛失, burned=焼失, nameChanged=氏名変更' });

/** 本人からの再証明願 (no fixed form): addressee, date, name, birth date, course, reason. */
export const holderRequest = z
  .object({
    addressee: text('宛先（団体・事業所）'),
    requestDate: isoDate('再証明願の日付'),
    name: text('氏名', 100),
    formerName: text('旧氏名', 100).optional(),
    birthDate: isoDate('生年月日'),
    course,
    reason,
    reasonDetail: longText('申請理由（具体的に）'),
  })
  .strict()
  .refine((r) => r.reason !== 'nameChanged' || !!r.formerName, { message: '氏名変更の場合は旧氏名を入力してください', path: ['formerName'] })
  .meta({ title: '本人からの再証明願' });

const originalCertificate = z
  .object({
    examDate: isoDate('試験実施年月日'),
    schoolNumber: text('旧交付番号', 40),
    tokyoNumber: text('旧証明番号', 40),
  })
  .strict()
  .meta({ title: '元の証書' });

/** The case opens when the school receives the holder's request; a case of this system is linked when it issued the certificate. */
export const reissueInput = z
  .object({
    certificateType: certificateType.optional(),
    originalCaseId: z.string().uuid().optional().meta({ title: '元の証明を行った案件' }),
    traineeId: traineeId.optional(),
    request: holderRequest,
    original: originalCertificate.optional(),
    fiscalYear: z.number().int().min(2019).max(2100).optional().meta({ title: '年度' }),
    schoolOrgId: z.string().uuid().optional().meta({ title: '訓練校' }),
  })
  .strict()
  .refine((i) => !i.originalCaseId || !!i.traineeId, { message: '元の案件を指定する場合は訓練生番号を入力してください', path: ['traineeId'] })
  .refine((i) => !!i.originalCaseId || (!!i.certificateType && !!i.original), {
    message: '元の案件がない場合は証書の種類と元の証書（試験実施年月日・旧交付番号・旧証明番号）を入力してください',
    path: ['original'],
  });

const reissueNumber = (title: string) =>
  text(title, 40).refine((s) => s.startsWith('再'), { message: `${title}は「再」で始まる番号（再N号）としてください` });

/** HQ tells the school the date and the 再-prefixed numbers of the reissued certificate. */
export const numbersAssigned = z
  .object({
    reissueDate: isoDate('再交付証書に記載する日付'),
    schoolNumber: reissueNumber('再交付番号（交付番号）'),
    tokyoNumber: reissueNumber('再証明番号（都の証明番号）'),
  })
  .strict();

export const ATTACHMENTS = ['request', 'resultsRoster', 'applicantsRoster', 'certificate', 'residenceCertificate'] as const;
export type Attachment = (typeof ATTACHMENTS)[number];

/** 様式22 技能照査合格証書再証明申請書 / 様式28 修了証書再証明申請書, with the attachments. */
export const applicationFiled = z
  .object({
    representative,
    holder: z
      .object({ name: text('氏名', 100), formerName: text('旧氏名', 100).optional(), birthDate: isoDate('生年月日') })
      .strict()
      .meta({ title: '合格者（修了者）' }),
    course,
    examDate: isoDate('試験実施年月日'),
    oldTokyoNumber: text('旧証明番号', 40),
    reissueSchoolNumber: reissueNumber('再交付番号'),
    reissueTokyoNumber: reissueNumber('再証明番号'),
    attachments: z
      // Item labels name no 様式: which roster and certificate form applies depends on the certificate type.
      .array(
        z.enum(ATTACHMENTS).meta({
          description:
            'request=本人からの再証明願, resultsRoster=合格判定結果連名簿の写し, applicantsRoster=申請者名簿／修了者名簿の写し, certificate=再交付する証書, residenceCertificate=住民票等（氏名変更）',
        }),
      )
      .max(10)
      .meta({
        title: '添付書類',
        description:
          'request=本人からの再証明願, resultsRoster=合格判定結果連名簿の写し（様式20-2／26）, applicantsRoster=申請者名簿／修了者名簿の写し（様式20-3／27-1）, certificate=再交付する証書（様式21／27-2）, residenceCertificate=住民票等（氏名変更）',
      }),
  })
  .strict();

/** The shared certification form (same shape as `certifiedForm`), its date labelled as a re-certification. */
export const recertified = z.object({ certifiedOn: isoDate('再証明年月日') }).strict();
export const withdrawn = withdrawal;

/** The form of every event a reissue case receives. */
export const eventForms = {
  NUMBERS_ASSIGNED: numbersAssigned,
  APPLICATION_FILED: applicationFiled,
  RECERTIFIED: recertified,
  APPLICATION_RETURNED: applicationReturnedForm,
  DELIVERED: deliveredForm,
  WITHDRAWN: withdrawn,
};

export type ReissueInput = z.infer<typeof reissueInput>;
export type HolderRequest = z.infer<typeof holderRequest>;
