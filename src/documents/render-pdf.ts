/**
 * Renders library-neutral document layouts (definitions/common/document-layout.ts) as A4 PDF with pdfmake.
 *
 * The Japanese font is Noto Sans JP from the npm package @expo-google-fonts/noto-sans-jp (TrueType, read from
 * node_modules, subset and embedded by pdfkit): nothing is fetched at run time, and compatibility ideographs
 * (U+FA10, U+F9DC, U+FA19) and non-BMP kanji print as registered. Every page's footer names the case, its
 * version and when the document was produced (和暦 and ISO, Tokyo time), so a printed form can be traced to the
 * data it came from. Several layouts render into one PDF (all forms of a submission).
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import pdfmake from 'pdfmake';
import type { Column, Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Block, Cell, DocumentLayout } from '../../definitions/common/document-layout.js';
import { tokyoDate } from '../domain/dates.js';
import { formatWareki } from '../domain/wareki.js';

const require = createRequire(import.meta.url);
const FONT_PACKAGE = '@expo-google-fonts/noto-sans-jp';
export const FONT_FILES = {
  normal: require.resolve(`${FONT_PACKAGE}/400Regular/NotoSansJP_400Regular.ttf`),
  bold: require.resolve(`${FONT_PACKAGE}/700Bold/NotoSansJP_700Bold.ttf`),
};
const FONT = 'NotoSansJP';
const fontDirs = [dirname(FONT_FILES.normal), dirname(FONT_FILES.bold)];

pdfmake.setFonts({ [FONT]: { normal: FONT_FILES.normal, bold: FONT_FILES.bold, italics: FONT_FILES.normal, bolditalics: FONT_FILES.bold } });
// A layout never names a URL or a file: pdfmake may read the font files and nothing else.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => fontDirs.some((d) => path.startsWith(d)));

/** Where a document came from, printed in every page's footer. */
export interface Trace {
  caseId: string;
  version: number;
  producedAt: Date;
}

export interface RenderPart {
  title: string;
  layout: DocumentLayout;
}

/** '令和8年3月1日 14:05（2026-03-01T14:05:00+09:00）' */
export function producedAtJa(at: Date): string {
  const date = tokyoDate(at);
  const time = new Date(at.getTime() + 9 * 3600_000).toISOString().slice(11, 19);
  return `${formatWareki(date)} ${time.slice(0, 5)}（${date}T${time}+09:00）`;
}

export function footerText(trace: Trace): string {
  return `案件 ${trace.caseId} ・ 第${trace.version}版のデータから作成 ・ 作成 ${producedAtJa(trace.producedAt)}`;
}

const MARGIN = 48;

/** Fills a layout's rows with the placeholders pdfmake wants under column and row spans. */
function tableBody(rows: Cell[][], headerRows: number): TableCell[][] {
  const occupied = new Map<string, true>();
  return rows.map((row, r) => {
    const out: TableCell[] = [];
    let col = 0;
    const skipOccupied = () => {
      while (occupied.has(`${r}:${col}`)) {
        out.push({});
        col++;
      }
    };
    for (const cell of row) {
      skipOccupied();
      const c = typeof cell === 'string' ? { text: cell } : cell;
      const colSpan = c.colSpan ?? 1;
      const rowSpan = c.rowSpan ?? 1;
      const header = r < headerRows;
      out.push({
        text: c.text,
        alignment: c.align ?? (header ? 'center' : undefined),
        bold: c.bold,
        fillColor: header ? '#eeeeee' : undefined,
        colSpan: colSpan > 1 ? colSpan : undefined,
        rowSpan: rowSpan > 1 ? rowSpan : undefined,
      });
      for (let i = 1; i < colSpan; i++) out.push({});
      for (let dr = 1; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) occupied.set(`${r + dr}:${col + dc}`, true);
      col += colSpan;
    }
    skipOccupied();
    return out;
  });
}

const thinLines = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  paddingTop: () => 3,
  paddingBottom: () => 3,
  paddingLeft: () => 4,
  paddingRight: () => 4,
};

function blockContent(b: Block): Content {
  switch (b.kind) {
    case 'formNumber':
      return { text: b.text, fontSize: 9, margin: [0, 0, 0, 6] };
    case 'title':
      return { text: b.text, fontSize: b.size ?? 16, bold: true, alignment: 'center', margin: [0, 10, 0, 14] };
    case 'paragraph':
      return {
        text: b.text,
        alignment: b.align ?? 'left',
        fontSize: b.size ?? 10.5,
        bold: b.bold ?? false,
        characterSpacing: b.spacing ?? 0,
        leadingIndent: b.indent ?? 0,
        margin: [0, b.marginTop ?? 4, 0, 2],
      };
    case 'addressee':
      return { text: b.text, fontSize: 12, margin: [0, 12, 0, 12] };
    case 'sender':
      return {
        columns: [
          { width: '*', text: '' },
          {
            width: 'auto',
            layout: 'noBorders',
            table: { body: b.lines.map(([label, value]) => [{ text: label, fontSize: 10 }, { text: value, fontSize: 11, margin: [8, 0, 0, 0] }]) },
          },
        ],
        margin: [0, 8, 0, 4],
      };
    case 'ki':
      return { text: '記', alignment: 'center', fontSize: 12, margin: [0, 10, 0, 10] };
    case 'fields':
      return {
        layout: 'noBorders',
        margin: [0, 2, 0, 6],
        table: {
          widths: [b.labelWidth ?? 130, '*'],
          // Leading (ideographic) spaces indent a sub-item ('　　学科'); pdfmake would drop them.
          body: b.items.map((i) => {
            const indent = /^[\u3000 ]*/.exec(i.label)![0];
            const em = [...indent].reduce((n, ch) => n + (ch === ' ' ? 0.5 : 1), 0);
            return [{ text: i.label.slice(indent.length), margin: [em * 10.5, 0, 0, 0] }, { text: i.value }];
          }),
        },
      };
    case 'table': {
      const table: Content = {
        layout: thinLines,
        fontSize: b.size ?? 9,
        margin: [0, 4, 0, 8],
        table: {
          headerRows: b.header.length,
          dontBreakRows: true,
          widths: b.widths ?? Array.from({ length: Math.max(...[...b.header, ...b.rows].map((r) => r.reduce<number>((n, c) => n + (typeof c === 'string' ? 1 : (c.colSpan ?? 1)), 0)), 1) }, () => '*'),
          body: tableBody([...b.header, ...b.rows], b.header.length),
        },
      };
      return b.caption ? { stack: [{ text: b.caption, fontSize: 10.5, margin: [0, 6, 0, 0] }, table] } : table;
    }
    case 'notes':
      return { ol: b.items.map((text) => ({ text, fontSize: 9 })), fontSize: 9, margin: [0, 14, 0, 0] };
    case 'seal': {
      const size = b.size ?? 56;
      const box: Column = { width: size, table: { widths: [size - 8], heights: [size - 8], body: [[{ text: b.label, alignment: 'center', color: '#888888', fontSize: 9, margin: [0, size / 2 - 14, 0, 0] }]] }, layout: thinLines };
      const filler: Column = { width: '*', text: '' };
      const align = b.align ?? 'right';
      return { columns: align === 'left' ? [box, filler] : align === 'center' ? [filler, box, { width: '*', text: '' }] : [filler, box], margin: [0, 4, 0, 4] };
    }
    case 'signature': {
      const size = b.seal?.size ?? 44;
      const lines: Column = { width: 'auto', stack: b.lines.map((text) => ({ text, alignment: 'right', fontSize: b.size ?? 12 })), margin: [0, 4, 8, 0] };
      const columns: Column[] = [{ width: '*', text: '' }, lines];
      if (b.seal) {
        columns.push({ width: size, table: { widths: [size - 8], heights: [size - 8], body: [[{ text: b.seal.label, alignment: 'center', color: '#888888', fontSize: 9, margin: [0, size / 2 - 14, 0, 0] }]] }, layout: thinLines });
      }
      return { columns, margin: [0, 6, 0, 4] };
    }
    case 'spacer':
      return { text: '', margin: [0, b.height, 0, 0] };
  }
}

/** The pdfmake document of one or more layouts: every layout page starts a new sheet, in its own orientation. */
export function documentDefinition(parts: RenderPart[], trace: Trace): TDocumentDefinitions {
  const content: Content[] = [];
  const first = parts[0]?.layout.orientation ?? 'portrait';
  let start = true;
  for (const part of parts) {
    const orientation = part.layout.orientation ?? 'portrait';
    for (const blocks of part.layout.pages) {
      const stack = blocks.map(blockContent);
      content.push(start ? { stack } : { stack, pageBreak: 'before', pageOrientation: orientation });
      start = false;
    }
  }
  const footer = footerText(trace);
  return {
    pageSize: 'A4',
    pageOrientation: first,
    pageMargins: [MARGIN, MARGIN, MARGIN, MARGIN],
    info: { title: parts.map((p) => p.title).join('・'), subject: footer, creator: 'statutory-workflow-engine', producer: 'pdfmake' },
    defaultStyle: { font: FONT, fontSize: 10.5, lineHeight: 1.25 },
    footer: (currentPage: number, pageCount: number) => ({
      columns: [
        { text: footer, width: '*' },
        { text: `${currentPage} / ${pageCount}`, width: 'auto' },
      ],
      fontSize: 7,
      color: '#555555',
      margin: [MARGIN, 16, MARGIN, 0],
    }),
    content,
  };
}

/** One PDF of the given layouts (one document, or all forms of a submission). */
export async function renderPdf(parts: RenderPart[], trace: Trace): Promise<Buffer> {
  if (parts.length === 0) throw new Error('renderPdf: no document to render');
  return pdfmake.createPdf(documentDefinition(parts, trace)).getBuffer();
}
