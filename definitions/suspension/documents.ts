/**
 * The suspension's documents (manual II-4, 様式3-1 休止届, 様式3-2 再開計画書, 様式4 廃止届), laid out like the
 * manual's forms from the case's data. Pure: layouts only (definitions/common/document-layout.ts); the shell
 * renders them as PDF. 様式3-1・3-2 print the latest filing (the first, or this fiscal year's re-filing).
 *
 * The forms' 認定年月日・認定番号 are not asked for by the suspension's filings: they are left blank, to be
 * written by hand, as are the addresses (所在地, 代表者の住所) the registrations do not hold.
 */
import { fiscalYearLabel } from '../../src/domain/fiscal-year.js';
import { filerBlock, courseName, dateLine, singlePage, wareki, type Block, type Cell } from '../common/document-layout.js';
import type { DocumentDefinition, DocumentFacts } from '../types.js';
import type { SuspensionContext, SuspensionFiling } from './context.js';

type Ctx = SuspensionContext;
type Doc = DocumentDefinition<Ctx>;
type Training = Ctx['course'];

const GOVERNOR = '東京都知事 殿';
/** The forms do not carry the certification's date and number: the manual's blanks. */
const CERTIFIED = '　　年　　月　　日付 認定番号（単・共第　　号）';

const latestFiling = (c: Ctx): SuspensionFiling | undefined => c.filings.at(-1);

/** 〔様式〕, the filing date, 東京都知事 殿, the filer, the title, the sentence, 記: the manual's letter head. */
const letterHead = (form: string, title: string, sentence: string, filedOn: string | undefined, representative: string | undefined, f: DocumentFacts): Block[] => [
  { kind: 'formNumber', text: `〔${form}〕` },
  dateLine(filedOn),
  { kind: 'addressee', text: GOVERNOR },
  filerBlock(f.schoolName, representative),
  { kind: 'title', text: title },
  { kind: 'paragraph', text: sentence, indent: 10.5 },
  { kind: 'ki' },
];

const trainingItems = (t: Training) => [
  { label: '1　訓練の種類', value: t.trainingType },
  { label: '2　訓練課程', value: t.courseType },
  { label: '3　訓練科名', value: courseName(t) },
];

const submitNotes = (f: DocumentFacts, attached: string): Block => ({
  kind: 'notes',
  items: [`添付書類　${attached}`, '提出部数　2部（データ提出の場合除く）', `提出先　管轄職業能力開発センター${f.centerName ? `（${f.centerName}）` : ''}`],
});

/** 様式3-1 認定職業訓練休止届 (to the governor through the regional centre, with 様式3-2). */
const form3_1: Doc = {
  form: '様式3-1',
  title: '認定職業訓練休止届',
  fileName: 'form-3-1',
  events: ['SUSPENSION_FILED', 'ANNUAL_REFILED'],
  available: (c) => c.filings.length > 0,
  layout: (c, f) => {
    const x = latestFiling(c);
    return singlePage([
      ...letterHead('様式3-1', '認定職業訓練休止届', `${CERTIFIED}をもって認定された職業訓練事業については、下記のとおり休止することにしたので届け出ます。`, x?.filedOn, x?.representative, f),
      {
        kind: 'fields',
        items: [
          ...trainingItems(x?.course ?? c.course),
          { label: '4　休止年月日', value: wareki(c.suspensionDate) },
          { label: '5　休止期間', value: `${wareki(x?.periodFrom)} 〜 ${wareki(x?.periodTo)}` },
          { label: '6　訓練の休止理由', value: x?.reason ?? '' },
        ],
      },
      submitNotes(f, '認定職業訓練再開計画書（様式3-2）'),
    ]);
  },
};

/** A ruled section of 様式3-2: its bracketed heading across the box, then what the school wrote (a few lines high). */
const section = (heading: string, body: string, minLines = 4): Cell[][] => [
  [{ text: heading, colSpan: 3, bold: true }],
  [{ text: body + '\n'.repeat(Math.max(0, minLines - body.split('\n').length)), colSpan: 3 }],
];

/** 様式3-2 認定職業訓練再開計画書 (filed with 様式3-1, every fiscal year of the suspension). */
const form3_2: Doc = {
  form: '様式3-2',
  title: '認定職業訓練再開計画書',
  fileName: 'form-3-2',
  events: ['SUSPENSION_FILED', 'ANNUAL_REFILED'],
  available: (c) => c.filings.length > 0,
  layout: (c, f) => {
    const x = latestFiling(c);
    const t = x?.course ?? c.course;
    return singlePage([
      { kind: 'formNumber', text: '〔様式3-2〕' },
      { kind: 'paragraph', text: '様式3-1と併せて提出', size: 9, align: 'right' },
      { kind: 'title', text: '認定職業訓練再開計画書' },
      { kind: 'fields', labelWidth: 110, items: [{ label: '団体名・事業所名', value: f.schoolName }] },
      // One ruled box, as on the manual's form.
      {
        kind: 'table',
        widths: ['*', '*', '*'],
        header: [],
        rows: [
          [{ text: `〔${fiscalYearLabel(x?.fiscalYear ?? c.currentFiscalYear)}に休止する訓練の種類・訓練課程・訓練科名〕`, colSpan: 3, bold: true }],
          [
            { text: t.trainingType, align: 'center' },
            { text: t.courseType, align: 'center' },
            { text: courseName(t), align: 'center' },
          ],
          ...section('〔休止に至った状況又は理由〕', x?.situation ?? ''),
          ...section('〔再開に向けての、今後の取組み及び見通し〕（具体的に記載してください）', x?.measures ?? '', 6),
          [{ text: '〔再開予定年月日〕', bold: true }, { text: `${wareki(x?.plannedResumptionDate)}予定`, colSpan: 2, align: 'center' }],
        ],
        size: 10.5,
      },
      { kind: 'paragraph', text: '再開予定年月日は次年度末まで。引き続き休止する場合は、次年度に様式3-1・3-2を再度提出する。', size: 8.5 },
    ]);
  },
};

/** 様式4 認定職業訓練廃止届 (to the governor through the regional centre, with the 認定書), naming the records' custodian. */
const form4: Doc = {
  form: '様式4',
  title: '認定職業訓練廃止届',
  fileName: 'form-4',
  events: ['ABOLISHED'],
  available: (c) => c.abolition !== null,
  layout: (c, f) => {
    const a = c.abolition;
    return singlePage([
      ...letterHead('様式4', '認定職業訓練廃止届', `${CERTIFIED}をもって認定された職業訓練事業については、下記のとおり廃止することにしたので届け出ます。`, a?.filedOn, a?.representative, f),
      {
        kind: 'fields',
        items: [
          ...trainingItems(a?.course ?? c.course),
          { label: '4　廃止年月日', value: wareki(a?.abolishedOn) },
          { label: '5　訓練の廃止理由', value: a?.reason ?? '' },
          { label: '6　訓練関係の帳票類の引継先', value: '' },
          { label: '　　名称', value: a?.custodian.name ?? '' },
          { label: '　　所在地', value: a?.custodian.address ?? '' },
          { label: '　　代表者', value: a?.custodian.representative ?? '' },
        ],
        labelWidth: 170,
      },
      submitNotes(f, '認定書'),
    ]);
  },
};

export const suspensionDocuments: Doc[] = [form3_1, form3_2, form4];
