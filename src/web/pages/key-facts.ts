/**
 * Key data of a case for people: the context's scalar fields that a schema of the definition names in
 * Japanese (input first, then the events), dates in 和暦. Generic over procedures.
 */
import { z } from 'zod';
import type { AnyProcedureDefinition } from '../../../definitions/types.js';
import { isIsoDate } from '../../domain/dates.js';
import { formatDateJa } from '../../domain/wareki.js';
import type { JsonSchema } from '../forms/fields.js';

const titles = new WeakMap<AnyProcedureDefinition, Map<string, string>>();

function collect(s: JsonSchema, out: Map<string, string>, prefix = '') {
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    // An event's "new exam date" names the same context field as the date itself.
    if (v.title && !out.has(prefix + k)) out.set(prefix + k, v.title.replace(/^新しい/, ''));
    if (v.properties) collect(v, out, `${prefix}${k}.`);
  }
}

function titlesOf(definition: AnyProcedureDefinition): Map<string, string> {
  let m = titles.get(definition);
  if (!m) {
    m = new Map();
    const json = (schema: z.ZodType) => z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
    collect(json(definition.inputSchema), m);
    for (const e of Object.values(definition.events)) collect(json(e.schema), m);
    titles.set(definition, m);
  }
  return m;
}

export function keyFacts(definition: AnyProcedureDefinition, context: unknown): [string, string][] {
  const t = titlesOf(definition);
  const out: [string, string][] = [];
  const visit = (o: unknown, prefix: string, depth: number) => {
    if (!o || typeof o !== 'object' || Array.isArray(o)) return;
    for (const [k, v] of Object.entries(o)) {
      const key = prefix + k;
      if (typeof v === 'string' || typeof v === 'number') {
        const label = t.get(key) ?? (prefix ? undefined : t.get(k));
        if (label && key !== 'fiscalYear') out.push([label, typeof v === 'string' && isIsoDate(v) ? formatDateJa(v) : String(v)]);
      } else if (depth < 1) visit(v, `${key}.`, depth + 1);
    }
  };
  visit(context, '', 0);
  return out;
}

const NO_SETTINGS = { fiscalYear: 0, values: {} };

/**
 * The case's own dates its deadlines count from (an exam day, a completion date...), from today on, soonest
 * first: the anchors of the definition's deadline rules that the case's context gives without any fiscal-year
 * setting (an anchor that needs a setting is an office's date, not the case's, and is left out).
 */
export function caseDates(definition: AnyProcedureDefinition, context: unknown, today: string): { label: string; date: string }[] {
  const seen = new Map<string, { label: string; date: string }>();
  for (const rule of Object.values(definition.deadlines)) {
    let date: string | null = null;
    try {
      date = rule.anchor.resolve(context, NO_SETTINGS, () => NO_SETTINGS);
    } catch {
      continue;
    }
    if (!date || !isIsoDate(date) || date < today) continue;
    seen.set(`${rule.anchor.label}@${date}`, { label: rule.anchor.label, date });
  }
  return [...seen.values()].sort((a, b) => a.date.localeCompare(b.date));
}
