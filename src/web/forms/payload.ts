/**
 * Posted form fields -> the event payload, typed by the form's fields. Pure. Empty optional fields are left
 * out; empty required ones are kept so the schema answers with its own Japanese message. A list of objects is
 * posted as rows (`roster.0.name`, `roster.0.subjects.1.plannedHours`); rows left empty are dropped, and
 * `rows` tells which form row each payload item came from, so the schema's issues land on the right cells.
 */
import { cellsOf, discriminatorField, type Field } from './fields.js';

export type FormValues = Record<string, string>;
type Table = Extract<Field, { kind: 'table' }>;
type Union = Extract<Field, { kind: 'union' }>;

/** Concrete table name (`roster`, `roster.4.subjects`) -> the form row of each payload item, in order. */
export type RowMap = Record<string, number[]>;

export interface Converted {
  payload: Record<string, unknown>;
  errors: Record<string, string>;
  rows: RowMap;
}

/** Empty rows the first rendering of a form adds below its rows, and what "行を追加" adds without script. */
export const EXTRA_ROWS = 3;
export const ADDED_ROWS = 5;

const join = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A field with its names under `prefix` (a row's columns are named relative to the row). */
export function under(f: Field, prefix: string): Field {
  const name = join(prefix, f.name);
  switch (f.kind) {
    case 'group':
      return { ...f, name, children: f.children.map((c) => under(c, prefix)) };
    case 'union':
      return { ...f, name, variants: f.variants.map((v) => ({ ...v, children: v.children.map((c) => under(c, prefix)) })) };
    default:
      return { ...f, name };
  }
}

/** The form rows of a table present in the values, ascending (`roster.3.name` -> 3). */
export function rowIndices(values: FormValues, table: string): number[] {
  const re = new RegExp(`^${escape(table)}\\.(\\d+)\\.`);
  const out = new Set<number>();
  for (const k of Object.keys(values)) {
    const m = re.exec(k);
    if (m) out.add(Number(m[1]));
  }
  return [...out].sort((a, b) => a - b);
}

/** How many rows a table shows: up to its highest posted row, at least one. */
export const rowCount = (values: FormValues, table: string) => Math.max(1, (rowIndices(values, table).at(-1) ?? -1) + 1);

const halfWidth = (raw: string) => raw.replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();

function rowIsEmpty(values: FormValues, prefix: string): boolean {
  for (const [k, v] of Object.entries(values)) if (k.startsWith(prefix) && v.trim() !== '') return false;
  return true;
}

interface Acc {
  errors: Record<string, string>;
  rows: RowMap;
}

function convert(f: Field, values: FormValues, acc: Acc): { present: boolean; value?: unknown } {
  const raw = values[f.name] ?? '';
  const empty = raw.trim() === '';
  switch (f.kind) {
    case 'group': {
      // An optional group nobody filled in is left out, also inside a row.
      if (!f.required && rowIsEmpty(values, `${f.name}.`)) return { present: false };
      const obj: Record<string, unknown> = {};
      let any = false;
      for (const child of f.children) {
        const r = convert(child, values, acc);
        if (r.present) {
          obj[child.name.slice(f.name.length + 1)] = r.value;
          any = true;
        }
      }
      return any || f.required ? { present: true, value: obj } : { present: false };
    }
    case 'union':
      return convertUnion(f, values, acc);
    case 'table':
      return convertTable(f, values, acc);
    case 'checkbox':
      return { present: true, value: raw === 'on' || raw === 'true' };
    case 'number': {
      if (empty) return f.required ? { present: true, value: undefined } : { present: false };
      // Full-width digits are common in Japanese input.
      const n = Number(halfWidth(raw));
      if (!Number.isFinite(n)) acc.errors[f.name] = `${f.label}は数字で入力してください`;
      return { present: true, value: n };
    }
    case 'lines': {
      const items = raw.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
      return items.length || f.required ? { present: true, value: items } : { present: false };
    }
    default:
      return empty && !f.required ? { present: false } : { present: true, value: raw };
  }
}

function convertUnion(f: Union, values: FormValues, acc: Acc): { present: boolean; value?: unknown } {
  const chosen = values[discriminatorField(f).name]?.trim() ?? '';
  const filled = (v: Union['variants'][number]) => v.children.some((c) => rowIsEmpty(values, c.name) === false);
  // No variant chosen: the only one with anything filled in, if there is exactly one.
  const variant = f.variants.find((v) => v.value === chosen) ?? (chosen === '' && f.variants.filter(filled).length === 1 ? f.variants.find(filled) : undefined);
  if (!variant) return chosen || f.required ? { present: true, value: chosen ? { [f.discriminator]: chosen } : {} } : { present: false };
  const obj: Record<string, unknown> = { [f.discriminator]: variant.value };
  for (const child of variant.children) {
    const r = convert(child, values, acc);
    if (r.present) obj[child.name.slice(f.name.length + 1)] = r.value;
  }
  return { present: true, value: obj };
}

function convertTable(f: Table, values: FormValues, acc: Acc): { present: boolean; value?: unknown } {
  const items: unknown[] = [];
  const kept: number[] = [];
  for (const i of rowIndices(values, f.name)) {
    const prefix = `${f.name}.${i}`;
    if (rowIsEmpty(values, `${prefix}.`)) continue;
    const obj: Record<string, unknown> = {};
    for (const col of f.columns) {
      const r = convert(under(col, prefix), values, acc);
      if (r.present) obj[col.name] = r.value;
    }
    items.push(f.columns.length === 1 && f.columns[0]!.name === 'value' ? obj.value : obj);
    kept.push(i);
  }
  acc.rows[f.name] = kept;
  return items.length || f.required ? { present: true, value: items } : { present: false };
}

export function payloadOf(fields: Field[], values: FormValues): Converted {
  const acc: Acc = { errors: {}, rows: {} };
  const payload: Record<string, unknown> = {};
  for (const f of fields) {
    const r = convert(f, values, acc);
    if (r.present) payload[f.name.split('.').pop()!] = r.value;
  }
  return { payload, errors: acc.errors, rows: acc.rows };
}

/** A payload path (`roster.2.name`) -> the form's name for it, through the rows kept (`roster.4.name`). */
export function formPathOf(path: string, rows: RowMap): string {
  const parts = path.split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const map = rows[out.join('.')];
    const p = parts[i]!;
    out.push(map && /^\d+$/.test(p) && map[Number(p)] !== undefined ? String(map[Number(p)]) : p);
  }
  return out.join('.');
}

/** Body fields from Hono's parseBody, strings only (files are read by the upload route). */
export function formValues(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}

const valueAt = (path: string, from: unknown) =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), from);

/** The form values of a list of items under a table: what prefill, the case or a spreadsheet gives. */
export function rowValues(table: Table, items: unknown[], out: FormValues = {}): FormValues {
  items.forEach((item, i) => {
    const prefix = `${table.name}.${i}`;
    const single = table.columns.length === 1 && table.columns[0]!.name === 'value';
    const obj = single ? { value: item } : item;
    for (const col of table.columns) fill(under(col, prefix), valueAt(col.name, obj), out);
  });
  return out;
}

function fill(f: Field, v: unknown, out: FormValues) {
  if (v === undefined || v === null) return;
  switch (f.kind) {
    case 'group':
      for (const c of f.children) fill(c, valueAt(c.name.slice(f.name.length + 1), v), out);
      return;
    case 'union': {
      const mode = valueAt(f.discriminator, v);
      if (typeof mode === 'string') out[discriminatorField(f).name] = mode;
      for (const variant of f.variants) for (const c of variant.children) fill(c, valueAt(c.name.slice(f.name.length + 1), v), out);
      return;
    }
    case 'table':
      if (Array.isArray(v)) rowValues(f, v, out);
      return;
    case 'lines':
      if (Array.isArray(v)) out[f.name] = v.join('\n');
      return;
    case 'checkbox':
      out[f.name] = v === true ? 'on' : '';
      return;
    default:
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[f.name] = String(v);
  }
}

/** The inputs of an empty row, named relative to the row (a nested table gets one empty row). */
export function emptyRowKeys(columns: Field[]): string[] {
  return cellsOf(columns).flatMap((c) => (c.field.kind === 'table' ? emptyRowKeys(c.field.columns).map((k) => `${c.field.name}.0.${k}`) : [c.field.name]));
}

export function emptyRow(table: Table, index: number, out: FormValues = {}): FormValues {
  for (const k of emptyRowKeys(table.columns)) out[`${table.name}.${index}.${k}`] ??= '';
  return out;
}

/** Empty rows below the filled ones: `extra` in each table, one in each nested table, within maxItems. */
export function padRows(fields: Field[], values: FormValues, extra = EXTRA_ROWS): FormValues {
  const visit = (f: Field, n: number) => {
    if (f.kind === 'group') return f.children.forEach((c) => visit(c, n));
    if (f.kind !== 'table') return;
    const present = rowIndices(values, f.name);
    const count = (present.at(-1) ?? -1) + 1;
    const target = Math.min(f.maxItems ?? Infinity, count + n);
    for (let i = count; i < target; i++) emptyRow(f, i, values);
    for (let i = 0; i < Math.max(count, target); i++) for (const col of f.columns) visit(under(col, `${f.name}.${i}`), 1);
  };
  fields.forEach((f) => visit(f, extra));
  return values;
}

/**
 * Initial values: where a field's path names a value in the case context (the course, dates, a roster the case
 * holds), then the definition's prefill of the form (rows from the roster, numbers from the passers), which
 * wins; tables get a few empty rows below.
 */
export function valuesFrom(fields: Field[], context: unknown, prefill?: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  const visit = (f: Field) => {
    if (f.kind === 'group') return f.children.forEach(visit);
    if (f.kind === 'number' && f.fixed !== undefined) out[f.name] = String(f.fixed);
    const v = valueAt(f.name, context);
    if ((typeof v === 'string' || typeof v === 'number') && (f.kind === 'text' || f.kind === 'date' || f.kind === 'time' || f.kind === 'number' || f.kind === 'select')) out[f.name] = String(v);
    const p = prefill ? valueAt(f.name, prefill) : undefined;
    if (f.kind === 'table') {
      const rows = Array.isArray(p) ? p : Array.isArray(v) ? v : [];
      return void rowValues(f, rows, out);
    }
    if (p === undefined || p === null) return;
    fill(f, p, out);
  };
  fields.forEach(visit);
  return padRows(fields, out);
}

/** The rows of one table in the values, as items (for a download): empty rows left out. */
export function tableItems(table: Table, values: FormValues): unknown[] {
  const { payload } = payloadOf([{ ...table, required: true }], values);
  return (payload[table.name.split('.').pop()!] as unknown[] | undefined) ?? [];
}

/**
 * A row operation of the form's buttons, done on the posted values without script: `add:<table>`,
 * `remove:<table>.<row>`, `up:<table>.<row>`, `down:<table>.<row>`. Unknown operations change nothing.
 */
export function applyRowOp(tables: (name: string) => Table | null, values: FormValues, op: string): FormValues {
  const m = /^(add|remove|up|down):(.+?)(?:\.(\d+))?$/.exec(op);
  if (!m) return values;
  const [, kind, name, rowRaw] = m as unknown as [string, string, string, string | undefined];
  const table = tables(name);
  if (!table) return values;
  const prefix = `${name}.`;
  const count = rowCount(values, name);
  const rows: FormValues[] = Array.from({ length: count }, () => ({}));
  const rest: FormValues = {};
  for (const [k, v] of Object.entries(values)) {
    const r = k.startsWith(prefix) ? /^(\d+)\.(.+)$/.exec(k.slice(prefix.length)) : null;
    if (r) rows[Number(r[1])]![r[2]!] = v;
    else rest[k] = v;
  }
  const row = rowRaw === undefined ? -1 : Number(rowRaw);
  if (kind === 'add') {
    const add = Math.min(name.includes('.') ? 1 : ADDED_ROWS, (table.maxItems ?? Infinity) - count);
    for (let i = 0; i < add; i++) rows.push(Object.fromEntries(emptyRowKeys(table.columns).map((k) => [k, ''])));
  } else if (row >= 0 && row < count) {
    if (kind === 'remove') rows.splice(row, 1);
    else {
      const to = kind === 'up' ? row - 1 : row + 1;
      if (to >= 0 && to < count) [rows[row], rows[to]] = [rows[to]!, rows[row]!];
    }
  }
  // A table is never left without a row to type in.
  if (rows.length === 0) rows.push(Object.fromEntries(emptyRowKeys(table.columns).map((k) => [k, ''])));
  rows.forEach((r, i) => {
    if (Object.keys(r).length === 0) Object.assign(r, Object.fromEntries(emptyRowKeys(table.columns).map((k) => [k, ''])));
    for (const [k, v] of Object.entries(r)) rest[`${prefix}${i}.${k}`] = v;
  });
  return rest;
}
