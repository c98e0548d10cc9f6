/**
 * The skill check's documents (様式18-1 to 21) produced from a case driven to its certificate application:
 * text extracted with poppler's pdftotext (fields, 和暦 dates, both numbers, rare kanji kept), page counts
 * with pdfinfo, pages rendered with pdftoppm (test-artifacts/documents/), and the API's access rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skillCheckDocuments } from '../../definitions/skill-check/documents.js';
import { appFor } from '../support/http.js';
import { flat, png, readPdf, TSUKAMOTO } from '../support/pdf.js';
import * as pay from '../support/skill-check-payloads.js';
import { makeWorld, type World } from '../support/world.js';


// 神 U+FA19 (a compatibility ideograph) and 𠮷 U+20BB7 (outside the BMP), beside TSUKAMOTO.
const KAMI = '\u{FA19}田 一郎';
const YOSHI = '\u{20BB7}野 花子';
const SUBJECTS = ['機械工作法', '材料', '製図', '安全衛生'];

const trainees = Array.from({ length: 40 }, (_, i) => ({
  traineeId: `T${String(i + 1).padStart(2, '0')}`,
  name: i === 0 ? TSUKAMOTO : i === 1 ? KAMI : i === 2 ? YOSHI : `訓練 生徒${i + 1}`,
  birthDate: `2005-0${(i % 9) + 1}-1${i % 10}`,
  subjects: SUBJECTS.map((subject, k) => ({ subject, plannedHours: 100 + k * 20, attendedHours: 90 + k * 18 })),
}));

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
  expect(res.status, JSON.stringify(body.error)).toBe(200);
  return body;
}

const T = flat;

/** GET a PDF, save it, return its text (flattened) and page count. */
const pdf = async (path: string, name: string, token = w.users.school.token) => readPdf(await request(path, token), name);


beforeAll(async () => {
  w = await makeWorld();
  app = appFor(w);
  const { school, hq } = w.users;
  day('2026-09-01');
  const created = await app.request('/api/cases', {
    method: 'POST',
    headers: { authorization: `Bearer ${school.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ procedure: 'skill-check', input: pay.skillCheckInput() }),
  });
  caseId = ((await created.json()) as { id: string }).id;
  day('2026-10-02');
  await send(school.token, 'QUESTIONS_FILED', pay.questionsFiled());
  day('2026-11-13');
  await send(hq.token, 'REVIEW_APPROVED', {});
}, 180_000);

afterAll(async () => {
  await w.database.close();
});

// Rendering 40 certificates and fetching them for four roles takes a while on a loaded machine.
describe('skill-check documents', { timeout: 180_000 }, () => {
  it('declares every form of the manual it files or issues, with ASCII keys', () => {
    expect(skillCheckDocuments.map((d) => d.form)).toEqual(['様式18-1', '様式19-1', '様式19-2', '様式20-1', '様式20-2', '様式20-3', '様式21']);
    for (const d of skillCheckDocuments) expect(d.fileName).toMatch(/^[a-z0-9-]+$/);
  });

  it('prints 様式18-1 once the questions are filed, and refuses forms whose filing is not made yet', async () => {
    const list = (await (await request(`/api/cases/${caseId}/documents`, w.users.school.token)).json()) as {
      documents: { form: string; available: boolean; path: string }[];
      submissions: { event: string }[];
    };
    expect(list.documents.filter((d) => d.available).map((d) => d.form)).toEqual(['様式18-1']);
    expect(list.documents.find((d) => d.form === '様式21')!.path).toBe('documents/form-21.pdf');
    expect(list.submissions.map((s) => s.event)).toEqual(['QUESTIONS_FILED']);

    const notYet = await request(`/api/cases/${caseId}/documents/form-19-2.pdf`, w.users.school.token);
    expect(notYet.status).toBe(404);
    const body = (await notYet.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('document_not_available');
    expect(body.error.message).toContain('出席状況連名簿');

    const { text } = await pdf(`/api/cases/${caseId}/documents/form-18-1.pdf`, 'form-18-1');
    expect(text).toContain(T('技能照査試験問題等届出書'));
    expect(text).toContain(T('東京都知事 殿'));
    expect(text).toContain(T('令和8年10月2日'));
    expect(text).toContain(T('東京都機械職業訓練校'));
    expect(text).toContain(T('甲野 乙男'));
    expect(text).toContain(T('機械系 機械加工科'));
    expect(text).toContain(T('2分の1減点法'));
    // The footer names the case, its version and when it was produced (和暦 and ISO, Tokyo time).
    expect(text).toContain(T(caseId));
    expect(text).toMatch(/第\d+版のデータから作成/);
    expect(text).toContain(T('令和8年11月13日 10:00（2026-11-13T10:00:00+09:00）'));
  });

  it('prints 様式19-1 and a 40-trainee 様式19-2 spanning pages with the header on each', async () => {
    const { school } = w.users;
    day('2027-01-05');
    await send(school.token, 'IMPLEMENTATION_NOTICE_FILED', { ...pay.implementationNotice('2027-02-15'), expectedExaminees: 40, roster: trainees });

    const notice = await pdf(`/api/cases/${caseId}/documents/form-19-1.pdf`, 'form-19-1');
    expect(notice.text).toContain(T('技能照査実施届出書'));
    expect(notice.text).toContain(T('令和9年1月5日'));
    expect(notice.text).toContain(T('令和9年2月15日　9時00分から 11時00分まで'));
    expect(notice.text).toContain(T('13時00分から 17時00分まで'));
    expect(notice.text).toContain(T('本校 実習場'));
    expect(notice.text).toContain(T('40 名'));
    expect(notice.text).toContain(T('城南職業能力開発センター'));
    expect(notice.pages).toBe(1);

    const roster = await pdf(`/api/cases/${caseId}/documents/form-19-2.pdf`, 'form-19-2');
    expect(roster.pages).toBeGreaterThanOrEqual(2);
    for (let p = 1; p <= roster.pages; p++) {
      const t = roster.pageText(p);
      expect(t, `page ${p}`).toContain(T('訓練生番号'));
      expect(t, `page ${p}`).toContain(T('機械工作法'));
      expect(t, `page ${p}`).toContain(T(`${p} / ${roster.pages}`));
      expect(t, `page ${p}`).toContain(T(caseId));
    }
    expect(roster.text).toContain(T(TSUKAMOTO));
    expect(roster.text).toContain(T(KAMI));
    expect(roster.text).toContain(T(YOSHI));
    expect(roster.text).toContain(T('T40'));
    expect(roster.text).toContain(T('平成17年1月10日'));
    expect(roster.text).toContain(T('90/100'));
    png(roster.file, 'form-19-2-page-1', 1);
    png(roster.file, 'form-19-2-page-2', 2);

    // Both forms of the submission as one PDF.
    const both = await pdf(`/api/cases/${caseId}/documents/submission/IMPLEMENTATION_NOTICE_FILED.pdf`, 'submission-notice');
    expect(both.pages).toBe(notice.pages + roster.pages);
    expect(both.pageText(1)).toContain(T('技能照査実施届出書'));
    expect(both.pageText(2)).toContain(T('出席状況連名簿'));
  });

  it('prints 様式20-1・20-2・20-3 and one 様式21 certificate per passer with both numbers', async () => {
    const { school, hq } = w.users;
    day('2027-02-16');
    const failed = new Set(['T39', 'T40']);
    await send(school.token, 'RESULTS_RECORDED', {
      results: trainees.map((t) => ({
        traineeId: t.traineeId,
        outcome: 'sat',
        written: failed.has(t.traineeId) ? { correct: 50, wrong: 40, blank: 10 } : { correct: 70, wrong: 12, blank: 18 },
        practicalScore: 75,
      })),
    });
    await send(school.token, 'CERT_NUMBERS_REQUESTED', {});
    const passers = trainees.filter((t) => !failed.has(t.traineeId));
    await send(hq.token, 'CERT_NUMBERS_ISSUED', { numbers: passers.map((t, i) => ({ traineeId: t.traineeId, tokyoNumber: String(8001 + i) })) });
    day('2027-03-05');
    await send(school.token, 'CERT_APPLICATION_FILED', {
      representative: '会長 甲野 乙男',
      deliveryDate: '2027-03-25',
      applicants: passers.map((t, i) => ({ traineeId: t.traineeId, schoolNumber: String(101 + i) })),
    });

    const application = await pdf(`/api/cases/${caseId}/documents/form-20-1.pdf`, 'form-20-1');
    expect(application.text).toContain(T('技能照査合格証明申請書'));
    expect(application.text).toContain(T('施行規則第35条の三第2項'));
    expect(application.text).toContain(T('令和9年3月5日'));
    expect(application.text).toContain(T('38 人'));
    expect(application.text).toContain(T('令和9年3月25日'));
    expect(application.text).toContain(T('会長 甲野 乙男'));

    const results = await pdf(`/api/cases/${caseId}/documents/form-20-2.pdf`, 'form-20-2');
    expect(results.text).toContain(T('技能照査合格判定結果連名簿'));
    expect(results.text).toContain(T('合格者数'));
    expect(results.text).toMatch(/不合格/);
    expect(results.text).toContain(T(TSUKAMOTO));

    const register = await pdf(`/api/cases/${caseId}/documents/form-20-3.pdf`, 'form-20-3');
    expect(register.text).toContain(T('技能照査合格証明申請者名簿'));
    expect(register.text).toContain(T('第101号'));
    expect(register.text).toContain(T('第8001号'));
    expect(register.text).not.toContain('T40');

    const certs = await pdf(`/api/cases/${caseId}/documents/form-21.pdf`, 'form-21');
    expect(certs.pages).toBe(passers.length);
    const first = certs.pageText(1);
    expect(first).toContain(T('技能照査合格証書'));
    expect(first).toContain(T('普通課程の普通職業訓練'));
    expect(first).toContain(T('機械系 機械加工科'));
    expect(first).toContain(T(TSUKAMOTO));
    expect([...first].some((ch) => ch === '\u{FA10}')).toBe(true);
    expect([...first].some((ch) => ch === '\u{F9DC}')).toBe(true);
    expect(first).toContain(T('平成17年1月10日生'));
    expect(first).toContain(T('第101号'));
    expect(first).toContain(T('第8001号'));
    expect(first).toContain(T('令和9年3月25日'));
    expect(first).toContain(T('技能士補であることを証する'));
    expect(first).toContain(T('東京都知事'));
    expect(first).toContain(T('会長 甲野 乙男'));
    expect(certs.pageText(2)).toContain(T(KAMI));
    expect(certs.pageText(3)).toContain(T(YOSHI));
    expect(certs.pageText(38)).toContain(T('第138号'));
    png(certs.file, 'form-21-page-1', 1);

    const all = await pdf(`/api/cases/${caseId}/documents/submission/CERT_APPLICATION_FILED.pdf`, 'submission-application');
    expect(all.pages).toBe(application.pages + results.pages + register.pages + certs.pages);
  });

  it('serves the documents to whoever may read the case: the school, its centre, HQ; not another school', async () => {
    const { school, hq, center, farSchool, neighbour, analyst } = w.users;
    const path = `/api/cases/${caseId}/documents/form-21.pdf`;
    for (const u of [school, hq, center, analyst]) {
      const res = await request(path, u.token);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toContain('filename="form-21.pdf"');
    }
    expect((await request(path, farSchool.token)).status).toBe(403);
    expect((await request(path, neighbour.token)).status).toBe(403);
    expect((await request(`/api/cases/${caseId}/documents`, farSchool.token)).status).toBe(403);
    expect((await app.request(path)).status).toBe(401);

    const unknown = await request(`/api/cases/${caseId}/documents/form-99.pdf`, hq.token);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('document_not_found');
    expect((await request(`/api/cases/${caseId}/documents/submission/NOPE.pdf`, hq.token)).status).toBe(404);
    expect((await request('/api/cases/00000000-0000-4000-8000-000000000000/documents/form-21.pdf', hq.token)).status).toBe(404);
    // The form id, URL-encoded, is a key too.
    expect((await request(`/api/cases/${caseId}/documents/${encodeURIComponent('様式21')}.pdf`, hq.token)).status).toBe(200);
  });

  it('lists the documents in the OpenAPI document', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown>; 'x-documents': Record<string, { key: string }[]> };
    expect(doc.paths['/api/cases/{id}/documents/{form}.pdf']).toBeDefined();
    expect(doc.paths['/api/cases/{id}/documents/submission/{event}.pdf']).toBeDefined();
    expect(doc['x-documents']['skill-check']!.map((d) => d.key)).toContain('form-21');
  });
});
