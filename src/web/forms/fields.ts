/**
 * A form's fields from the JSON Schema the definition's zod schema produces (describeDefinition). Pure.
 * Scalars become real inputs; lists of scalars a textarea with one entry per line; lists of objects and
 * anything else the walker does not know a JSON textarea, labelled and with an example.
 */
export type JsonSchema = {
  type?: string | string[];
  title?: string;
  description?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  maxLength?: number;
  minItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
};

interface Base {
  /** Dotted path of the value in the payload, also the input's name. */
  name: string;
  label: string;
  required: boolean;
  hint?: string;
}

export type Field =
  | (Base & { kind: 'group'; children: Field[] })
  | (Base & { kind: 'text' | 'textarea' | 'date' | 'time'; maxLength?: number })
  | (Base & { kind: 'number'; integer: boolean; min?: number; max?: number; fixed?: number })
  | (Base & { kind: 'select'; options: { value: string; label: string }[] })
  | (Base & { kind: 'checkbox' })
  | (Base & { kind: 'lines'; itemLabel: string })
  | (Base & { kind: 'json'; example: string });

const TIME_PATTERN = /^\^\(\[01\]/;

/** "sat=受験, absent=欠席" in a description gives readable option labels. */
function optionLabels(s: JsonSchema): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (s.description ?? '').split(/[,、]\s*/)) {
    const [k, v] = part.split('=');
    if (k && v) out.set(k.trim(), v.trim());
  }
  return out;
}

const typeOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

export function exampleOf(s: JsonSchema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  switch (typeOf(s)) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, exampleOf(v)]));
    case 'array':
      return s.items ? [exampleOf(s.items)] : [];
    case 'number':
    case 'integer':
      return s.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      return s.format === 'date' ? '2027-01-15' : TIME_PATTERN.test(s.pattern ?? '') ? '09:00' : `（${s.title ?? '文字列'}）`;
  }
}

export function fieldOf(name: string, s: JsonSchema, required: boolean, fallbackLabel: string): Field {
  const label = s.title ?? fallbackLabel;
  const base = { name, label, required };
  const t = typeOf(s);
  if (s.const !== undefined && (t === 'number' || t === 'integer')) {
    return { ...base, kind: 'number', integer: t === 'integer', fixed: Number(s.const), hint: `${s.const} と入力します（様式の定め）` };
  }
  if (s.enum) {
    const labels = optionLabels(s);
    return { ...base, kind: 'select', options: s.enum.map((v) => ({ value: String(v), label: labels.get(String(v)) ?? String(v) })) };
  }
  switch (t) {
    case 'object':
      return {
        ...base,
        kind: 'group',
        children: Object.entries(s.properties ?? {}).map(([k, v]) => fieldOf(name ? `${name}.${k}` : k, v, (s.required ?? []).includes(k), k)),
      };
    case 'string':
      if (s.format === 'date') return { ...base, kind: 'date', hint: '年月日（例: 2027-01-15）' };
      if (TIME_PATTERN.test(s.pattern ?? '')) return { ...base, kind: 'time', hint: '時刻（例: 09:00）' };
      return { ...base, kind: (s.maxLength ?? 0) > 200 ? 'textarea' : 'text', maxLength: s.maxLength };
    case 'number':
    case 'integer':
      return { ...base, kind: 'number', integer: t === 'integer', min: s.minimum ?? s.exclusiveMinimum, max: s.maximum };
    case 'boolean':
      return { ...base, kind: 'checkbox' };
    case 'array': {
      const item = s.items ?? {};
      const it = typeOf(item);
      if ((it === 'string' || it === 'number' || it === 'integer') && !item.enum) {
        return { ...base, kind: 'lines', itemLabel: item.title ?? '項目', hint: `${item.title ?? '項目'}を1行に1つずつ入力します` };
      }
      break;
    }
  }
  return { ...base, kind: 'json', example: JSON.stringify(exampleOf(s), null, 1), hint: 'JSON形式で入力します（下の記入例を参照）' };
}

/** The top-level fields of a form. */
export function formFields(schema: JsonSchema): Field[] {
  const root = fieldOf('', schema, true, '');
  return root.kind === 'group' ? root.children : [root];
}

/** Every field, groups included, depth first. */
export function flatten(fields: Field[]): Field[] {
  return fields.flatMap((f) => (f.kind === 'group' ? [f, ...flatten(f.children)] : [f]));
}
