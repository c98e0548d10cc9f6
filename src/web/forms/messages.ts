/**
 * Errors of a rejected form, placed next to their fields: zod issue paths map to the nearest field, and
 * zod's English defaults are replaced by Japanese ones naming the field.
 */
import { flatten, type Field } from './fields.js';

export interface Issue {
  path: string;
  message: string;
  code?: string;
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

function japanese(issue: Issue, f: Field | undefined): string {
  if (JAPANESE.test(issue.message)) return issue.message;
  const label = f?.label ?? issue.path;
  switch (issue.code) {
    case 'invalid_type':
      return `${label}を入力してください`;
    case 'too_small':
      return f?.kind === 'lines' || f?.kind === 'json' ? `${label}を1件以上入力してください` : `${label}が小さすぎます`;
    case 'too_big':
      return `${label}が大きすぎるか、長すぎます`;
    case 'invalid_value':
      return `${label}の値が正しくありません`;
    case 'unrecognized_keys':
      return `${label}に不要な項目があります（${issue.message}）`;
    default:
      return `${label}: ${issue.message}`;
  }
}

/** Field name -> messages; issues that fit no field go under '' (shown above the form). */
export function fieldErrors(fields: Field[], issues: Issue[]): Record<string, string[]> {
  const all = flatten(fields);
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const f = all
      .filter((x) => issue.path === x.name || issue.path.startsWith(`${x.name}.`))
      .sort((a, b) => b.name.length - a.name.length)[0];
    const rest = f && issue.path !== f.name ? issue.path.slice(f.name.length + 1) : '';
    const where = rest ? `（${rest.split('.').map((p) => (/^\d+$/.test(p) ? `${Number(p) + 1}件目` : p)).join(' ')}）` : '';
    const key = f?.name ?? '';
    (out[key] ??= []).push(`${japanese(issue, f)}${where}`);
  }
  return out;
}
