/** Form fields of an event or a case input, from the zod schema via JSON Schema (cached per schema). */
import { z } from 'zod';
import { formFields, type Field, type JsonSchema } from './fields.js';

const cache = new WeakMap<z.ZodType, Field[]>();

export function fieldsOfSchema(schema: z.ZodType, omit: string[] = []): Field[] {
  let fields = cache.get(schema);
  if (!fields) cache.set(schema, (fields = formFields(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema)));
  return fields.filter((f) => !omit.includes(f.name));
}
