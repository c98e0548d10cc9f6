/**
 * A form's fields from the JSON Schema the definition's zod schema produces (describeDefinition). Pure.
 * Scalars become real inputs; lists of scalars a textarea with one entry per line; lists of objects a row
 * editor ('table': one row per item, one cell per column, nested lists of objects as nested tables); a union of
 * objects told apart by a constant ('union': a select of the variant and the variants' fields).
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
  maxItems?: number;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
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
  | (Base & { kind: 'number'; integer: boolean; min?: number; exclusiveMin?: boolean; max?: number; fixed?: number })
  | (Base & { kind: 'select'; options: { value: string; label: string }[] })
  | (Base & { kind: 'checkbox' })
  | (Base & { kind: 'lines'; itemLabel: string })
  /** A list of objects: `columns` are the item's fields, named relative to a row (`name`, `written.correct`). */
  | (Base & { kind: 'table'; columns: Field[]; minItems?: number; maxItems?: number })
  /** Objects told apart by the constant `discriminator` (children named relative like a group's). */
  | (Base & { kind: 'union'; discriminator: string; variants: { value: string; label: string; children: Field[] }[] });

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
      return { ...base, kind: 'number', integer: t === 'integer', min: s.minimum ?? s.exclusiveMinimum, exclusiveMin: s.minimum === undefined && s.exclusiveMinimum !== undefined, max: s.maximum };
    case 'boolean':
      return { ...base, kind: 'checkbox' };
    case 'array': {
      const item = s.items ?? {};
      const it = typeOf(item);
      if ((it === 'string' || it === 'number' || it === 'integer') && !item.enum) {
        return { ...base, kind: 'lines', itemLabel: item.title ?? '項目', hint: `${item.title ?? '項目'}を1行に1つずつ入力します` };
      }
      if (it === 'object' || item.anyOf || item.oneOf) {
        const row = fieldOf('', item, true, label);
        const columns = row.kind === 'group' ? row.children : [{ ...row, name: 'value' }];
        return { ...base, kind: 'table', columns, minItems: s.minItems, maxItems: s.maxItems };
      }
      break;
    }
  }
  const variants = s.anyOf ?? s.oneOf;
  if (variants?.length) {
    const union = unionOf(name, label, required, variants);
    if (union) return union;
  }
  // A shape the walker does not know: a plain text input, never a JSON text area.
  return { ...base, kind: 'text' };
}

/** Objects with one property that is a constant in each (`mode: 'classroom' | 'correspondence'`). */
function unionOf(name: string, label: string, required: boolean, variants: JsonSchema[]): Field | null {
  const objects = variants.filter((v) => typeOf(v) === 'object');
  if (objects.length !== variants.length) return null;
  const discriminator = Object.keys(objects[0]!.properties ?? {}).find((k) => objects.every((v) => v.properties?.[k]?.const !== undefined));
  if (!discriminator) return null;
  const join = (k: string) => (name ? `${name}.${k}` : k);
  return {
    name,
    label,
    required,
    kind: 'union',
    discriminator,
    variants: objects.map((v) => ({
      value: String(v.properties![discriminator]!.const),
      label: v.title ?? String(v.properties![discriminator]!.const),
      children: Object.entries(v.properties ?? {})
        .filter(([k]) => k !== discriminator)
        .map(([k, p]) => fieldOf(join(k), p, (v.required ?? []).includes(k), k)),
    })),
  };
}

/** The select that chooses a union's variant, as a field of its own (named `<union>.<discriminator>`). */
export function discriminatorField(u: Extract<Field, { kind: 'union' }>): Extract<Field, { kind: 'select' }> {
  return {
    name: u.name ? `${u.name}.${u.discriminator}` : u.discriminator,
    label: `${u.label}の区分`,
    required: u.required,
    kind: 'select',
    options: u.variants.map((v) => ({ value: v.value, label: v.label })),
  };
}

/** The cells of a row: groups and unions flattened to their inputs (a union's fields once each), nested tables kept. */
export interface Cell {
  field: Field;
  /** Column heading: the titles from the row down, e.g. 「学科解答 正答数」. */
  label: string;
  /** Required whenever the row is used (a field of an optional group is not). */
  required: boolean;
}

export function cellsOf(columns: Field[], prefix = '', optional = false): Cell[] {
  const out: Cell[] = [];
  const seen = new Set<string>();
  const push = (c: Cell) => {
    if (!seen.has(c.field.name)) (seen.add(c.field.name), out.push(c));
  };
  for (const f of columns) {
    const label = prefix ? `${prefix} ${f.label}` : f.label;
    if (f.kind === 'group') cellsOf(f.children, f.label, optional || !f.required).forEach(push);
    else if (f.kind === 'union') {
      push({ field: discriminatorField(f), label: discriminatorField(f).label, required: !optional && f.required });
      for (const v of f.variants) cellsOf(v.children, prefix, true).forEach(push);
    } else push({ field: f, label, required: !optional && f.required });
  }
  return out;
}

/** The top-level fields of a form. */
export function formFields(schema: JsonSchema): Field[] {
  const root = fieldOf('', schema, true, '');
  return root.kind === 'group' ? root.children : [root];
}

/** Every field, groups included, depth first (a table's columns are named relative to its rows: not listed). */
export function flatten(fields: Field[]): Field[] {
  return fields.flatMap((f) => (f.kind === 'group' ? [f, ...flatten(f.children)] : f.kind === 'union' ? [f, discriminatorField(f), ...flatten(f.variants.flatMap((v) => v.children))] : [f]));
}

/**
 * The field a concrete input name stands for, rows included: `roster.3.subjects.1.plannedHours` gives the
 * subjects table's plannedHours column; also the table or row the name ends in. Null when nothing fits.
 */
export function resolveField(fields: Field[], name: string): { field: Field; table?: Extract<Field, { kind: 'table' }>; row?: number } | null {
  const parts = name.split('.');
  let scope = fields;
  let prefix = '';
  let ctx: { table?: Extract<Field, { kind: 'table' }>; row?: number } = {};
  let found: { field: Field; table?: Extract<Field, { kind: 'table' }>; row?: number } | null = null;
  for (let i = 0; i < parts.length; i++) {
    const path = prefix ? `${prefix}.${parts[i]}` : parts[i]!;
    const all = flatten(scope);
    const f = all.find((x) => x.name === path);
    if (!f) {
      // A name inside a group or union still walks on (`written` then `written.correct`).
      if (i < parts.length - 1 && all.some((x) => x.name.startsWith(`${path}.`))) {
        prefix = path;
        continue;
      }
      return null;
    }
    found = { field: f, ...ctx };
    if (f.kind === 'table') {
      const n = parts[i + 1];
      if (n === undefined || !/^\d+$/.test(n)) return found;
      ctx = { table: f, row: Number(n) };
      found = { field: f, ...ctx };
      scope = f.columns;
      prefix = '';
      i++;
      continue;
    }
    prefix = path;
  }
  return found;
}
