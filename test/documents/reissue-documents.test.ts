/**
 * The reissue's documents: 様式28 and the reissued 修了証書 (様式27-2) for a completion certificate linked to the
 * completion exam of this system that issued it (grade and hours read from there), 様式22 and the reissued
 * 技能照査合格証書 (様式21) for an unlinked skill-check certificate after a name change. Text with pdftotext, page
 * counts with pdfinfo, PNGs with pdftoppm (test-artifacts/documents/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reissueDocuments } from '../../definitions/reissue/documents.js';
import { appFor } from '../support/http.js';
import { flat, png, readPdf, TSUKAMOTO } from '../support/pdf.js';
import { makeWorld, type World } from '../support/world.js';
import { COURSE, examinee, payload as exam } from '../machines/completion-exam-fixtures.js';
import { ALL_BUT_RESIDENCE, payload, request as holderRequest } from '../machines/reissue-fixtures.js';



let w: World;
let app: ReturnType<typeof appFor>;

const day = (iso: string, time = '10:00') => w.clock.set(`${iso}T${time}:00+09:00`);
const request = (path: string, token: string) => app.request(path, { headers: { authorization: `Bearer ${token}` } });

async function post(path: string, token: string, body: unknown) {
  const res = await app.request(path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as { id?: string; state?: string; error?: unknown };
  expect(res.status, `${path}: ${JSON.stringify(json.error)}`).toBeLessThan(300);
  return json;
}
const create = async (procedure: string, input: unknown) => (await post('/api/cases', w.users.school.token, { procedure, input })).id!;
const send = (caseId: string, token: string, type: string, data: unknown) => post(`/api/cases/${caseId}/events`, token, { type, data });

const T = flat;

/** GET a PDF, save it, return its text (flattened) and page count. */
const pdf = async (path: string, name: string, token = w.users.school.token) => readPdf(await request(path, token), name);


const available = async (caseId: string) =>
  ((await (await request(`/api/cases/${caseId}/documents`, w.users.school.token)).json()) as { documents: { form: string; available: boolean }[] }).documents
    .filter((d) => d.available)
    .map((d) => d.form);

/** A completion exam (二級, classroom, 100 hours) delivered: T1 塚本 隆 第1号 / 東京R8修-0001, T2 第2号 / 東京R8修-0002. */
async function deliveredCompletionExam(): Promise<string> {
  const { school, hq } = w.users;
  day('2026-11-02');
  const id = await create('completion-exam', { course: { ...COURSE, grade: '2級', mode: 'classroom' }, lastTrainingDay: '2027-02-27', plannedDeliveryDate: '2027-04-05' });
  const steps: [string, string, string, unknown][] = [
    ['2026-12-21', school.token, 'QUESTIONS_FILED', exam.questionsFiled()],
    ['2027-02-01', hq.token, 'REVIEW_APPROVED', {}],
    ['2027-02-10', school.token, 'QUESTIONS_SENT_TO_CENTER', {}],
    ['2027-02-27', school.token, 'RESULTS_RECORDED', { results: [{ ...examinee('T1', 80), name: TSUKAMOTO }, examinee('T2', 70), examinee('T3', null)] }],
    ['2027-03-08', school.token, 'CERT_NUMBERS_REQUESTED', {}],
    ['2027-03-09', hq.token, 'CERT_NUMBERS_ISSUED', exam.numbersIssued([['T1', '東京R8修-0001'], ['T2', '東京R8修-0002']])],
    ['2027-03-15', school.token, 'CERT_APPLICATION_FILED', exam.application('2027-04-05', [['T1', '1'], ['T2', '2']], 2)],
    ['2027-03-30', hq.token, 'CERTIFIED', { certifiedOn: '2027-03-30' }],
    ['2027-04-05', school.token, 'DELIVERED', { deliveredOn: '2027-04-05' }],
  ];
  for (const [date, token, type, data] of steps) {
    day(date);
    await send(id, token, type, data);
  }
  return id;
}

beforeAll(async () => {
  w = await makeWorld();
  app = appFor(w);
}, 180_000);

afterAll(async () => {
  await w.database.close();
});

describe('reissue documents', { timeout: 180_000 }, () => {
  it('declares the application and the reissued certificate of each certificate type, with ASCII keys', () => {
    expect(reissueDocuments.map((d) => d.form)).toEqual(['様式22', '様式28', '様式21', '様式27-2']);
    for (const d of reissueDocuments) expect(d.fileName).toMatch(/^[a-z0-9-]+$/);
  });

  it('prints 様式28 and the reissued 修了証書 (one page, 再-numbers, the date HQ gave) for a linked completion certificate', async () => {
    const { school, hq } = w.users;
    const original = await deliveredCompletionExam();
    day('2027-06-01');
    const id = await create('reissue', { originalCaseId: original, traineeId: 'T1', request: { ...holderRequest('lost'), name: TSUKAMOTO, birthDate: '1990-05-01' } });
    expect(await available(id)).toEqual([]);
    const early = await request(`/api/cases/${id}/documents/form-28.pdf`, school.token);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('document_not_available');

    day('2027-06-10');
    await send(id, hq.token, 'NUMBERS_ASSIGNED', payload.numbers());
    day('2027-06-20');
    await send(id, school.token, 'APPLICATION_FILED', payload.application(ALL_BUT_RESIDENCE, { holder: { name: TSUKAMOTO, birthDate: '1990-05-01' }, examDate: '2027-02-27', oldTokyoNumber: '東京R8修-0001' }));
    expect(await available(id)).toEqual(['様式28', '様式27-2']);
    // The skill-check forms are not this certificate's.
    expect((await request(`/api/cases/${id}/documents/form-22.pdf`, school.token)).status).toBe(404);

    const app28 = await pdf(`/api/cases/${id}/documents/form-28.pdf`, 'reissue-form-28');
    expect(app28.pages).toBe(1);
    expect(app28.text).toContain(T('〔様式28〕'));
    expect(app28.text).toContain(T('二級技能士コース短期課程の普通職業訓練修了証書再証明申請書'));
    expect(app28.text).toContain(T('職業能力開発促進法の規定に基づき令和9年2月に実施した修了時試験の合格者に紛失の理由により'));
    expect(app28.text).toContain(T('令和9年6月20日'));
    expect(app28.text).toContain(T('東京都機械職業訓練校 校長 甲野乙男'));
    expect(app28.text).toContain(T('東京都知事 殿'));
    expect(app28.text).toContain(T(`1 氏名 ${TSUKAMOTO}`));
    expect(app28.text).toContain(T('2 生年月日 平成2年5月1日'));
    expect(app28.text).toContain(T('3 訓練科名 機械系 機械加工科'));
    expect(app28.text).toContain(T('4 旧証明番号 東京R8修-0001'));
    expect(app28.text).toContain(T('5 再交付番号 再1号'));
    expect(app28.text).toContain(T('再証明番号 再東京R9-0001'));
    expect(app28.text).toContain(T('修了者名簿の写し〔様式27-1〕'));
    expect(app28.text).toContain(T('交付番号と証明番号の頭に再と記載すること'));
    png(app28.file, 'reissue-form-28-page-1');

    const cert = await pdf(`/api/cases/${id}/documents/form-27-2.pdf`, 'reissue-form-27-2');
    expect(cert.pages).toBe(1);
    expect(cert.text).toContain(T('修 了 証 書'));
    expect(cert.text).toContain(T(TSUKAMOTO));
    expect([...cert.text].some((ch) => ch === '\u{FA10}')).toBe(true);
    expect([...cert.text].some((ch) => ch === '\u{F9DC}')).toBe(true);
    expect(cert.text).toContain(T('平成2年5月1日生'));
    expect(cert.text).toContain(T('再1号'));
    expect(cert.text).toContain(T('再東京R9-0001'));
    expect(cert.text).not.toContain(T('第再'));
    expect(cert.text).not.toContain(T('東京R8修-0001'));
    expect(cert.text).toContain(T('令和9年7月10日'));
    expect(cert.text).toContain(T('二級技能士コース短期課程（総訓練時間100時間）機械系 機械加工科の普通職業訓練（施行規則別表第五第二号）'));
    expect(cert.text).toContain(T('東京都知事'));
    png(cert.file, 'reissue-form-27-2-page-1');

    const both = await pdf(`/api/cases/${id}/documents/submission/APPLICATION_FILED.pdf`, 'reissue-submission-completion');
    expect(both.pages).toBe(2);
  });

  it('prints 様式22 and the reissued 技能照査合格証書 for an unlinked skill-check certificate after a name change', async () => {
    const { school, hq } = w.users;
    day('2027-06-01');
    const id = await create('reissue', {
      certificateType: 'skill-check',
      request: holderRequest('nameChanged'),
      original: { examDate: '2027-02-10', schoolNumber: '第1号', tokyoNumber: '東京R8-0001' },
    });
    day('2027-06-10');
    await send(id, hq.token, 'NUMBERS_ASSIGNED', payload.numbers());
    day('2027-06-21');
    await send(id, school.token, 'APPLICATION_FILED', payload.application(ALL_BUT_RESIDENCE, { holder: { name: '山田 花子', formerName: '鈴木 花子', birthDate: '2005-04-02' } }));
    expect(await available(id)).toEqual(['様式22', '様式21']);
    expect((await request(`/api/cases/${id}/documents/form-27-2.pdf`, school.token)).status).toBe(404);

    const app22 = await pdf(`/api/cases/${id}/documents/form-22.pdf`, 'reissue-form-22');
    expect(app22.pages).toBe(1);
    expect(app22.text).toContain(T('技能照査合格証書再証明申請書'));
    expect(app22.text).toContain(T('職業能力開発促進法第21条の規定に基づき令和9年2月10日に実施した技能照査の合格者に、氏名変更の理由により'));
    expect(app22.text).toContain(T('令和9年6月21日'));
    expect(app22.text).toContain(T('山田 花子 〔旧氏名 鈴木 花子〕'));
    expect(app22.text).toContain(T('平成17年4月2日'));
    expect(app22.text).toContain(T('東京R8-0001'));
    expect(app22.text).toContain(T('再1号'));
    expect(app22.text).toContain(T('再東京R9-0001'));
    expect(app22.text).toContain(T('申請者名簿の写し〔様式20-3〕'));
    expect(app22.text).toContain(T('東京都知事 殿'));
    png(app22.file, 'reissue-form-22-page-1');

    const cert = await pdf(`/api/cases/${id}/documents/form-21.pdf`, 'reissue-form-21');
    expect(cert.pages).toBe(1);
    expect(cert.text).toContain(T('技能照査合格証書'));
    expect(cert.text).toContain(T('山田 花子'));
    expect(cert.text).not.toContain(T('鈴木'));
    expect(cert.text).toContain(T('再1号'));
    expect(cert.text).toContain(T('再東京R9-0001'));
    expect(cert.text).toContain(T('令和9年7月10日'));
    expect(cert.text).toContain(T('技能士補であることを証する'));
    png(cert.file, 'reissue-form-21-page-1');
  });
});
