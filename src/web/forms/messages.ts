/**
 * Errors of a rejected form, placed next to their fields: zod issue paths map to the nearest field (in a row
 * editor, to the cell, through the rows kept), and zod's English defaults are replaced by Japanese ones naming
 * the field, the row and, for a choice, the allowed values by their Japanese labels.
 */
import type { z } from 'zod';
import { cellsOf, discriminatorField, resolveField, type Field } from './fields.js';
import { formPathOf, type RowMap } from './payload.js';

export interface Issue {
  path: string;
  message: string;
  code?: string;
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/**
 * zod's issues as the form shows them. A union the input did not match reports one issue at the union; the
 * issues of the variant the input chose (no issue on its constant) are more useful, so they replace it.
 */
export function issuesOf(error: z.ZodError): Issue[] {
  const out: Issue[] = [];
  const visit = (issues: z.core.$ZodIssue[], base: PropertyKey[]) => {
    for (const i of issues) {
      const path = [...base, ...i.path];
      if (i.code === 'invalid_union' && i.errors.length) {
        const chosen = i.errors.filter((branch) => !branch.some((x) => x.code === 'invalid_value' && x.path.length === 1));
        if (chosen.length === 1) {
          visit(chosen[0]!, path);
          continue;
        }
      }
      out.push({ path: path.map(String).join('.'), message: i.message, code: i.code });
    }
  };
  visit(error.issues, []);
  return out;
}

function choices(f: Field | undefined): string[] {
  if (!f) return [];
  if (f.kind === 'select') return f.options.map((o) => o.label);
  if (f.kind === 'union') return f.variants.map((v) => v.label);
  return [];
}

function japanese(issue: Issue, f: Field | undefined, label: string): string {
  const allowed = choices(f);
  if (allowed.length && (issue.code === 'invalid_value' || issue.code === 'invalid_union' || issue.code === 'invalid_type')) {
    return `${label}は ${allowed.join('・')} のいずれかを選んでください`;
  }
  if (JAPANESE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return f?.kind === 'number' && !/undefined/.test(issue.message) ? `${label}を数字で入力してください` : `${label}を入力してください`;
    case 'too_small':
      if (f?.kind === 'lines' || f?.kind === 'table') return `${label}を1件以上入力してください`;
      return f?.kind === 'number' && f.min !== undefined ? `${label}は${f.min}${f.exclusiveMin ? 'より大きい数' : '以上'}で入力してください` : `${label}が短すぎます`;
    case 'too_big':
      return f?.kind === 'number' && f.max !== undefined ? `${label}は${f.max}以下で入力してください` : f?.kind === 'table' ? `${label}の行が多すぎます` : `${label}が長すぎます`;
    case 'invalid_value':
      return `${label}の値が正しくありません`;
    case 'unrecognized_keys':
      return `${label}に様式にない項目があります`;
    case 'invalid_format':
      return `${label}の形式が正しくありません`;
    default:
      return `${label}の入力内容が正しくありません`;
  }
}

/** '3' -> '4行目'; nested rows: 'roster.3.subjects.1' -> '4行目の科目別出席状況 2行目'. */
export function rowWords(fields: Field[], name: string): string {
  const parts = name.split('.');
  const words: string[] = [];
  let depth = 0;
  for (let i = 1; i < parts.length; i++) {
    if (!/^\d+$/.test(parts[i]!)) continue;
    const r = resolveField(fields, parts.slice(0, i).join('.'));
    if (r?.field.kind !== 'table') continue;
    words.push(`${depth > 0 ? `${r.field.label} ` : ''}${Number(parts[i]) + 1}行目`);
    depth++;
  }
  return words.join('の');
}

/** The heading of a cell: its column title with the groups above it inside the row (「学科解答 正答数」). */
function cellLabel(fields: Field[], name: string, f: Field): string {
  const r = resolveField(fields, name);
  if (!r?.table || r.row === undefined) return f.label;
  const rowPrefix = name.slice(0, name.indexOf(`.${r.row}.`) + `.${r.row}.`.length);
  if (!name.startsWith(rowPrefix)) return f.label;
  const rel = name.slice(rowPrefix.length);
  return cellsOf(r.table.columns).find((c) => c.field.name === rel)?.label ?? f.label;
}

/** Field (or cell) name -> messages; issues that fit no field go under '' (shown above the form). */
export function fieldErrors(fields: Field[], issues: Issue[], rows: RowMap = {}): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const path = formPathOf(issue.path, rows);
    const parts = path ? path.split('.') : [];
    let key = '';
    let f: Field | undefined;
    for (let n = parts.length; n > 0; n--) {
      const r = resolveField(fields, parts.slice(0, n).join('.'));
      if (r) {
        key = parts.slice(0, n).join('.');
        f = r.field;
        break;
      }
    }
    // A list of scalars (lines) reports its items by position.
    const rest = f && path !== key ? path.slice(key.length + 1) : '';
    if (f?.kind === 'union') {
      const d = discriminatorField(f);
      key = `${key}.${f.discriminator}`;
      f = { ...d, label: d.label };
    }
    const inRow = /\.\d+(\.|$)/.test(key);
    const label = f ? (inRow ? cellLabel(fields, key, f) : f.label) : issue.path;
    const where = rest ? `（${rest.split('.').map((p) => (/^\d+$/.test(p) ? `${Number(p) + 1}件目` : p)).join(' ')}）` : '';
    (out[key] ??= []).push(`${japanese(issue, f, label)}${where}`);
  }
  return out;
}

/** Every error of one table's cells and rows, in row order, with its row in words (for the table's summary). */
export function tableErrors(fields: Field[], table: string, errors: Record<string, string[]>): { name: string; text: string }[] {
  const prefix = `${table}.`;
  return Object.entries(errors)
    .filter(([k]) => k.startsWith(prefix))
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .flatMap(([k, ms]) => ms.map((m) => ({ name: k, text: `${rowWords(fields, k)}: ${m}` })));
}
