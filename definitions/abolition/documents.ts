/**
 * The abolition's document (manual II-4(2), 様式4 認定職業訓練廃止届), laid out like the manual's form from the latest
 * filing. Pure: layouts only; the shell renders it as PDF. The addresses (所在地, 代表者の住所) the registrations do not
 * hold are left blank, to be written by hand.
 */
import { courseName, dateLine, filerBlock, singlePage, wareki } from '../common/document-layout.js';
import type { DocumentDefinition } from '../types.js';
import type { AbolitionContext } from './context.js';

type Ctx = AbolitionContext;

/** 認定番号 as printed: '共第8号' stays; a bare '8' becomes '第8号'; nothing leaves the manual's blank. */
const certificationNumber = (n: string | undefined): string => {
  const t = (n ?? '').trim();
  if (!t) return '単・共第　　号';
  return /[第号]/.test(t) ? t : `第${t}号`;
};

const form4: DocumentDefinition<Ctx> = {
  form: '様式4',
  title: '認定職業訓練廃止届',
  fileName: 'form-4',
  events: ['ABOLITION_FILED', 'REFILED'],
  available: (c) => c.filings.length > 0,
  layout: (c, f) => {
    const x = c.filings.at(-1);
    const trainings = x?.trainings ?? c.trainings;
    return singlePage([
      { kind: 'formNumber', text: '〔様式4〕' },
      dateLine(x?.filedOn),
      { kind: 'addressee', text: '東京都知事 殿' },
      filerBlock(f.schoolName, x?.representative),
      { kind: 'title', text: '認定職業訓練廃止届' },
      {
        kind: 'paragraph',
        text: `${wareki(x?.certification.certifiedOn)}付 認定番号（${certificationNumber(x?.certification.number)}）をもって認定された職業訓練事業については、下記のとおり廃止することにしたので届け出ます。`,
        indent: 10.5,
      },
      { kind: 'ki' },
      {
        kind: 'fields',
        labelWidth: 170,
        items: [
          { label: '1　訓練の種類', value: [...new Set(trainings.map((t) => t.trainingType))].join('、') },
          { label: '2　訓練課程', value: [...new Set(trainings.map((t) => t.courseType))].join('、') },
          { label: '3　訓練科名', value: trainings.map(courseName).join('、') },
          { label: '4　廃止年月日', value: wareki(x?.abolishedOn ?? c.abolishedOn) },
          { label: '5　訓練の廃止理由', value: x?.reason ?? '' },
          { label: '6　訓練関係の帳票類の引継先', value: '' },
          { label: '　　名称', value: x?.custodian.name ?? '' },
          { label: '　　所在地', value: x?.custodian.address ?? '' },
          { label: '　　代表者', value: x?.custodian.representative ?? '' },
        ],
      },
      {
        kind: 'notes',
        items: ['添付書類　認定書', '提出部数　2部（データ提出の場合除く）', `提出先　管轄職業能力開発センター${f.centerName ? `（${f.centerName}）` : ''}`],
      },
    ]);
  },
};

export const abolitionDocuments: DocumentDefinition<Ctx>[] = [form4];
