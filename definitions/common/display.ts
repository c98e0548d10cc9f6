/**
 * How a submitted payload is shown to a reader, from the event's own zod schema: its Japanese titles, its field
 * order, enum values by their Japanese labels (declared in the schema's description as 'value=label, ...'),
 * dates in 和暦, lists of rows as tables. Pure; e-mails and pages render the result.
 */
import { z } from 'zod';
import { isIsoDate } from '../../src/domain/dates.js';
import { formatDateJa } from '../../src/domain/wareki.js';

export type DisplayItem = { label: string; value: string } | { label: string; table: { columns: string[]; rows: string[][] } };

interface Schema {
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
}

const cache = new WeakMap<z.ZodType, Schema>();
function jsonSchemaOf(schema: z.ZodType): Schema {
  let s = cache.get(schema);
  if (!s) cache.set(schema, (s = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Schema));
  return s;
}

/** 'sat=受験, absent=欠席' -> { sat: '受験', absent: '欠席' } */
function enumLabels(s: Schema): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (s.description ?? '').split(/[,、]\s*/)) {
    const m = /^([^=\s]+)=(.+)$/.exec(part.trim());
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

const variants = (s: Schema): Schema[] => [s, ...(s.anyOf ?? []), ...(s.oneOf ?? [])];
const propertiesOf = (s: Schema): Record<string, Schema> => Object.assign({}, ...variants(s).map((v) => v.properties ?? {}));

function scalar(s: Schema | undefined, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'はい' : 'いいえ';
  if (typeof v === 'string') {
    const labels = s ? enumLabels(s) : {};
    if (labels[v]) return labels[v]!;
    return isIsoDate(v) ? formatDateJa(v) : v;
  }
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map((x) => scalar(s?.items, x)).join('、');
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${propertiesOf(s ?? {})[k]?.title ?? k}: ${scalar(propertiesOf(s ?? {})[k], x)}`)
    .join('、');
}

function table(label: string, item: Schema, rows: unknown[]): DisplayItem {
  const props = propertiesOf(item);
  const keys = Object.keys(props).filter((k) => rows.some((r) => r && typeof r === 'object' && (r as Record<string, unknown>)[k] !== undefined));
  return {
    label,
    table: {
      columns: keys.map((k) => props[k]!.title ?? k),
      rows: rows.map((r) => keys.map((k) => scalar(props[k], (r as Record<string, unknown>)[k]))),
    },
  };
}

function visit(s: Schema, data: Record<string, unknown>, prefix: string, out: DisplayItem[]) {
  const props = propertiesOf(s);
  const keys = [...Object.keys(props), ...Object.keys(data).filter((k) => !(k in props))];
  for (const k of keys) {
    const v = data[k];
    if (v === undefined) continue;
    const p = props[k] ?? {};
    const label = `${prefix}${p.title ?? k}`;
    if (Array.isArray(v) && v.some((x) => x && typeof x === 'object')) out.push(table(label, p.items ?? {}, v));
    // A group without a title of its own adds no prefix (never a field's code name).
    else if (v && typeof v === 'object' && !Array.isArray(v)) visit(p, v as Record<string, unknown>, p.title ? `${label} / ` : prefix, out);
    else out.push({ label, value: scalar(p, v) });
  }
}

export function displayPayload(schema: z.ZodType, data: unknown): DisplayItem[] {
  if (!data || typeof data !== 'object') return [];
  const out: DisplayItem[] = [];
  visit(jsonSchemaOf(schema), data as Record<string, unknown>, '', out);
  return out;
}

/** The same items as plain lines, for e-mail text. */
export function displayLines(items: DisplayItem[]): string[] {
  return items.flatMap((i) =>
    'value' in i ? [`${i.label}：${i.value}`] : [`${i.label}（${i.table.rows.length}件）`, ...i.table.rows.map((r, n) => `  ${n + 1}. ${r.map((c, j) => `${i.table.columns[j]}: ${c}`).join('、')}`)],
  );
}

/** A table for a case summary: column titles and one row of cells per item ('—' for what is missing). */
export function summaryTable<T>(label: string, items: T[], columns: [title: string, cell: (item: T) => string | number | null | undefined][]): DisplayItem[] {
  if (!items.length) return [];
  return [{ label, table: { columns: columns.map(([t]) => t), rows: items.map((i) => columns.map(([, cell]) => { const v = cell(i); return v === null || v === undefined || v === '' ? '—' : String(v); })) } }];
}
