/**
 * The yearly plan's documents (事業計画1-1・1-2, 様式6-1, 7-1, 7-2, 7-3) produced from a plan driven through the API:
 * a 普通課程 of two 学年, a 2級技能士コース that also files 様式7-3, and a 短期課程 by correspondence. Text extracted
 * with poppler's pdftotext (one sheet per 訓練課程 or 学年 or コース, 和暦 dates, the circled choices, the planned
 * trainees), page counts with pdfinfo, pages rendered with pdftoppm (test-artifacts/documents/).
 */
import { describe, expect, it } from 'vitest';
import { annualPlanDocuments } from '../../definitions/annual-plan/documents.js';
import { course, FUTSU2, GINOSHI, plan } from '../machines/annual-plan-fixtures.js';
import { useDocumentCase, type DocumentCase } from '../support/document-case.js';
import { flat, png, readPdf, TSUKAMOTO } from '../support/pdf.js';

const REPRESENTATIVE = `理事長 ${TSUKAMOTO}`;
const GINOSHI_73 = { ...GINOSHI, sheets: [...GINOSHI.sheets, 'form7-3' as const] };
const BUILDING = course({ courseType: 'tanki', kei: '建築', ka: '建築施工', courseName: '建築施工管理コース', correspondence: true, startsOn: '2026-06-01', endsOn: '2026-11-30', trainees: 20 });
const PLAN = plan({ representative: REPRESENTATIVE, courses: [FUTSU2, GINOSHI_73, BUILDING] });

let w: DocumentCase['w'];
let caseId: string;
let day: DocumentCase['day'];
let request: DocumentCase['request'];
let doc: DocumentCase['doc'];
let pdf: DocumentCase['pdf'];
let send: DocumentCase['send'];
useDocumentCase({ now: '2026-03-25T09:00:00+09:00', openOn: '2026-04-01', procedure: 'annual-plan', input: { fiscalYear: 2026 } }, (c) => ({ w, caseId, day, request, doc, pdf, send } = c));
const T = flat;



describe('annual-plan documents', { timeout: 180_000 }, () => {
  it('declares 事業計画1-1・1-2 and 様式6-1・7-1・7-2・7-3 with ASCII keys', () => {
    expect(annualPlanDocuments.map((d) => d.form)).toEqual(['事業計画1-1', '事業計画1-2', '様式6-1', '様式7-1', '様式7-2', '様式7-3']);
    for (const d of annualPlanDocuments) expect(d.fileName).toMatch(/^[a-z0-9-]+$/);
  });

  it('prints nothing before the plan is filed', async () => {
    const res = await request(doc('plan-1-1'), w.users.school.token);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('document_not_available');
  });

  it('prints every sheet of the filing, per 訓練課程, 学年 and コース, and all of them as the submission', async () => {
    day('2026-04-20');
    await send('PLAN_FILED', PLAN);

    const list = (await (await request(`/api/cases/${caseId}/documents`, w.users.school.token)).json()) as {
      documents: { form: string; available: boolean }[];
      submissions: { event: string; forms: string[] }[];
    };
    expect(list.documents.every((d) => d.available)).toBe(true);
    expect(list.submissions).toContainEqual(expect.objectContaining({ event: 'PLAN_FILED', forms: ['事業計画1-1', '事業計画1-2', '様式6-1', '様式7-1', '様式7-2', '様式7-3'] }));

    // 事業計画1-1: one sheet for 普通, one for 短期 (技能士コース and 短期課程), each with its 訓練課程 circled.
    const p11 = await pdf('plan-1-1', 'plan-1-1');
    expect(p11.pages).toBe(2);
    for (const n of [1, 2]) {
      const t = p11.pageText(n);
      expect(t).toContain(T('（事業計画1-1）'));
      expect(t).toContain(T('認定職業訓練事業計画書'));
      expect(t).toContain(T('令和8年度における認定職業訓練に係る事業計画を下記のとおり定めたので届け出ます。'));
      expect(t).toContain(T('令和8年4月1日'));
      expect(t).toContain(T('東京都知事 殿'));
      expect(t).toContain(T('（名称） 東京都機械職業訓練校'));
      expect(t).toContain(T(`（職・氏名） ${REPRESENTATIVE}`));
      expect(t).toContain(T('乙川 花子（03-1234-5678）'));
      expect(t).toContain(T('1 団体・事業所の概要 ○共同校 構成事業主数'));
      expect(t).toContain(T('単独校 資本金又は出資額'));
      expect(t).toContain(T('○③ 希望なし'));
      expect(t).not.toContain(T('○① 補助金希望'));
      expect(t).toContain(T('管轄職業能力開発センター（城南職業能力開発センター）'));
      expect(t).toContain(T(caseId));
    }
    expect(p11.pageText(1)).toContain(T('訓練課程ごとに提出 専門 ○普通 短期'));
    expect(p11.pageText(2)).toContain(T('訓練課程ごとに提出 専門 普通 ○短期'));
    expect([...p11.text].some((ch) => ch === '\u{FA10}')).toBe(true);
    png(p11.file, 'plan-1-1');

    // 事業計画1-2: 3 今年度訓練生数 per 訓練課程 with 和暦 periods; the short courses a row per 科 with their コース数.
    const p12 = await pdf('plan-1-2', 'plan-1-2');
    expect(p12.pages).toBe(2);
    const futsu = p12.pageText(1);
    expect(futsu).toContain(T('令和8年度 認定職業訓練事業計画書（普通）'));
    expect(futsu).toContain(T('3 今年度訓練生数'));
    // Each cell's second line (学年数, the period's end) comes out on the row's second line of text.
    expect(futsu).toContain(T('普通課程 機械系 機械加工科 令和8年4月7日 12 — — （2年制） 〜令和9年3月25日'));
    expect(futsu).toContain(T('合計 12'));
    expect(futsu).toContain(T('学年別の人数は、事業計画書の提出内容にないため記入してください'));
    for (const section of ['4 集合訓練を行う場所の名称等', '5 指導員・講師数（分散訓練担当者を除く。）', '6 技能照査', '実施予定：あり・なし', '7 前年度計画との変更点']) expect(futsu).toContain(T(section));
    const short = p12.pageText(2);
    expect(short).toContain(T('短期課程 機械系 機械加工科 令和8年9月1日 8 — — — 8 （技能士コース） （1コース） 〜令和9年1月31日'));
    expect(short).toContain(T('短期課程 建築系 建築施工科 令和8年6月1日 20 — — — 20 （1コース） 〜令和8年11月30日'));
    expect(short).toContain(T('合計 28'));
    png(p12.file, 'plan-1-2', 1);
    png(p12.file, 'plan-1-2-short', 2);

    // 様式6-1: a sheet per 学年 of the 2年制 普通課程.
    const f61 = await pdf('form-6-1', 'form-6-1');
    expect(f61.pages).toBe(2);
    for (const n of [1, 2]) {
      const t = f61.pageText(n);
      expect(t).toContain(T('〔様式6-1〕'));
      expect(t).toContain(T(`令和8年度 訓練計画・実績表（${n}年生）`));
      expect(t).toContain(T('普通課程 機械系 機械加工科 東京都機械職業訓練校'));
      expect(t).toContain(T('訓練科目 4月 5月 6月 7月 8月 9月 10月 11月 12月 1月 2月 3月 合計 実施率'));
      for (const row of ['普通学科', '系基礎学科', '専攻学科', '集合実技', '分散訓練', '小計', '実施率']) expect(t).toContain(T(row));
    }
    expect(f61.pageText(2)).toContain(T('事業計画4-1・4-2（2年生）'));
    png(f61.file, 'form-6-1');

    // 様式7-1: a 総括表 per 科, every planned コース with its 日程 and 訓練生数 (計画).
    const f71 = await pdf('form-7-1', 'form-7-1');
    expect(f71.pages).toBe(2);
    expect(f71.pageText(1)).toContain(T('〔様式7-1〕（事業計画7）'));
    expect(f71.pageText(1)).toContain(T('令和8年度 訓練計画・実績表（総括表）'));
    expect(f71.pageText(1)).toContain(T('普通職業訓練（短期課程）（技能士コース） 機械系 機械加工科'));
    expect(f71.pageText(1)).toContain(T('1 2級技能士コース 令和8年9月1日 〜 8 内・外 〜令和9年1月31日 計 8'));
    expect(f71.pageText(2)).toContain(T('普通職業訓練（短期課程） 建築系 建築施工科'));
    expect(f71.pageText(2)).toContain(T('1 建築施工管理コース 令和8年6月1日 〜 20 内・外 （通信制） 〜令和8年11月30日 計 20'));
    png(f71.file, 'form-7-1');

    // 様式7-2: an 教程表 per コース; 様式7-3 for the コース that files it.
    const f72 = await pdf('form-7-2', 'form-7-2');
    expect(f72.pages).toBe(2);
    expect(f72.pageText(1)).toContain(T('〔様式7-2〕（事業計画8）'));
    expect(f72.pageText(1)).toContain(T('令和8年度 訓練計画・実績表（教程表）'));
    expect(f72.pageText(1)).toContain(T('（コース名） 2級技能士コース 短期課程（技能士コース） 機械系 機械加工科（令和8年9月1日〜令和9年1月31日）'));
    expect(f72.pageText(1)).toContain(T('日 日 H H 8人'));
    expect(f72.pageText(1)).toContain(T('上記訓練を実施したことを確認した。'));
    expect(f72.pageText(2)).toContain(T('建築施工管理コース（通信制）'));
    expect(f72.pageText(2)).toContain(T('20人'));
    png(f72.file, 'form-7-2');
    const f73 = await pdf('form-7-3', 'form-7-3');
    expect(f73.pages).toBe(1);
    expect(f73.text).toContain(T('〔様式7-3〕（事業計画9）'));
    expect(f73.text).toContain(T('令和8年度 訓練計画・実績表（教程表続き）'));
    expect(f73.text).toContain(T('（コース名）2級技能士コース'));
    png(f73.file, 'form-7-3');

    const all = await readPdf(await request(`/api/cases/${caseId}/documents/submission/PLAN_FILED.pdf`, w.users.school.token), 'submission-plan-filed');
    expect(all.pages).toBe(p11.pages + p12.pages + f61.pages + f71.pages + f72.pages + f73.pages);
    expect(all.pageText(5)).toContain(T('〔様式6-1〕'));
    expect(all.pageText(7)).toContain(T('〔様式7-1〕'));
  });

  it('prints the re-filed plan after a correction; the centre and HQ print it too, another region does not', async () => {
    day('2026-04-22');
    await send('CORRECTION_REQUESTED', { points: '補助金の交付希望を確認してください。' }, w.users.center.token);
    day('2026-04-27');
    await send('REFILED', plan({ representative: REPRESENTATIVE, subsidy: 'subsidy', schoolType: 'single', courses: [course({ courseType: 'futsu', years: 1, trainees: 9 }, 'subsidy')] }));

    const p11 = await pdf('plan-1-1', 'plan-1-1-refiled');
    expect(p11.pages).toBe(1);
    expect(p11.text).toContain(T('訓練課程ごとに提出 専門 ○普通 短期'));
    expect(p11.text).toContain(T('○単独校'));
    expect(p11.text).toContain(T('○① 補助金希望'));
    expect(p11.text).not.toContain(T('○③ 希望なし'));
    const p12 = await pdf('plan-1-2', 'plan-1-2-refiled');
    // A 1年制 course: its trainees are all 1年生.
    expect(p12.text).toContain(T('普通課程 機械系 機械加工科 令和8年4月7日 9 9 — — — （1年制） 〜令和9年3月25日'));
    const f61 = await pdf('form-6-1', 'form-6-1-refiled');
    expect(f61.pages).toBe(1);
    expect(f61.text).toContain(T('令和8年度 訓練計画・実績表'));
    expect(f61.text).not.toContain(T('訓練計画・実績表（1年生）'));
    expect((await request(doc('form-7-1'), w.users.school.token)).status).toBe(404);

    for (const u of [w.users.center, w.users.hq]) expect((await request(doc('plan-1-1'), u.token)).status).toBe(200);
    expect((await request(doc('plan-1-1'), w.users.farSchool.token)).status).toBe(403);
  });
});
