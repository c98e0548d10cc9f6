/**
 * Posted form fields -> the event payload, typed by the form's fields. Pure. Empty optional fields are left
 * out; empty required ones are kept so the schema answers with its own Japanese message. A JSON field that
 * does not parse is reported here, by name.
 */
import type { Field } from './fields.js';

export type FormValues = Record<string, string>;

export interface Converted {
  payload: Record<string, unknown>;
  errors: Record<string, string>;
}

function convert(f: Field, values: FormValues, errors: Record<string, string>): { present: boolean; value?: unknown } {
  const raw = values[f.name] ?? '';
  const empty = raw.trim() === '';
  switch (f.kind) {
    case 'group': {
      const obj: Record<string, unknown> = {};
      let any = false;
      for (const child of f.children) {
        const r = convert(child, values, errors);
        if (r.present) {
          obj[child.name.slice(f.name.length + 1)] = r.value;
          any = true;
        }
      }
      return any || f.required ? { present: true, value: obj } : { present: false };
    }
    case 'checkbox':
      return { present: true, value: raw === 'on' || raw === 'true' };
    case 'number':
      if (empty) return f.required ? { present: true, value: undefined } : { present: false };
      // Full-width digits are common in Japanese input.
      return { present: true, value: Number(raw.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim()) };
    case 'lines': {
      const items = raw.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
      return items.length || f.required ? { present: true, value: items } : { present: false };
    }
    case 'json':
      if (empty) return f.required ? { present: true, value: [] } : { present: false };
      try {
        return { present: true, value: JSON.parse(raw) };
      } catch (e) {
        errors[f.name] = `${f.label}はJSON形式で入力してください（${(e as Error).message}）`;
        return { present: false };
      }
    default:
      return empty && !f.required ? { present: false } : { present: true, value: raw };
  }
}

export function payloadOf(fields: Field[], values: FormValues): Converted {
  const errors: Record<string, string> = {};
  const payload: Record<string, unknown> = {};
  for (const f of fields) {
    const r = convert(f, values, errors);
    if (r.present) payload[f.name.split('.').pop()!] = r.value;
  }
  return { payload, errors };
}

/** Body fields from Hono's parseBody, strings only (no files here). */
export function formValues(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}

const valueAt = (path: string, from: unknown) =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), from);

/**
 * Initial values: where a field's path names a scalar in the case context (the course, dates), then the
 * definition's prefill of the form (rows from the roster, numbers from the passers), which wins.
 */
export function valuesFrom(fields: Field[], context: unknown, prefill?: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  const visit = (f: Field) => {
    if (f.kind === 'group') return f.children.forEach(visit);
    if (f.kind === 'number' && f.fixed !== undefined) out[f.name] = String(f.fixed);
    const v = valueAt(f.name, context);
    if ((typeof v === 'string' || typeof v === 'number') && (f.kind === 'text' || f.kind === 'date' || f.kind === 'time' || f.kind === 'number' || f.kind === 'select')) out[f.name] = String(v);
    const p = prefill ? valueAt(f.name, prefill) : undefined;
    if (p === undefined || p === null) return;
    if (f.kind === 'json') out[f.name] = JSON.stringify(p, null, 2);
    else if (f.kind === 'lines' && Array.isArray(p)) out[f.name] = p.join('\n');
    else if (typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean') out[f.name] = String(p);
  };
  fields.forEach(visit);
  return out;
}
