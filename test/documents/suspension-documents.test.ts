/**
 * The suspension's documents (様式3-1 休止届, 様式3-2 再開計画書, 様式4 廃止届) produced from a case driven
 * through the API: text extracted with poppler's pdftotext (fields, 和暦 dates, the records' custodian, rare
 * kanji kept), page counts with pdfinfo, pages rendered with pdftoppm (test-artifacts/documents/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suspensionDocuments } from '../../definitions/suspension/documents.js';
import { COURSE, payload } from '../machines/suspension-fixtures.js';
import { issueToken } from '../../src/db/directory.js';
import { appFor } from '../support/http.js';
import { flat, png, readPdf, TSUKAMOTO } from '../support/pdf.js';
import { makeWorld, type World } from '../support/world.js';


const REPRESENTATIVE = `会長 ${TSUKAMOTO}`;

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
  w = await makeWorld('2026-03-20T09:00:00+09:00');
  app = appFor(w);
  day('2026-03-25');
  const created = await app.request('/api/cases', {
    method: 'POST',
    headers: { authorization: `Bearer ${w.users.school.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ procedure: 'suspension', input: { course: COURSE, suspensionDate: '2026-04-01' } }),
  });
  expect(created.status).toBe(201);
  caseId = ((await created.json()) as { id: string }).id;
}, 180_000);

afterAll(async () => {
  await w.database.close();
});

describe('suspension documents', { timeout: 180_000 }, () => {
  it('declares 様式3-1, 3-2 and 4 with ASCII keys', () => {
    expect(suspensionDocuments.map((d) => d.form)).toEqual(['様式3-1', '様式3-2', '様式4']);
    for (const d of suspensionDocuments) expect(d.fileName).toMatch(/^[a-z0-9-]+$/);
  });

  it('prints nothing before the filing', async () => {
    const res = await request(`/api/cases/${caseId}/documents/form-3-1.pdf`, w.users.school.token);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('document_not_available');
  });

  it('prints 様式3-1 and 様式3-2 from the filing, together as its submission', async () => {
    await send(w.users.school.token, 'SUSPENSION_FILED', { ...payload.filed('2028-03-31'), representative: REPRESENTATIVE });

    const list = (await (await request(`/api/cases/${caseId}/documents`, w.users.school.token)).json()) as {
      documents: { form: string; available: boolean }[];
      submissions: { event: string; forms: string[] }[];
    };
    expect(list.documents.filter((d) => d.available).map((d) => d.form)).toEqual(['様式3-1', '様式3-2']);
    expect(list.submissions).toContainEqual(expect.objectContaining({ event: 'SUSPENSION_FILED', forms: ['様式3-1', '様式3-2'] }));

    const notice = await pdf(`/api/cases/${caseId}/documents/form-3-1.pdf`, 'form-3-1');
    expect(notice.pages).toBe(1);
    const t = notice.text;
    expect(t).toContain(T('〔様式3-1〕'));
    expect(t).toContain(T('認定職業訓練休止届'));
    expect(t).toContain(T('東京都知事 殿'));
    expect(t).toContain(T('令和8年3月25日'));
    expect(t).toContain(T('東京都機械職業訓練校'));
    expect(t).toContain(T(REPRESENTATIVE));
    expect([...t].some((ch) => ch === '\u{FA10}')).toBe(true);
    expect([...t].some((ch) => ch === '\u{F9DC}')).toBe(true);
    expect(t).toContain(T('下記のとおり休止することにしたので届け出ます'));
    expect(t).toContain(T('記'));
    expect(t).toContain(T('1 訓練の種類 普通職業訓練'));
    expect(t).toContain(T('2 訓練課程 普通課程'));
    expect(t).toContain(T('3 訓練科名 建築系 建築科'));
    expect(t).toContain(T('4 休止年月日 令和8年4月1日'));
    expect(t).toContain(T('5 休止期間 令和8年4月1日 〜 令和10年3月31日'));
    expect(t).toContain(T('6 訓練の休止理由 訓練生の応募がないため'));
    expect(t).toContain(T('管轄職業能力開発センター（城南職業能力開発センター）'));
    expect(t).toContain(T('2部（データ提出の場合除く）'));
    expect(t).toContain(T(caseId));
    png(notice.file, 'form-3-1');

    const plan = await pdf(`/api/cases/${caseId}/documents/form-3-2.pdf`, 'form-3-2');
    expect(plan.pages).toBe(1);
    expect(plan.text).toContain(T('〔様式3-2〕'));
    expect(plan.text).toContain(T('認定職業訓練再開計画書'));
    expect(plan.text).toContain(T('東京都機械職業訓練校'));
    expect(plan.text).toContain(T('〔令和8年度に休止する訓練の種類・訓練課程・訓練科名〕'));
    expect(plan.text).toContain(T('普通職業訓練 普通課程 建築系 建築科'));
    expect(plan.text).toContain(T('地域の建設業者の採用減により応募者がない'));
    expect(plan.text).toContain(T('加盟事業所への募集の働きかけを強化する'));
    expect(plan.text).toContain(T('〔再開予定年月日〕 令和10年3月31日予定'));
    png(plan.file, 'form-3-2');

    const both = await pdf(`/api/cases/${caseId}/documents/submission/SUSPENSION_FILED.pdf`, 'submission-suspension');
    expect(both.pages).toBe(2);
    expect(both.pageText(1)).toContain(T('認定職業訓練休止届'));
    expect(both.pageText(2)).toContain(T('認定職業訓練再開計画書'));
  });

  it('prints 様式4 with the custodian of the training records once the training is abolished', async () => {
    day('2026-06-20');
    await send(w.users.school.token, 'ABOLISHED', { ...payload.abolished(), abolishedOn: '2026-06-30', representative: REPRESENTATIVE });

    const abolition = await pdf(`/api/cases/${caseId}/documents/form-4.pdf`, 'form-4');
    expect(abolition.pages).toBe(1);
    const t = abolition.text;
    expect(t).toContain(T('〔様式4〕'));
    expect(t).toContain(T('認定職業訓練廃止届'));
    expect(t).toContain(T('東京都知事 殿'));
    expect(t).toContain(T('令和8年6月20日'));
    expect(t).toContain(T(REPRESENTATIVE));
    expect([...t].some((ch) => ch === '\u{FA10}')).toBe(true);
    expect(t).toContain(T('下記のとおり廃止することにしたので届け出ます'));
    expect(t).toContain(T('3 訓練科名 建築系 建築科'));
    expect(t).toContain(T('4 廃止年月日 令和8年6月30日'));
    expect(t).toContain(T('5 訓練の廃止理由 再開の見込みが立たないため'));
    expect(t).toContain(T('6 訓練関係の帳票類の引継先'));
    expect(t).toContain(T('名称 東京建築業協同組合'));
    expect(t).toContain(T('所在地 東京都品川区1-2-3'));
    expect(t).toContain(T('代表者 理事長 鈴木次郎'));
    expect(t).toContain(T('添付書類 認定書'));
    png(abolition.file, 'form-4');

    // The centre and HQ read the case, so they print it too; another region's school does not.
    for (const u of [w.users.center, w.users.hq]) expect((await request(`/api/cases/${caseId}/documents/form-4.pdf`, u.token)).status).toBe(200);
    expect((await request(`/api/cases/${caseId}/documents/form-4.pdf`, w.users.farSchool.token)).status).toBe(403);
  });

  it("prints the new fiscal year's 様式3-1・3-2 after the yearly re-filing", async () => {
    // A suspension spans years: a ten-year token outlives the world's one-year ones.
    const token = await issueToken(w.db, w.users.school.principal.userId, w.clock.now(), 3650);
    day('2026-06-21');
    const created = await app.request('/api/cases', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ procedure: 'suspension', input: { course: COURSE, suspensionDate: '2026-07-01' } }),
    });
    caseId = ((await created.json()) as { id: string }).id;
    await send(token, 'SUSPENSION_FILED', { ...payload.filed('2028-03-31', '2026-07-01'), representative: REPRESENTATIVE });
    day('2027-04-01', '09:00');
    for (let n = await w.scheduler.runOnce(); n > 0; n = await w.scheduler.runOnce());
    day('2027-04-15');
    const refiled = await send(token, 'ANNUAL_REFILED', {
      ...payload.filed('2029-03-31', '2026-07-01'),
      notice: { ...payload.filed('2029-03-31', '2026-07-01').notice, periodFrom: '2027-04-01', reason: '指導員の確保ができないため' },
      representative: REPRESENTATIVE,
    });
    expect(refiled.state).toBe('suspended.upToDate');

    const both = await pdf(`/api/cases/${caseId}/documents/submission/ANNUAL_REFILED.pdf`, 'submission-annual-refiled', token);
    expect(both.pages).toBe(2);
    const notice = both.pageText(1);
    expect(notice).toContain(T('令和9年4月15日'));
    expect(notice).toContain(T('4 休止年月日 令和8年7月1日'));
    expect(notice).toContain(T('5 休止期間 令和9年4月1日 〜 令和11年3月31日'));
    expect(notice).toContain(T('指導員の確保ができないため'));
    const plan = both.pageText(2);
    expect(plan).toContain(T('〔令和9年度に休止する訓練の種類・訓練課程・訓練科名〕'));
    expect(plan).toContain(T('令和11年3月31日予定'));
  });
});
