import { describe, expect, it } from 'vitest';
import { allDefinitions } from '../../definitions/index.js';
import { flatten } from '../../src/web/forms/fields.js';
import { fieldErrors } from '../../src/web/forms/messages.js';
import { payloadOf } from '../../src/web/forms/payload.js';
import { fieldsOfSchema } from '../../src/web/forms/schemas.js';
import { skillCheck } from '../../definitions/skill-check/index.js';

describe('forms from zod schemas', () => {
  it('gives every field of every event of every procedure a Japanese label and an input kind', () => {
    for (const d of allDefinitions) {
      for (const e of Object.values(d.events)) {
        for (const f of flatten(fieldsOfSchema(e.schema))) {
          expect(f.label, `${d.id} ${e.type} ${f.name}`).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        }
      }
    }
  });

  it('makes real inputs for scalars, lines for lists of text, JSON for lists of objects', () => {
    const kinds = Object.fromEntries(flatten(fieldsOfSchema(skillCheck.events.IMPLEMENTATION_NOTICE_FILED!.schema)).map((f) => [f.name, f.kind]));
    expect(kinds).toMatchObject({ representative: 'text', course: 'group', 'course.kei': 'text', 'written.date': 'date', 'written.start': 'time', expectedExaminees: 'number', roster: 'json' });
    const q = Object.fromEntries(flatten(fieldsOfSchema(skillCheck.events.QUESTIONS_FILED!.schema)).map((f) => [f.name, f.kind]));
    expect(q).toMatchObject({ 'written.subjects': 'lines', 'written.mainQuestions': 'number', 'practical.problem': 'textarea' });
    const r = flatten(fieldsOfSchema(skillCheck.events.MAKEUP_NOTICE_FILED!.schema)).find((f) => f.name === 'afterCompletionReason')!;
    expect(r.kind).toBe('select');
  });

  it('turns posted fields into the payload the schema accepts', () => {
    const schema = skillCheck.events.QUESTIONS_FILED!.schema;
    const { payload, errors } = payloadOf(fieldsOfSchema(schema), {
      representative: '甲野 乙男',
      'course.kei': '機械',
      'course.ka': '機械加工',
      'written.mainQuestions': '１００',
      'written.spareQuestions': '10',
      'written.subjects': '機械工作法\r\n\r\n材料\n',
      'practical.problem': '段付き軸',
      'practical.tools': 'ノギス',
      'practical.scoringGuide': '寸法',
      'practical.criteria': '60点以上',
    });
    expect(errors).toEqual({});
    expect(schema.safeParse(payload).success).toBe(true);
    expect(payload).toMatchObject({ written: { mainQuestions: 100, subjects: ['機械工作法', '材料'] } });
  });

  it('leaves out empty optional fields and places schema issues on their fields in Japanese', () => {
    const fields = fieldsOfSchema(skillCheck.events.MAKEUP_NOTICE_FILED!.schema);
    const { payload } = payloadOf(fields, { 'session.date': '', traineeIds: '', spareQuestionsUsed: '' });
    expect(payload).not.toHaveProperty('afterCompletionReason');
    const parsed = skillCheck.events.MAKEUP_NOTICE_FILED!.schema.safeParse(payload);
    const issues = parsed.error!.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
    const errors = fieldErrors(fields, issues);
    expect(errors['spareQuestionsUsed']).toEqual(['使用する予備問題数を入力してください']);
    expect(errors['traineeIds']![0]).toContain('追試験対象者を1件以上入力してください');
  });
});
