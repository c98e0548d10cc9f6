/**
 * The reissue's documents: the re-certification application (様式22 for a 技能照査合格証書, manual III (16); 様式28
 * for a 修了証書, manual IV (13)) and the reissued certificate (様式21 / 様式27-2) with the 再-prefixed numbers and
 * the date HQ gave — one page. Each is available for its certificate type only. Pure layouts.
 */
import type { IsoDate } from '../../src/domain/dates.js';
import { courseName, dateLine, senderBlock, singlePage, wareki, type Block } from '../common/document-layout.js';
import { completionCertificatePage, gradeJa, numbered } from '../completion-exam/documents.js';
import type { DocumentDefinition, DocumentFacts } from '../types.js';
import type { ReissueContext } from './context.js';
import type { CertificateType } from './forms.js';
import { attachmentLabel } from './rules.js';

type Doc = DocumentDefinition<ReissueContext>;
type Ctx = ReissueContext;

const GOVERNOR = '東京都知事 殿';
const HQ_DESK = '産業労働局雇用就業部能力開発課';
const LAW_21 = '職業能力開発促進法第21条';
const REASON = { lost: '紛失', burned: '焼失', nameChanged: '氏名変更' } as const;

/** What the application states: as filed, else what the case knows from the holder's request and the original. */
const holderOf = (c: Ctx) =>
  c.application?.holder ?? { name: c.request.name, formerName: c.request.formerName, birthDate: c.original.birthDate ?? c.request.birthDate };
const courseOf = (c: Ctx) => c.application?.course ?? c.request.course;
const examDateOf = (c: Ctx) => c.application?.examDate ?? c.original.examDate;
const oldNumberOf = (c: Ctx) => c.application?.oldTokyoNumber ?? c.original.tokyoNumber;

/** 令和9年2月 (様式28 names the month of the exam only). */
const yearMonth = (d: IsoDate | null | undefined) => (d ? wareki(d).replace(/\d+日$/, '') : '　　年　　月');

const is = (t: CertificateType) => (c: Ctx) => c.certificateType === t;

/** The application's common part: date, filer, addressee, 記 and the five items (with the 再証明番号 HQ gave). */
function application(c: Ctx, f: DocumentFacts, form: string, title: string, sentence: string, notes: string[]): Block[] {
  const h = holderOf(c);
  return [
    { kind: 'formNumber', text: `〔${form}〕` },
    { kind: 'title', text: title },
    { kind: 'paragraph', text: sentence, indent: 10.5 },
    dateLine(c.application?.filedOn),
    senderBlock(f.schoolName, c.representative),
    { kind: 'addressee', text: GOVERNOR },
    { kind: 'ki' },
    {
      kind: 'fields',
      items: [
        { label: '1　氏名', value: h.formerName ? `${h.name}　〔旧氏名 ${h.formerName}〕` : h.name },
        { label: '2　生年月日', value: wareki(h.birthDate) },
        { label: '3　訓練科名', value: courseName(courseOf(c)) },
        { label: '4　旧証明番号', value: numbered(oldNumberOf(c)) },
        { label: '5　再交付番号', value: numbered(c.reissue?.schoolNumber) },
        { label: '　　再証明番号', value: numbered(c.reissue?.tokyoNumber) },
        { label: '　　再交付年月日', value: wareki(c.reissue?.reissueDate) },
        { label: '添付書類', value: (c.application?.attachments ?? []).map((a) => attachmentLabel(c, a)).join('、') },
      ],
    },
    { kind: 'notes', items: notes },
  ];
}

/** 様式22 技能照査合格証書再証明申請書. */
const form22: Doc = {
  form: '様式22',
  title: '技能照査合格証書再証明申請書',
  fileName: 'form-22',
  events: ['APPLICATION_FILED'],
  available: (c) => is('skill-check')(c) && c.application !== null,
  layout: (c, f) =>
    singlePage(
      application(
        c,
        f,
        '様式22',
        '技能照査合格証書再証明申請書',
        `${LAW_21}の規定に基づき${wareki(examDateOf(c))}に実施した技能照査の合格者に、${REASON[c.request.reason]}の理由により、下記のとおり合格証書を再交付しますので再証明願います。`,
        [
          '本人からの再証明願（申請理由は、具体的に記載されたもの）、合格判定結果連名簿及び申請者名簿の写しを添付すること。（様式20-2、20-3）',
          '再合格証書の作成は、交付番号と証明番号の頭に再と記載すること。',
          '提出部数　1部',
          `提出先　${HQ_DESK}`,
        ],
      ),
    ),
};

/** 様式28 修了証書再証明申請書. */
const form28: Doc = {
  form: '様式28',
  title: '修了証書再証明申請書',
  fileName: 'form-28',
  events: ['APPLICATION_FILED'],
  available: (c) => is('completion')(c) && c.application !== null,
  layout: (c, f) =>
    singlePage(
      application(
        c,
        f,
        '様式28',
        `${gradeJa(c.original.grade)}技能士コース短期課程の\n普通職業訓練修了証書再証明申請書`,
        `職業能力開発促進法の規定に基づき${yearMonth(examDateOf(c))}に実施した修了時試験の合格者に${REASON[c.request.reason]}の理由により、下記のとおり修了証書を再交付しますので再証明願います。`,
        [
          '本人からの再証明願（申請理由は具体的に記載されたもの）及び証明等〔合格判定結果連名簿及び修了者名簿の写し（訓練校）〕を添付する。',
          '氏名変更がある場合は、変更が確認できる住民票等を添付する。',
          '再修了証書の作成は、交付番号と証明番号の頭に再と記載すること。',
          '提出部数　1部',
          `提出先　${HQ_DESK}`,
        ],
      ),
    ),
};

const PROGRAMME = { 普通課程: '普通課程の普通職業訓練', 専門課程: '専門課程の高度職業訓練' } as const;

/** 様式21 技能照査合格証書, reissued: 再-numbers, the date HQ gave, the holder's present name. One page. */
const certificate21: Doc = {
  form: '様式21',
  title: '技能照査合格証書（再交付）',
  fileName: 'form-21',
  events: ['APPLICATION_FILED'],
  available: (c) => is('skill-check')(c) && c.application !== null && c.reissue !== null,
  layout: (c, f) => {
    const h = holderOf(c);
    const date = c.reissue?.reissueDate;
    // The 課程 is known from the linked skill check; without it the line is left out rather than guessed.
    const programme: Block[] = c.original.courseType ? [{ kind: 'paragraph', text: PROGRAMME[c.original.courseType], align: 'center', size: 13 }] : [];
    return singlePage([
      { kind: 'paragraph', text: numbered(c.reissue?.schoolNumber), align: 'left', size: 11 },
      { kind: 'spacer', height: 10 },
      { kind: 'title', text: '技能照査合格証書', size: 26 },
      ...programme,
      { kind: 'paragraph', text: courseName(courseOf(c)), align: 'center', size: 15, spacing: 1, marginTop: 6 },
      { kind: 'spacer', height: 10 },
      { kind: 'paragraph', text: h.name, align: 'center', size: 24, spacing: 4, bold: true },
      { kind: 'paragraph', text: `${wareki(h.birthDate)}生`, align: 'center', size: 12, marginTop: 4 },
      { kind: 'spacer', height: 10 },
      { kind: 'paragraph', text: `${LAW_21}の規定による技能照査に合格したのでここに合格証書を授与し技能士補であることを証する。`, size: 14, indent: 14 },
      { kind: 'paragraph', text: wareki(date), size: 12, marginTop: 12, indent: 28 },
      { kind: 'signature', lines: [f.schoolName, c.representative ?? ''], size: 13, seal: { label: '印', size: 44 } },
      { kind: 'spacer', height: 14 },
      { kind: 'paragraph', text: numbered(c.reissue?.tokyoNumber), size: 11 },
      { kind: 'paragraph', text: `上の技能照査は${LAW_21}の規定に従い的確に行われたものであることを証明する。`, size: 12, indent: 12, marginTop: 6 },
      { kind: 'paragraph', text: wareki(date), size: 12, marginTop: 8, indent: 24 },
      // 知事印: about 30 mm square (85 pt).
      { kind: 'signature', lines: ['東京都知事'], size: 13, seal: { label: '知事印', size: 85 } },
    ]);
  },
};

/** 様式27-2 修了証書, reissued: 再-numbers, the date HQ gave, the holder's present name. One page. */
const certificate27_2: Doc = {
  form: '様式27-2',
  title: '修了証書（再交付）',
  fileName: 'form-27-2',
  events: ['APPLICATION_FILED'],
  available: (c) => is('completion')(c) && c.application !== null && c.reissue !== null,
  layout: (c, f) => {
    const h = holderOf(c);
    return singlePage(
      completionCertificatePage({
        schoolNumber: c.reissue?.schoolNumber,
        tokyoNumber: c.reissue?.tokyoNumber,
        name: h.name,
        birthDate: h.birthDate,
        course: courseOf(c),
        grade: c.original.grade,
        mode: c.original.mode,
        hours: c.original.hours,
        date: c.reissue?.reissueDate,
        schoolName: f.schoolName,
        representative: c.representative,
      }),
    );
  },
};

export const reissueDocuments: Doc[] = [form22, form28, certificate21, certificate27_2];
