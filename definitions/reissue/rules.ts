/** Statutory rules of a reissue: named once in `reissueRules`, placed on transitions by name. */
import { checkRule } from '../common/rules.js';
import type { RuleTable } from '../types.js';
import type { ReissueContext, ReissueEventOf as Ev } from './context.js';
import type { Attachment, CertificateType } from './forms.js';

type Ctx = ReissueContext;

const LABEL: Record<Attachment, string> = {
  request: '本人からの再証明願',
  resultsRoster: '合格判定結果連名簿の写し',
  applicantsRoster: '申請者名簿（修了者名簿）の写し',
  certificate: '再交付する証書',
  residenceCertificate: '氏名の変更が確認できる住民票等',
};

const FORMS: Record<CertificateType, Partial<Record<Attachment, string>>> = {
  'skill-check': { resultsRoster: '様式20-2', applicantsRoster: '様式20-3', certificate: '様式21' },
  completion: { resultsRoster: '様式26', applicantsRoster: '様式27-1', certificate: '様式27-2' },
};

/** Manual III (16) and IV (13): the same four papers for both, plus a residence certificate for a renamed completer. */
export function requiredAttachments(c: Ctx): Attachment[] {
  const base: Attachment[] = ['request', 'resultsRoster', 'applicantsRoster', 'certificate'];
  return c.certificateType === 'completion' && c.request.reason === 'nameChanged' ? [...base, 'residenceCertificate'] : base;
}

/** The roster of certified persons is the applicants' roster (様式20-3) or the completers' roster (様式27-1). */
const ROSTER: Record<CertificateType, string> = { 'skill-check': '申請者名簿の写し', completion: '修了者名簿の写し' };

export const attachmentLabel = (c: Ctx, a: Attachment) => {
  const label = a === 'applicantsRoster' && c.certificateType ? ROSTER[c.certificateType] : LABEL[a];
  const form = c.certificateType ? FORMS[c.certificateType][a] : undefined;
  return form ? `${label}〔${form}〕` : label;
};

/** The papers to attach, in the manual's order, with this certificate's 様式 numbers. */
export const attachmentsText = (c: Ctx) => requiredAttachments(c).map((a) => attachmentLabel(c, a)).join('、');

/** The linked original must be a delivered case of the right type that certified the trainee (checked on every filing). */
export const linkConsistent = checkRule<Ctx, Ev<'NUMBERS_ASSIGNED'> | Ev<'APPLICATION_FILED'>>(
  'linkedCase',
  (c) => (c.linkProblems.length ? `元の証明の案件を確認してください: ${c.linkProblems.join('／')}` : null),
  'この案件を取下げ、正しい元の案件と訓練生番号で作り直してください。',
);

export const attachmentsComplete = checkRule<Ctx, Ev<'APPLICATION_FILED'>>(
  'attachments',
  (c, e) => {
    const given = new Set(e.data.attachments);
    const missing = requiredAttachments(c).filter((a) => !given.has(a));
    return missing.length ? `添付書類が不足しています: ${missing.map((a) => attachmentLabel(c, a)).join('、')}` : null;
  },
  '不足する書類を添付して申請してください。',
);

export const numbersMatch = checkRule<Ctx, Ev<'APPLICATION_FILED'>>(
  'numbers',
  (c, e) => {
    const problems: string[] = [];
    if (c.reissue && e.data.reissueSchoolNumber !== c.reissue.schoolNumber) problems.push(`再交付番号は本庁が示した ${c.reissue.schoolNumber} です`);
    if (c.reissue && e.data.reissueTokyoNumber !== c.reissue.tokyoNumber) problems.push(`再証明番号は本庁が示した ${c.reissue.tokyoNumber} です`);
    if (c.original.tokyoNumber && e.data.oldTokyoNumber !== c.original.tokyoNumber) problems.push(`旧証明番号は ${c.original.tokyoNumber} です`);
    return problems.length ? problems.join('／') : null;
  },
  '本庁が示した番号と元の証書の番号を記載してください。',
);

/** The rules by the names the machine's `rules` guards use. */
export const reissueRules = { linkConsistent, attachmentsComplete, numbersMatch } satisfies RuleTable<Ctx>;

export type ReissueRuleName = keyof typeof reissueRules;
