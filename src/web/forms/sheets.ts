/**
 * A row editor's table as a spreadsheet and back: .xlsx (exceljs) and .csv (csv-stringify / csv-parse, UTF-8
 * with BOM; Shift_JIS files from Excel are read too). The header row holds the column titles the form shows.
 *
 * Flat representation of nested lists (a trainee's subjects): one sheet row per nested item, the row's own
 * columns repeated on each of its lines (or left blank on the lines after the first). A line whose own columns
 * are blank, or equal to the line above, continues the item above. Only one level of nesting is flattened.
 * Enum values are written and read as their Japanese labels (the codes are accepted too), booleans as はい/いいえ.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { cellsOf, type Field } from './fields.js';
import { rowIndices, type FormValues } from './payload.js';

type Table = Extract<Field, { kind: 'table' }>;

export interface SheetColumn {
  header: string;
  /** The cell's field, named relative to its row (of the table, or of the nested table). */
  field: Field;
  /** The nested table this column belongs to (relative name), or undefined for the row's own columns. */
  nested?: Extract<Field, { kind: 'table' }>;
  required: boolean;
}

export const SHEET_LIMIT_BYTES = 1024 * 1024;
export const SHEET_LIMIT_ROWS = 5000;

/** The columns of a table's sheet, headers unique (a nested column clashing with another takes its table's title). */
export function sheetColumns(table: Table): SheetColumn[] {
  const out: SheetColumn[] = [];
  for (const c of cellsOf(table.columns)) {
    if (c.field.kind === 'table') {
      const nested = c.field;
      for (const n of cellsOf(nested.columns)) if (n.field.kind !== 'table') out.push({ header: n.label, field: n.field, nested, required: n.required });
    } else out.push({ header: c.label, field: c.field, required: c.required });
  }
  const seen = new Map<string, number>();
  for (const c of out) seen.set(c.header, (seen.get(c.header) ?? 0) + 1);
  for (const c of out) if ((seen.get(c.header) ?? 0) > 1 && c.nested) c.header = `${c.nested.label} ${c.header}`;
  return out;
}

/** Column -> what a person reads and writes in the sheet, from a form value. */
function shown(f: Field, raw: string): string | number {
  if (raw === '') return '';
  switch (f.kind) {
    case 'select':
      return f.options.find((o) => o.value === raw)?.label ?? raw;
    case 'checkbox':
      return raw === 'on' || raw === 'true' ? 'はい' : 'いいえ';
    case 'number': {
      const n = Number(raw);
      return Number.isFinite(n) ? n : raw;
    }
    default:
      return raw;
  }
}

const filled = (values: FormValues, prefix: string) => Object.entries(values).some(([k, v]) => k.startsWith(prefix) && v.trim() !== '');

/** The table's rows in the form values as sheet lines (header first), empty rows left out. */
export function sheetLines(table: Table, values: FormValues): { header: string[]; lines: (string | number)[][] } {
  const columns = sheetColumns(table);
  const lines: (string | number)[][] = [];
  for (const i of rowIndices(values, table.name)) {
    const prefix = `${table.name}.${i}`;
    if (!filled(values, `${prefix}.`)) continue;
    const nestedRows = new Map<string, number[]>();
    for (const c of columns) {
      if (!c.nested || nestedRows.has(c.nested.name)) continue;
      const name = `${prefix}.${c.nested.name}`;
      nestedRows.set(c.nested.name, rowIndices(values, name).filter((j) => filled(values, `${name}.${j}.`)));
    }
    const height = Math.max(1, ...[...nestedRows.values()].map((r) => r.length));
    for (let line = 0; line < height; line++) {
      lines.push(
        columns.map((c) => {
          if (!c.nested) return shown(c.field, values[`${prefix}.${c.field.name}`] ?? '');
          const j = nestedRows.get(c.nested.name)![line];
          return j === undefined ? '' : shown(c.field, values[`${prefix}.${c.nested.name}.${j}.${c.field.name}`] ?? '');
        }),
      );
    }
  }
  return { header: columns.map((c) => c.header), lines };
}

/** A CSV of the lines: UTF-8 with BOM, CRLF; text that a spreadsheet would run as a formula gets a leading '. */
export function toCsv(table: Table, values: FormValues): string {
  const { header, lines } = sheetLines(table, values);
  const safe = lines.map((l) => l.map((v) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v)));
  return stringify([header, ...safe], { bom: true, record_delimiter: 'windows' });
}

const sheetName = (s: string) => s.replace(/[[\]:*?/\\〔〕]/g, ' ').trim().slice(0, 31) || 'Sheet1';

function choicesOf(f: Field): string[] {
  if (f.kind === 'select') return f.options.map((o) => o.label);
  if (f.kind === 'checkbox') return ['はい', 'いいえ'];
  return [];
}

function howTo(f: Field): string {
  switch (f.kind) {
    case 'select':
    case 'checkbox':
      return `次のいずれか: ${choicesOf(f).join('、')}`;
    case 'date':
      return '年月日（例: 2027-01-15）';
    case 'time':
      return '時刻（例: 09:00）';
    case 'number':
      return `数字${f.min !== undefined ? `（${f.min}${f.exclusiveMin ? 'より大きい' : '以上'}` : '（'}${f.max !== undefined ? `、${f.max}以下）` : '）'}`.replace('（）', '');
    default:
      return '文字';
  }
}

/** An .xlsx of the lines: the header row frozen, dates as dates, lists of choices as in-cell drop-downs; a 説明 sheet. */
export async function toXlsx(table: Table, values: FormValues): Promise<Buffer> {
  const columns = sheetColumns(table);
  const { header, lines } = sheetLines(table, values);
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(0);
  const ws = wb.addWorksheet(sheetName(table.label), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: header[i], key: String(i), width: Math.max(10, Math.min(40, c.header.length * 2 + 4)) }));
  ws.getRow(1).font = { bold: true };
  for (const line of lines) {
    ws.addRow(
      line.map((v, i) => {
        const f = columns[i]!.field;
        if (f.kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
          const d = new Date(`${v}T00:00:00Z`);
          // Only a real day becomes a date cell (2005-02-30 stays the text it is).
          if (!Number.isNaN(d.getTime()) && d.toISOString().startsWith(v)) return d;
        }
        return v;
      }),
    );
  }
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (c.field.kind === 'date') col.numFmt = 'yyyy-mm-dd';
    const list = choicesOf(c.field);
    const formula = `"${list.join(',')}"`;
    if (list.length && formula.length <= 255 && !list.some((l) => l.includes(','))) {
      for (let r = 2; r <= Math.max(lines.length + 1, 200); r++) ws.getCell(r, i + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [formula] };
    }
  });
  const help = wb.addWorksheet('説明');
  help.columns = [
    { header: '列見出し', key: 'h', width: 24 },
    { header: '必須', key: 'r', width: 8 },
    { header: '書き方', key: 'w', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) help.addRow({ h: c.header, r: c.required ? '必須' : '任意', w: howTo(c.field) });
  help.addRow({});
  help.addRow({ h: '', r: '', w: `1行に1件。${columns.some((c) => c.nested) ? '入れ子の一覧（科目など）は1行に1件ずつ書き、同じ件の行では他の列を繰り返すか空欄にします。' : ''}1行目の列見出しは変えないでください。` });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Grid = unknown[][];

/** Bytes of a .csv (UTF-8, with or without BOM, or Shift_JIS) -> cells. */
function csvGrid(bytes: Uint8Array): Grid {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('shift_jis').decode(bytes);
  }
  return parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true }) as Grid;
}

function cellValue(v: unknown): unknown {
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellValue(o.result);
    if (typeof o.text === 'string') return o.text;
    return '';
  }
  return v;
}

async function xlsxGrid(bytes: Uint8Array): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const out: Grid = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const vals = Array.isArray(row.values) ? row.values.slice(1) : [];
    out[n - 1] = vals.map(cellValue);
  });
  return Array.from(out, (r) => r ?? []);
}

export const isXlsx = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;

/** A file's cells: .xlsx by its zip signature, anything else as CSV. */
export async function gridOf(bytes: Uint8Array): Promise<Grid> {
  return isXlsx(bytes) ? xlsxGrid(bytes) : csvGrid(bytes);
}

const norm = (s: string) => s.normalize('NFKC').replace(/[\s　]+/g, '').replace(/（(必須|任意)）|\((必須|任意)\)/g, '').toLowerCase();
const toHalf = (s: string) => s.normalize('NFKC').trim();

function isoFromDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A cell -> the form's string for the field, or an error message. */
function formValue(f: Field, header: string, v: unknown): { value: string; error?: string } {
  if (v === null || v === undefined || v === '') return { value: '' };
  if (v instanceof Date && Number.isNaN(v.getTime())) return { value: '', error: `${header}の値を読み取れません` };
  let s = v instanceof Date ? '' : String(v).trim();
  if (typeof v === 'string' && /^'[=+\-@]/.test(s)) s = s.slice(1);
  if (s === '' && !(v instanceof Date)) return { value: '' };
  switch (f.kind) {
    case 'select': {
      const o = f.options.find((x) => norm(x.label) === norm(s) || x.value === s);
      return o ? { value: o.value } : { value: '', error: `${header}は ${f.options.map((x) => x.label).join('・')} のいずれかを選んでください（ファイルの値: 「${s}」）` };
    }
    case 'checkbox':
      if (/^(はい|true|1|○|◯|✓|✔|yes|y|有)$/i.test(toHalf(s))) return { value: 'on' };
      if (/^(いいえ|false|0|×|no|n|無|)$/i.test(toHalf(s))) return { value: '' };
      return { value: '', error: `${header}は「はい」か「いいえ」で入力してください（ファイルの値: 「${s}」）` };
    case 'number': {
      if (typeof v === 'number') return { value: String(v) };
      const n = Number(toHalf(s).replace(/,/g, ''));
      return Number.isFinite(n) ? { value: String(n) } : { value: s, error: `${header}は数字で入力してください（ファイルの値: 「${s}」）` };
    }
    case 'date': {
      if (v instanceof Date) return { value: isoFromDate(v) };
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(toHalf(s));
      if (m) return { value: `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` };
      return { value: '', error: `${header}は年月日（例: 2027-01-15）で入力してください（ファイルの値: 「${s}」）` };
    }
    case 'time': {
      if (v instanceof Date) return { value: v.toISOString().slice(11, 16) };
      if (typeof v === 'number' && v >= 0 && v < 1) {
        const minutes = Math.round(v * 24 * 60);
        return { value: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}` };
      }
      const m = /^(\d{1,2})[:：時](\d{2})分?$/.exec(toHalf(s));
      return m ? { value: `${m[1]!.padStart(2, '0')}:${m[2]}` } : { value: '', error: `${header}は時刻（例: 09:00）で入力してください（ファイルの値: 「${s}」）` };
    }
    default:
      return { value: v instanceof Date ? isoFromDate(v) : s };
  }
}

export interface ReadSheet {
  /** The table's form values (rows renumbered from 0). */
  values: FormValues;
  /** Cell name -> messages, for what could not be read. */
  errors: Record<string, string[]>;
  /** Items read. */
  rows: number;
  /** Problems of the file as a whole (no header, unknown columns). */
  problems: string[];
}

/** Cells -> the table's form values, by the header titles; continuation lines fill the nested lists. */
export function readGrid(table: Table, grid: Grid): ReadSheet {
  const columns = sheetColumns(table);
  const values: FormValues = {};
  const errors: Record<string, string[]> = {};
  const problems: string[] = [];
  const text = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v).trim());
  const headerAt = grid.findIndex((r) => r.some((v) => text(v) !== ''));
  if (headerAt < 0) return { values, errors, rows: 0, problems: ['ファイルに行がありません。'] };
  const byHeader = new Map<string, number>();
  columns.forEach((c, i) => {
    byHeader.set(norm(c.header), i);
    byHeader.set(norm(c.field.label), byHeader.get(norm(c.field.label)) ?? i);
    byHeader.set(norm(c.field.name), i);
  });
  const at: (number | undefined)[] = grid[headerAt]!.map((h) => (text(h) === '' ? undefined : byHeader.get(norm(text(h)))));
  const unknown = grid[headerAt]!.filter((h, i) => text(h) !== '' && at[i] === undefined).map(text);
  if (unknown.length) problems.push(`様式にない列は読み込みませんでした: ${unknown.map((u) => `「${u}」`).join('、')}`);
  const missing = columns.filter((c, i) => c.required && !at.includes(i)).map((c) => c.header);
  if (missing.length) problems.push(`必須の列がありません: ${missing.map((m) => `「${m}」`).join('、')}（1行目の列見出しを確認してください）`);
  if (!at.some((i) => i !== undefined)) return { values, errors, rows: 0, problems: [...problems, '1行目に列見出し（様式の項目名）がありません。'] };

  let item = -1;
  let previousOwn: string | null = null;
  const nestedCount = new Map<string, number>();
  const data = grid.slice(headerAt + 1).filter((r) => r.some((v) => text(v) !== ''));
  if (data.length > SHEET_LIMIT_ROWS) problems.push(`${SHEET_LIMIT_ROWS}行を超える部分は読み込みませんでした。`);
  for (const line of data.slice(0, SHEET_LIMIT_ROWS)) {
    const cells = columns.map((_, i) => {
      const j = at.indexOf(i);
      return j < 0 ? undefined : line[j];
    });
    const own = columns.map((c, i) => (c.nested ? '' : text(cells[i]))).join('\u0000');
    const ownBlank = columns.every((c, i) => c.nested || text(cells[i]) === '');
    const continues = item >= 0 && columns.some((c) => c.nested) && (ownBlank || own === previousOwn);
    if (!continues) {
      item++;
      nestedCount.clear();
      previousOwn = own;
    }
    if (table.maxItems !== undefined && item >= table.maxItems) {
      problems.push(`${table.label}は最大${table.maxItems}行です。${table.maxItems + 1}件目以降は読み込みませんでした。`);
      item = table.maxItems - 1;
      break;
    }
    const prefix = `${table.name}.${item}`;
    const nestedIndex = new Map<string, number>();
    columns.forEach((c, i) => {
      if (!c.nested || !columns.some((d, k) => d.nested === c.nested && text(cells[k]) !== '')) return;
      if (!nestedIndex.has(c.nested.name)) {
        const n = nestedCount.get(c.nested.name) ?? 0;
        nestedIndex.set(c.nested.name, n);
        nestedCount.set(c.nested.name, n + 1);
      }
    });
    columns.forEach((c, i) => {
      let name: string;
      if (c.nested) {
        const n = nestedIndex.get(c.nested.name);
        if (n === undefined) return;
        name = `${prefix}.${c.nested.name}.${n}.${c.field.name}`;
      } else {
        if (continues) return;
        name = `${prefix}.${c.field.name}`;
      }
      const r = formValue(c.field, c.header, cells[i]);
      values[name] = r.value;
      if (r.error) (errors[name] ??= []).push(r.error);
    });
    if (!continues) values[`${prefix}.${columns.find((c) => !c.nested)?.field.name ?? columns[0]!.field.name}`] ??= '';
  }
  return { values, errors, rows: item + 1, problems };
}
