/**
 * The completion exam's documents (様式23-1, 24, 25, 26, 27-1, 27-2) produced from a case driven through the API to
 * its certificate application: text extracted with poppler's pdftotext (fields, 和暦 dates, both numbers, rare kanji
 * kept), page counts with pdfinfo, pages rendered with pdftoppm (test-artifacts/documents/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionExamDocuments } from '../../definitions/completion-exam/documents.js';
import { appFor } from '../support/http.js';
import { flat, png, readPdf, TSUKAMOTO } from '../support/pdf.js';
import { makeWorld, type World } from '../support/world.js';
import { COURSE, payload } from '../machines/completion-exam-fixtures.js';


// 神 U+FA19 (a compatibility ideograph) and 𠮷 U+20BB7 (outside the BMP), beside TSUKAMOTO.
const KAMI = '\u{FA19}田 一郎';
const YOSHI = '\u{20BB7}野 花子';

/** 40 examinees: T38 absent, T39 fails and passes the makeup after 12 hours of 補講, T40 fails (60). */
const examinees = Array.from({ length: 40 }, (_, i) => {
  const traineeId = `T${String(i + 1).padStart(2, '0')}`;
  return {
    traineeId,
    name: i === 0 ? TSUKAMOTO : i === 1 ? KAMI : i === 2 ? YOSHI : `訓練 生徒${i + 1}`,
    birthDate: `1995-0${(i % 9) + 1}-1${i % 10}`,
    attendance: { mode: 'classroom' as const, plannedHours: 150, attendedHours: 140 },
    ...(traineeId === 'T38' ? { outcome: 'absent' as const } : { outcome: 'sat' as const, correct: traineeId === 'T39' || traineeId === 'T40' ? 60 : 70 + (i % 30) }),
  };
});
const passers = examinees.filter((e) => e.traineeId !== 'T38' && e.traineeId !== 'T40');

let w: World;
let app: ReturnType<typeof appFor>;
let caseId: string;

const day = (iso: string, time = '10:00') => w.clock.set(`${iso}T${time}:00+09:00`);
const request = (path: string, token: string) => app.request(path, { headers: { authorization: `Bearer ${token}` } });

async function send(token: string, type: string, data: unknown) {
  const res = await app.request(`/api/cases/${caseId}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type, data }),
  });
  const body = (await res.json()) as { state?: string; error?: unknown };
  expect(res.status, `${type}: ${JSON.stringify(body.error)}`).toBe(200);
  return body;
}

const T = flat;

/** GET a PDF, save it, return its text (flattened) and page count. */
const pdf = async (path: string, name: string, token = w.users.school.token) => readPdf(await request(path, token), name);


const doc = (key: string) => `/api/cases/${caseId}/documents/${key}.pdf`;

beforeAll(async () => {
  w = await makeWorld();
  app = appFor(w);
  day('2026-11-02');
  const created = await app.request('/api/cases', {
    method: 'POST',
    headers: { authorization: `Bearer ${w.users.school.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ procedure: 'completion-exam', input: { course: { ...COURSE, grade: '2級', mode: 'classroom' }, lastTrainingDay: '2027-02-27', plannedDeliveryDate: '2027-04-05' } }),
  });
  caseId = ((await created.json()) as { id: string }).id;
}, 180_000);

afterAll(async () => {
  await w.database.close();
});

describe('completion-exam documents', { timeout: 180_000 }, () => {
  it('declares every form of the manual it files or issues, with ASCII keys', () => {
    expect(completionExamDocuments.map((d) => d.form)).toEqual(['様式23-1', '様式24', '様式25', '様式26', '様式27-1', '様式27-2']);
    for (const d of completionExamDocuments) expect(d.fileName).toMatch(/^[a-z0-9-]+$/);
  });

  it('prints 様式23-1 and 様式24 once the questions are filed, and refuses the application forms before', async () => {
    const { school } = w.users;
    const notYet = await request(doc('form-23-1'), school.token);
    expect(((await notYet.json()) as { error: { code: string } }).error.code).toBe('document_not_available');

    day('2026-12-21');
    await send(school.token, 'QUESTIONS_FILED', {
      ...payload.questionsFiled(),
      representative: '会長 甲野 乙男',
      clerk: '事務 花子',
      notice: { ...payload.questionsFiled().notice, examinees: 40, plannedCompletionDate: '2027-02-27' },
    });
    const list = (await (await request(`/api/cases/${caseId}/documents`, school.token)).json()) as { documents: { form: string; available: boolean }[] };
    expect(list.documents.filter((d) => d.available).map((d) => d.form)).toEqual(['様式23-1', '様式24']);
    expect((await request(doc('form-27-2'), school.token)).status).toBe(404);

    const questions = await pdf(doc('form-23-1'), 'form-23-1');
    expect(questions.pages).toBe(1);
    expect(questions.text).toContain(T('〔様式23-1〕'));
    expect(questions.text).toContain(T('二級技能士コースの短期課程の普通職業訓練の修了時試験問題届出書'));
    expect(questions.text).toContain(T('東京都知事 殿'));
    expect(questions.text).toContain(T('令和8年12月21日'));
    expect(questions.text).toContain(T('東京都機械職業訓練校'));
    expect(questions.text).toContain(T('会長 甲野 乙男'));
    expect(questions.text).toContain(T('事務 花子'));
    expect(questions.text).toContain(T('機械系 機械加工科'));
    expect(questions.text).toContain(T('得点方式'));
    expect(questions.text).toContain(T('4 試験実施予定日 令和9年2月27日'));
    png(questions.file, 'form-23-1-page-1');

    const notice = await pdf(doc('form-24'), 'form-24');
    expect(notice.pages).toBe(1);
    expect(notice.text).toContain(T('令和8年度'));
    expect(notice.text).toContain(T('普通職業訓練の修了時試験実施届出書'));
    expect(notice.text).toContain(T('100点満点で65点以上の者を合格とする'));
    expect(notice.text).toContain(T('令和9年2月27日（土）'));
    expect(notice.text).toContain(T('9時00分 ～ 11時00分まで'));
    expect(notice.text).toContain(T('本校 第1教室'));
    expect(notice.text).toContain(T('40 人'));
    expect(notice.text).toContain(T('城南職業能力開発センター'));
    png(notice.file, 'form-24-page-1');

    const both = await pdf(`/api/cases/${caseId}/documents/submission/QUESTIONS_FILED.pdf`, 'submission-questions');
    expect(both.pages).toBe(2);
  });

  it('prints 様式25・26・27-1 and one 様式27-2 certificate per completer with both numbers', async () => {
    const { school, hq } = w.users;
    day('2027-02-01');
    await send(hq.token, 'REVIEW_APPROVED', { note: '適' });
    day('2027-02-10');
    await send(school.token, 'QUESTIONS_SENT_TO_CENTER', {});
    day('2027-02-27', '15:00');
    await send(school.token, 'RESULTS_RECORDED', { results: examinees });
    day('2027-03-01');
    await send(school.token, 'REMEDIAL_RECORDED', payload.remedial('T39', 12));
    day('2027-03-02');
    await send(school.token, 'MAKEUP_SCHEDULED', payload.makeup('2027-03-06', ['T39']));
    day('2027-03-06', '15:00');
    await send(school.token, 'MAKEUP_RESULTS_RECORDED', payload.makeupResults(['T39', 80]));
    day('2027-03-08');
    await send(school.token, 'CERT_NUMBERS_REQUESTED', {});
    day('2027-03-09');
    await send(hq.token, 'CERT_NUMBERS_ISSUED', { numbers: passers.map((p, i) => ({ traineeId: p.traineeId, tokyoNumber: `東京R8修-${String(i + 1).padStart(4, '0')}` })) });
    day('2027-03-15');
    await send(school.token, 'CERT_APPLICATION_FILED', {
      representative: '会長 甲野 乙男',
      summary: { plannedExaminees: 40, examinees: 39, passers: passers.length },
      deliveryDate: '2027-04-05',
      completers: passers.map((p, i) => ({ traineeId: p.traineeId, schoolNumber: String(201 + i) })),
    });

    const application = await pdf(doc('form-25'), 'form-25');
    expect(application.pages).toBe(1);
    expect(application.text).toContain(T('普通職業訓練の修了証書交付届出書及び証明申請書'));
    expect(application.text).toContain(T('別紙修了者名簿に掲げる者に修了証書を交付するので届け出ます'));
    expect(application.text).toContain(T('令和9年3月15日'));
    expect(application.text).toContain(T('受験予定者数'));
    expect(application.text).toContain(T('40 名'));
    expect(application.text).toContain(T('39 名'));
    expect(application.text).toContain(T(`${passers.length} 名`));
    expect(application.text).toContain(T('令和9年4月5日（月）'));
    expect(application.text).toContain(T('令和9年2月27日（土）'));
    png(application.file, 'form-25-page-1');

    const results = await pdf(doc('form-26'), 'form-26');
    expect(results.text).toContain(T('修了時試験合格判定結果連名簿'));
    expect(results.text).toContain(T(`${passers.length} 名（受験者 39 名）`));
    expect(results.text).toContain(T('140/150時間'));
    expect(results.text).toContain(T('追試験（第1回）'));
    expect(results.text).toContain(T('欠席'));
    expect(results.text).toMatch(/不合格/);
    expect(results.text).toContain(T(TSUKAMOTO));
    expect(results.text).toContain(T('平成7年1月10日'));
    expect(results.pages).toBeGreaterThanOrEqual(2);
    for (let p = 1; p <= results.pages; p++) {
      const t = results.pageText(p);
      expect(t, `page ${p}`).toContain(T('訓練生番号'));
      expect(t, `page ${p}`).toContain(T('判定'));
      expect(t, `page ${p}`).toContain(T(`${p} / ${results.pages}`));
    }
    png(results.file, 'form-26-page-2', 2);

    const register = await pdf(doc('form-27-1'), 'form-27-1');
    expect(register.text).toContain(T('二級技能士コース修了者名簿'));
    expect(register.text).toContain(T('第201号'));
    expect(register.text).toContain(T('東京R8修-0001'));
    expect(register.text).toContain(T('令和9年4月5日'));
    expect(register.text).not.toContain('T40');
    expect(register.text).not.toContain('T38');
    for (let p = 1; p <= register.pages; p++) expect(register.pageText(p), `page ${p}`).toContain(T('修了証書交付番号'));
    png(register.file, 'form-27-1-page-1');

    const certs = await pdf(doc('form-27-2'), 'form-27-2');
    expect(certs.pages).toBe(passers.length);
    const first = certs.pageText(1);
    expect(first).toContain(T('修 了 証 書'));
    expect(first).toContain(T(TSUKAMOTO));
    expect([...first].some((ch) => ch === '\u{FA10}')).toBe(true);
    expect([...first].some((ch) => ch === '\u{F9DC}')).toBe(true);
    expect(first).toContain(T('平成7年1月10日生'));
    expect(first).toContain(T('第201号'));
    expect(first).toContain(T('東京R8修-0001'));
    expect(first).not.toContain(T('第東京'));
    expect(first).toContain(T('二級技能士コース短期課程（総訓練時間150時間）機械系 機械加工科の普通職業訓練（施行規則別表第五第二号）を修了したことを証する'));
    expect(first).toContain(T('修了時試験は的確に行われたものであることを証明する'));
    expect(first).toContain(T('令和9年4月5日'));
    expect(first).toContain(T('東京都機械職業訓練校'));
    expect(first).toContain(T('会長 甲野 乙男'));
    expect(first).toContain(T('東京都知事'));
    expect(certs.pageText(2)).toContain(T(KAMI));
    expect(certs.pageText(3)).toContain(T(YOSHI));
    expect(certs.pageText(passers.length)).toContain(T(`第${200 + passers.length}号`));
    png(certs.file, 'form-27-2-page-1', 1);

    const all = await pdf(`/api/cases/${caseId}/documents/submission/CERT_APPLICATION_FILED.pdf`, 'submission-completion-application');
    expect(all.pages).toBe(application.pages + results.pages + register.pages + certs.pages);
  });

  it('serves the documents to the school, its centre and HQ; not another school', async () => {
    const { school, hq, center, farSchool } = w.users;
    for (const u of [school, hq, center]) expect((await request(doc('form-27-2'), u.token)).status).toBe(200);
    expect((await request(doc('form-27-2'), farSchool.token)).status).toBe(403);
    expect((await request(`/api/cases/${caseId}/documents/${encodeURIComponent('様式26')}.pdf`, hq.token)).status).toBe(200);
  });
});
