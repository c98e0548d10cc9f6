/**
 * The change notice's document (manual II-3, 様式2 認定職業訓練事項変更届), laid out like the manual's form from
 * the latest filing (the first, or the re-filing after a correction). Pure: layouts only
 * (definitions/common/document-layout.ts); the shell renders it as PDF. The addresses (所在地, 代表者の住所) the
 * registrations do not hold are left blank, to be written by hand.
 */
import { filerBlock, dateLine, wareki, singlePage, type Block, type Cell } from '../common/document-layout.js';
import type { DocumentDefinition, DocumentFacts } from '../types.js';
import type { ChangeNoticeContext } from './context.js';
import { CHANGE_ITEMS } from './forms.js';

type Ctx = ChangeNoticeContext;
type Doc = DocumentDefinition<Ctx>;

const GOVERNOR = '東京都知事 殿';

/** 認定番号 as printed: '単第12号' stays as entered; a bare '12' becomes '第12号'; nothing leaves the manual's blank. */
export const certificationNumber = (n: string | undefined): string => {
  const t = (n ?? '').trim();
  if (!t) return '単・共第　　号';
  return /[第号]/.test(t) ? t : `第${t}号`;
};

const notes = (c: Ctx, f: DocumentFacts, operatingRules: boolean): Block => ({
  kind: 'notes',
  items: [
    ...(operatingRules ? ['添付書類　運営要綱等（運営の方法等を明らかにする書面）'] : []),
    '提出部数　2部（データ提出の場合除く）',
    `提出先　管轄職業能力開発センター${f.centerName ? `（${f.centerName}）` : ''}`,
    ...(c.articlesApprovalNeeded ? ['職業訓練法人の定款等の記載事項の変更は、別途、職業能力開発促進法施行規則第51条に基づき都知事の変更認可を受けること。'] : []),
  ],
});

/** 様式2 認定職業訓練事項変更届 (to the governor through the regional centre, before the change). */
const form2: Doc = {
  form: '様式2',
  title: '認定職業訓練事項変更届',
  fileName: 'form-2',
  events: ['CHANGE_FILED', 'REFILED'],
  available: (c) => c.filings.length > 0,
  layout: (c, f) => {
    const x = c.filings.at(-1);
    const changes = x?.changes ?? [];
    // 変更事項及びその内容: per change, the matter across 新・旧, then its new and old text.
    const changeRows: Cell[][] = changes.flatMap((ch, i): Cell[][] => [
      [
        ...(i === 0 ? [{ text: '変更事項及びその内容', rowSpan: changes.length * 3, bold: true }] : []),
        { text: `${CHANGE_ITEMS[ch.item]}${ch.articles ? '（定款等に記載した事項）' : ''}`, colSpan: 2 },
      ],
      [{ text: '新', align: 'center' }, ch.after],
      [{ text: '旧', align: 'center' }, ch.before],
    ]);
    return singlePage([
      { kind: 'formNumber', text: '〔様式2〕' },
      dateLine(x?.filedOn),
      { kind: 'addressee', text: GOVERNOR },
      filerBlock(f.schoolName, x?.representative),
      { kind: 'title', text: '認定職業訓練事項変更届' },
      {
        kind: 'paragraph',
        text: `${wareki(x?.certification.certifiedOn)}付 認定番号（${certificationNumber(x?.certification.number)}）をもって認定された職業訓練事業につき下記のとおり変更が生じたので、職業能力開発促進法施行規則第33条に基づき届け出ます。`,
        indent: 10.5,
      },
      { kind: 'ki' },
      {
        kind: 'table',
        widths: [112, 24, '*'],
        header: [],
        rows: [
          ...changeRows,
          [{ text: '変更年月日', bold: true }, { text: wareki(x?.changeDate ?? c.changeDate), colSpan: 2 }],
          [{ text: '変更理由', bold: true }, { text: x?.reason ?? '', colSpan: 2 }],
        ],
        size: 10,
      },
      { kind: 'paragraph', text: '※一時的、臨時的な場合や軽微な変更であれば、押印は不要。', size: 8.5 },
      notes(c, f, x?.operatingRulesAttached === true),
    ]);
  },
};

export const changeNoticeDocuments: Doc[] = [form2];
