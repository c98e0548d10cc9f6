import { describe, expect, it } from 'vitest';
import { allDefinitions } from '../../definitions/index.js';
import { cellsOf, flatten, type Field } from '../../src/web/forms/fields.js';
import { fieldErrors, issuesOf } from '../../src/web/forms/messages.js';
import { applyRowOp, payloadOf, rowCount, valuesFrom } from '../../src/web/forms/payload.js';
import { fieldsOfSchema } from '../../src/web/forms/schemas.js';
import { gridOf, readGrid, sheetColumns, toCsv, toXlsx } from '../../src/web/forms/sheets.js';
import { tableNamed } from '../../src/web/routes/sheets.js';
import { skillCheck } from '../../definitions/skill-check/index.js';
import { completionExam } from '../../definitions/completion-exam/index.js';
import * as pay from '../support/skill-check-payloads.js';
import { rosterFields } from './fixtures.js';

type Table = Extract<Field, { kind: 'table' }>;
const tableOf = (fields: Field[], name: string) => tableNamed(fields, name)!;
const notice = () => fieldsOfSchema(skillCheck.events.IMPLEMENTATION_NOTICE_FILED!.schema);

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

  it('makes real inputs for scalars, lines for lists of text, row editors for lists of objects', () => {
    const kinds = Object.fromEntries(flatten(notice()).map((f) => [f.name, f.kind]));
    expect(kinds).toMatchObject({ representative: 'text', course: 'group', 'course.kei': 'text', 'written.date': 'date', 'written.start': 'time', expectedExaminees: 'number', roster: 'table' });
    const roster = tableOf(notice(), 'roster');
    expect(cellsOf(roster.columns).map((c) => [c.field.name, c.field.kind, c.label])).toEqual([
      ['traineeId', 'text', '訓練生番号'],
      ['name', 'text', '氏名'],
      ['birthDate', 'date', '生年月日'],
      ['subjects', 'table', '科目別出席状況'],
    ]);
    const subjects = tableOf(notice(), 'roster.0.subjects');
    expect(cellsOf(subjects.columns).map((c) => c.field.kind)).toEqual(['text', 'number', 'number']);
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

  it('gives every list of objects of every procedure a row editor with Japanese columns and labelled choices, never JSON', () => {
    let tables = 0;
    const visit = (fields: Field[], where: string) => {
      for (const f of fields) {
        expect(['text', 'textarea', 'date', 'time', 'number', 'select', 'checkbox', 'lines', 'group', 'table', 'union'], where).toContain(f.kind);
        if (f.kind === 'group') visit(f.children, where);
        if (f.kind === 'union') visit(f.variants.flatMap((v) => v.children), where);
        if (f.kind !== 'table') continue;
        tables++;
        for (const c of cellsOf(f.columns)) {
          expect(c.label, `${where} ${f.name}.${c.field.name}`).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
          if (c.field.kind === 'select') for (const o of c.field.options) expect(o.label, `${where} ${c.field.name}=${o.value}`).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        }
        visit(f.columns, where);
      }
    };
    for (const d of allDefinitions) for (const e of Object.values(d.events)) visit(fieldsOfSchema(e.schema), `${d.id} ${e.type}`);
    expect(tables).toBeGreaterThanOrEqual(10);
  });

  it('turns rows into the list the schema accepts, leaving empty rows out and keeping nested rows', () => {
    const fields = notice();
    const n = pay.implementationNotice('2027-02-15');
    const rows = rosterFields(n.roster);
    // Row 2 moved to 6; rows 3 to 5 are empty (as posted by a form with spare rows).
    const posted = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k.replace(/^roster\.2\./, 'roster.6.'), v]));
    Object.assign(posted, { 'roster.3.traineeId': '', 'roster.4.name': '  ', 'roster.0.subjects.5.subject': '', 'roster.5.subjects.0.subject': '' });
    const { payload, errors, rows: kept } = payloadOf(fields, posted);
    expect(errors).toEqual({});
    expect(payload.roster).toEqual(n.roster);
    expect(kept.roster).toEqual([0, 1, 6]);
    expect(kept['roster.6.subjects']).toEqual(n.roster[2]!.subjects.map((_, j) => j));
  });

  it('places issues on their cells through the rows kept, naming a choice\'s allowed values in Japanese', () => {
    const fields = fieldsOfSchema(skillCheck.events.RESULTS_RECORDED!.schema);
    const values = { 'results.0.traineeId': '', 'results.1.traineeId': 'T1', 'results.1.outcome': 'late', 'results.2.traineeId': 'T2', 'results.2.outcome': 'sat', 'results.2.written.correct': '-1' };
    const { payload, rows } = payloadOf(fields, values);
    const parsed = skillCheck.events.RESULTS_RECORDED!.schema.safeParse(payload);
    const errors = fieldErrors(fields, issuesOf(parsed.error!), rows);
    expect(errors['results.1.outcome']).toEqual(['受験状況は 受験・不測の事故による欠席・不測の事故による途中放棄・欠席 のいずれかを選んでください']);
    expect(errors['results.2.written.correct']![0]).toBe('学科解答 正答数は0以上で入力してください');
    expect(errors['results.2.written.wrong']![0]).toBe('学科解答 誤答数を入力してください');
    for (const ms of Object.values(errors)) for (const m of ms) expect(m).not.toMatch(/[A-Za-z]{4,}/);
  });

  it('shows a union of objects as the choice of its variant and the variants\' fields (completion-exam attendance)', () => {
    const fields = fieldsOfSchema(completionExam.events.RESULTS_RECORDED!.schema);
    const row = { 'results.0.traineeId': 'C1', 'results.0.name': '修了 一郎', 'results.0.birthDate': '2000-01-01', 'results.0.outcome': 'sat', 'results.0.correct': '70' };
    const ok = payloadOf(fields, { ...row, 'results.0.attendance.mode': 'classroom', 'results.0.attendance.plannedHours': '100', 'results.0.attendance.attendedHours': '90' });
    expect(completionExam.events.RESULTS_RECORDED!.schema.safeParse(ok.payload).success).toBe(true);
    expect((ok.payload.results as { attendance: unknown }[])[0]!.attendance).toEqual({ mode: 'classroom', plannedHours: 100, attendedHours: 90 });
    const missing = payloadOf(fields, { ...row, 'results.0.attendance.mode': 'classroom', 'results.0.attendance.attendedHours': '90' });
    const e1 = fieldErrors(fields, issuesOf(completionExam.events.RESULTS_RECORDED!.schema.safeParse(missing.payload).error!), missing.rows);
    expect(e1['results.0.attendance.plannedHours']).toEqual(['総訓練計画時間を入力してください']);
    const none = payloadOf(fields, row);
    const e2 = fieldErrors(fields, issuesOf(completionExam.events.RESULTS_RECORDED!.schema.safeParse(none.payload).error!), none.rows);
    expect(e2['results.0.attendance.mode']).toEqual(['受講状況の区分は 集合訓練の受講状況・通信制訓練の受講状況 のいずれかを選んでください']);
  });

  it('prefills rows from the definition and adds spare rows; row buttons add, move and remove rows on the posted values', () => {
    const fields = fieldsOfSchema(skillCheck.events.CERT_NUMBERS_ISSUED!.schema);
    const values = valuesFrom(fields, {}, { numbers: [{ traineeId: 'T1', tokyoNumber: '' }, { traineeId: 'T2', tokyoNumber: '' }] });
    expect(values['numbers.1.traineeId']).toBe('T2');
    expect(rowCount(values, 'numbers')).toBe(5);
    const table = (n: string) => tableNamed(fields, n);
    const down = applyRowOp(table, values, 'down:numbers.0');
    expect([down['numbers.0.traineeId'], down['numbers.1.traineeId']]).toEqual(['T2', 'T1']);
    const removed = applyRowOp(table, down, 'remove:numbers.0');
    expect(removed['numbers.0.traineeId']).toBe('T1');
    expect(rowCount(removed, 'numbers')).toBe(4);
    expect(rowCount(applyRowOp(table, removed, 'add:numbers'), 'numbers')).toBe(9);
    const n = notice();
    const r = applyRowOp((x) => tableNamed(n, x), rosterFields(pay.implementationNotice().roster), 'add:roster.1.subjects');
    expect(rowCount(r, 'roster.1.subjects')).toBe(pay.implementationNotice().roster[1]!.subjects.length + 1);
    expect(applyRowOp(table, values, 'drop table numbers')).toBe(values);
  });

  it('writes a roster to .xlsx and .csv (Japanese headers, one line per subject) and reads both back to the same rows', async () => {
    const fields = notice();
    const roster = tableOf(fields, 'roster') as Table;
    const n = pay.implementationNotice();
    const values = rosterFields(n.roster);
    expect(sheetColumns(roster).map((c) => c.header)).toEqual(['訓練生番号', '氏名', '生年月日', '科目', '訓練計画時間', '受講見込み時間']);
    const csv = toCsv(roster, values);
    expect(csv.startsWith('\uFEFF訓練生番号,氏名,生年月日,科目')).toBe(true);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + n.roster.reduce((a, r) => a + r.subjects.length, 0));
    for (const bytes of [new TextEncoder().encode(csv), new Uint8Array(await toXlsx(roster, values))]) {
      const read = readGrid(roster, await gridOf(bytes));
      expect(read.problems).toEqual([]);
      expect(read.errors).toEqual({});
      expect(payloadOf(fields, read.values).payload.roster).toEqual(n.roster);
    }
  });

  it('reads labels or codes for choices, blank continuation lines, and reports bad cells by cell', () => {
    const fields = fieldsOfSchema(skillCheck.events.RESULTS_RECORDED!.schema);
    const results = tableOf(fields, 'results') as Table;
    const read = readGrid(results, [
      ['訓練生番号', '受験状況', '学科解答 正答数', '実技得点', '備考'],
      ['T1', '受験', '７０', 80, ''],
      ['T2', 'absent', '', '', ''],
      ['T3', '遅刻', 'x', '', ''],
    ]);
    expect(read.values['results.0.outcome']).toBe('sat');
    expect(read.values['results.0.written.correct']).toBe('70');
    expect(read.values['results.1.outcome']).toBe('absent');
    expect(read.errors['results.2.outcome']![0]).toContain('受験状況は 受験・不測の事故による欠席・不測の事故による途中放棄・欠席 のいずれかを選んでください（ファイルの値: 「遅刻」）');
    expect(read.errors['results.2.written.correct']![0]).toContain('数字で入力してください');
    expect(read.problems[0]).toContain('「備考」');
    expect(read.rows).toBe(3);
  });
});
