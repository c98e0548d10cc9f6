/**
 * The change notice's document (様式2 認定職業訓練事項変更届) produced from a case driven through the API: the
 * change rows (新・旧), the certification's date and number, 和暦 dates, the latest filing after a correction,
 * rare kanji kept; pages rendered with pdftoppm (test-artifacts/documents/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificationNumber, changeNoticeDocuments } from '../../definitions/change-notice/documents.js';
import { appFor } from '../support/http.js';
import { flat, png, readPdf, TSUKAMOTO } from '../support/pdf.js';
import { makeWorld, type World } from '../support/world.js';



const filing = (reason: string) => ({
  representative: `会長 ${TSUKAMOTO}`,
  certification: { certifiedOn: '2019-04-01', number: '単第12号' },
  changes: [
    { item: 'holder', before: '会長 甲野 一郎', after: `会長 ${TSUKAMOTO}` },
    { item: 'facility', before: '東京都品川区1-2-3 東京機械職業訓練校', after: '東京都大田区4-5-6 東京機械職業訓練校' },
  ],
  changeDate: '2026-10-01',
  reason,
  operatingRulesAttached: true,
});

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
  w = await makeWorld('2026-09-01T09:00:00+09:00');
  app = appFor(w);
  const created = await app.request('/api/cases', {
    method: 'POST',
    headers: { authorization: `Bearer ${w.users.school.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ procedure: 'change-notice', input: { changeDate: '2026-10-01', items: ['holder', 'facility'] } }),
  });
  expect(created.status).toBe(201);
  caseId = ((await created.json()) as { id: string }).id;
}, 180_000);

afterAll(async () => {
  await w.database.close();
});

describe('change-notice documents', { timeout: 180_000 }, () => {
  it('declares 様式2 with an ASCII key; prints 認定番号 as entered, a bare number with 第・号', () => {
    expect(changeNoticeDocuments.map((d) => d.form)).toEqual(['様式2']);
    expect(changeNoticeDocuments[0]!.fileName).toBe('form-2');
    expect(certificationNumber('単第12号')).toBe('単第12号');
    expect(certificationNumber('12')).toBe('第12号');
    expect(certificationNumber('')).toBe('単・共第　　号');
  });

  it('prints nothing before the filing', async () => {
    const res = await request(`/api/cases/${caseId}/documents/form-2.pdf`, w.users.school.token);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('document_not_available');
  });

  it('prints 様式2 with each change as 新・旧 rows, the date and the reason', async () => {
    day('2026-09-15');
    await send(w.users.school.token, 'CHANGE_FILED', filing('役員改選による代表者の交代及び訓練施設の移転'));

    const form = await pdf(`/api/cases/${caseId}/documents/form-2.pdf`, 'form-2');
    expect(form.pages).toBe(1);
    const t = form.text;
    expect(t).toContain(T('〔様式2〕'));
    expect(t).toContain(T('認定職業訓練事項変更届'));
    expect(t).toContain(T('東京都知事 殿'));
    expect(t).toContain(T('令和8年9月15日'));
    expect(t).toContain(T('東京都機械職業訓練校'));
    expect(t).toContain(T('平成31年4月1日付 認定番号（単第12号）をもって認定された職業訓練事業'));
    expect(t).toContain(T('職業能力開発促進法施行規則第33条に基づき届け出ます'));
    expect(t).toContain(T('変更事項及びその内容'));
    expect(t).toContain(T('(1) 認定職業訓練を行う者の氏名'));
    expect(t).toContain(T(`新 会長 ${TSUKAMOTO}`));
    expect(t).toContain(T('旧 会長 甲野 一郎'));
    expect(t).toContain(T('新 東京都大田区4-5-6 東京機械職業訓練校'));
    expect(t).toContain(T('旧 東京都品川区1-2-3 東京機械職業訓練校'));
    expect(t).toContain(T('変更年月日 令和8年10月1日'));
    expect(t).toContain(T('変更理由 役員改選による代表者の交代及び訓練施設の移転'));
    expect(t).toContain(T('運営要綱等'));
    expect(t).toContain(T('管轄職業能力開発センター（城南職業能力開発センター）'));
    // The representative (filer and the new 代表者) keeps its compatibility ideographs.
    expect([...t].filter((ch) => ch === '\u{FA10}').length).toBeGreaterThanOrEqual(2);
    expect([...t].some((ch) => ch === '\u{F9DC}')).toBe(true);
    png(form.file, 'form-2');
  });

  it('prints the corrected filing after a re-filing', async () => {
    day('2026-09-17');
    await send(w.users.center.token, 'CORRECTION_REQUESTED', { points: '変更理由に役員改選の年月日を記載してください' });
    day('2026-09-18');
    await send(w.users.school.token, 'REFILED', filing('令和8年9月10日の総会における役員改選による代表者の交代及び訓練施設の移転'));

    const form = await pdf(`/api/cases/${caseId}/documents/submission/REFILED.pdf`, 'form-2-refiled', w.users.center.token);
    expect(form.pages).toBe(1);
    expect(form.text).toContain(T('令和8年9月18日'));
    expect(form.text).toContain(T('変更理由 令和8年9月10日の総会における役員改選による代表者の交代及び訓練施設の移転'));
    expect(form.text).not.toContain(T('令和8年9月15日'));
  });
});
