/**
 * The yearly report's documents (様式1-1-1, 1-1-2, 1-1-3, 1-2, 1-3). A report of a 共同校 (普通課程 機械加工科 and a
 * 2級技能士コース) driven through the API prints every sheet it consists of (1-1-1 once per 訓練課程), with 和暦 dates;
 * the same filing on a case whose engine transcribed last year's skill check and completion exam prints the
 * transcribed figures marked ※ with their cases, and a figure the school changed unmarked, with the transcribed
 * value under the sheet (rendered from the machine's context: the world holds no such cases). Text extracted
 * with poppler's pdftotext, pages rendered with pdftoppm (test-artifacts/documents/).
 */
import { describe, expect, it } from 'vitest';
import { implementationReportDocuments } from '../../definitions/implementation-report/documents.js';
import { renderPdf } from '../../src/documents/render-pdf.js';
import { E, report, run, skillCheck, SINGLE, NO_REGULAR } from '../machines/implementation-report-fixtures.js';
import { useDocumentCase, type DocumentCase } from '../support/document-case.js';
import { flat, png, readPdf, TSUKAMOTO } from '../support/pdf.js';

const REPRESENTATIVE = `理事長 ${TSUKAMOTO}`;
const REPORT = report({ report: { ...report().report, representative: REPRESENTATIVE } });

let w: DocumentCase['w'];
let caseId: string;
let day: DocumentCase['day'];
let request: DocumentCase['request'];
let doc: DocumentCase['doc'];
let pdf: DocumentCase['pdf'];
let send: DocumentCase['send'];
useDocumentCase({ now: '2027-05-01T09:00:00+09:00', openOn: '2027-05-06', procedure: 'implementation-report', input: { fiscalYear: 2027 } }, (c) => ({ w, caseId, day, request, doc, pdf, send } = c));
const T = flat;


/** One document rendered from a machine context, as the shell would, read back like the API's. */
async function rendered(key: string, context: unknown, name: string) {
  const d = implementationReportDocuments.find((x) => x.fileName === key)!;
  const facts = { schoolName: '東京都機械職業訓練校', centerName: '城南職業能力開発センター', caseId: 'case-transcribed', version: 2, producedAt: '2027-05-20T01:00:00.000Z' };
  expect(d.available(context as never)).toBe(true);
  const bytes = await renderPdf([{ title: d.title, layout: d.layout(context as never, facts) }], { caseId: facts.caseId, version: facts.version, producedAt: new Date(facts.producedAt) });
  return readPdf(new Response(new Uint8Array(bytes), { headers: { 'content-type': 'application/pdf' } }), name);
}


describe('implementation-report documents', { timeout: 180_000 }, () => {
  it('declares 様式1-1-1, 1-1-2, 1-1-3, 1-2 and 1-3 with ASCII keys', () => {
    expect(implementationReportDocuments.map((d) => d.form)).toEqual(['様式1-1-1', '様式1-1-2', '様式1-1-3', '様式1-2', '様式1-3']);
    for (const d of implementationReportDocuments) expect(d.fileName).toMatch(/^[a-z0-9-]+$/);
  });

  it('prints nothing before the report is filed', async () => {
    const res = await request(doc('form-1-1-1'), w.users.school.token);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('document_not_available');
  });

  it('prints every sheet of the filing, and all of them as the submission', async () => {
    day('2027-05-20');
    await send('REPORT_FILED', REPORT);

    const head = await pdf('form-1-1-1', 'form-1-1-1');
    expect(head.pages).toBe(2);
    for (const n of [1, 2]) {
      const t = head.pageText(n);
      expect(t).toContain(T('〔様式1-1-1〕（年間実施状況1-1）'));
      expect(t).toContain(T('認定職業訓練実施状況報告書（施行規則第35条の4）'));
      expect(t).toContain(T('令和9年4月30日現在における認定職業訓練の実施状況を下記のとおり報告します。'));
      expect(t).toContain(T('令和9年5月20日'));
      expect(t).toContain(T('（名称） 東京都機械職業訓練校'));
      expect(t).toContain(T(`（職・氏名） ${REPRESENTATIVE}`));
      expect(t).toContain(T('乙川 花子（03-1234-5678）'));
      expect(t).toContain(T('事業の種類（産業分類中分類） 26 生産用機械器具製造業 常用労働者数 320人'));
      expect(t).toContain(T('構成事業主数 12社 訓練生派遣事業主数 9社'));
      expect(t).toContain(T('職業訓練施設の名称及び所在地'));
      expect(t).toContain(T('提出する様式 様式1-1-1・様式1-1-2・様式1-1-3・様式1-2・様式1-3・様式1-4'));
      expect(t).toContain(T('管轄職業能力開発センター（城南職業能力開発センター）'));
      expect(t).toContain(T(caseId));
    }
    expect(head.pageText(1)).toContain(T('訓練課程ごとに提出 専門 ○普通 短期'));
    expect(head.pageText(2)).toContain(T('訓練課程ごとに提出 専門 普通 ○短期'));
    expect([...head.text].some((ch) => ch === '\u{FA10}')).toBe(true);
    png(head.file, 'form-1-1-1');

    const current = await pdf('form-1-1-2', 'form-1-1-2');
    expect(current.pages).toBe(1);
    const c = current.text;
    expect(c).toContain(T('〔様式1-1-2〕（年間実施状況1-2）'));
    expect(c).toContain(T('令和9年4月30日現在の職業訓練実施状況'));
    expect(c).toContain(T('職業訓練の種類 普通職業訓練（ ）'));
    expect(c).toContain(T('訓練課程 普通課程 中・高卒'));
    expect(c).toContain(T('訓練科名 機械系 機械加工科'));
    expect(c).toContain(T('第1年度 10'));
    expect(c).toContain(T('第2年度 4'));
    expect(c).toContain(T('合計 14（①1）（②2）'));
    expect(c).toContain(T('中学卒 1'));
    expect(c).toContain(T('高校卒 12'));
    png(current.file, 'form-1-1-2');

    const previous = await pdf('form-1-1-3', 'form-1-1-3');
    expect(previous.pages).toBe(1);
    const p = previous.text;
    expect(p).toContain(T('〔様式1-1-3〕（年間実施状況1-3）'));
    expect(p).toContain(T('令和8年度（令和8年4月1日から令和9年3月31日まで）に実施した職業訓練について記入すること'));
    expect(p).toContain(T('第1年度 5'));
    expect(p).toContain(T('第2年度 6'));
    expect(p).toContain(T('離職者 1'));
    expect(p).toContain(T('修了者数 6'));
    expect(p).toContain(T('技能照査受験者数 6'));
    expect(p).toContain(T('技能照査合格者数 4'));
    expect(p).toContain(T('技能照査合格率 66.7%'));
    expect(p).toContain(T('学科のみ 0'));
    expect(p).toContain(T('実技のみ 1'));
    expect(p).toContain(T('学科及び実技 1'));
    // Nothing was transcribed: no figure is marked.
    expect(p).not.toContain('※');
    png(previous.file, 'form-1-1-3');

    const short = await pdf('form-1-2', 'form-1-2');
    expect(short.pages).toBe(1);
    const s = short.text;
    expect(s).toContain(T('〔様式1-2〕（年間実施状況2）'));
    expect(s).toContain(T('(2) 普通職業訓練（短期課程）及び高度職業訓練（専門短期課程）'));
    // A row: the cells' first lines, then their second and third (pdftotext keeps the rows' lines).
    expect(s).toContain(T('普通職業訓練 短期課程 機械系 機械加工科 自 令和8年9月1日 0 6 1 1 8（1） 0 1 7 令和9年'));
    expect(s).toContain(T('至 令和9年1月31日'));
    expect(s).toContain(T('1月24日'));
    expect(s).toContain(T('120時間'));
    expect(s).toContain(T('（2級技能士コース）'));
    expect(s).toContain(T('合計 0 6 1 1 8（1） 0 1 7'));
    expect(s).not.toContain('※');
    png(short.file, 'form-1-2');

    const training = await pdf('form-1-3', 'form-1-3');
    expect(training.pages).toBe(1);
    const r = training.text;
    expect(r).toContain(T('〔様式1-3〕（年間実施状況3）'));
    expect(r).toContain(T('2 訓練実施状況'));
    for (const row of ['普通学科', '系基礎学科', '専攻学科', '系基礎（集合）', '専攻（集合）', '系基礎（分散）', '専攻（分散）']) expect(r).toContain(T(row));
    expect(r).toContain(T('合計 1400'));
    expect(r).toContain(T('普通学科 令和9年 令和9年'));
    expect(r).toContain(T('2月10日 2月20日'));
    png(training.file, 'form-1-3');

    const all = await readPdf(await request(`/api/cases/${caseId}/documents/submission/REPORT_FILED.pdf`, w.users.school.token), 'submission-report-filed');
    expect(all.pages).toBe(6);
    expect(all.pageText(3)).toContain(T('〔様式1-1-2〕'));
    expect(all.pageText(6)).toContain(T('〔様式1-3〕'));

    for (const u of [w.users.center, w.users.hq]) expect((await request(doc('form-1-1-1'), u.token)).status).toBe(200);
    expect((await request(doc('form-1-1-1'), w.users.farSchool.token)).status).toBe(403);
  });

  it('prints a 単独校 with short courses only: 1-1-1 and 1-2, the other sheets not available', async () => {
    day('2027-05-22');
    await send('CORRECTION_REQUESTED', { points: '単独校として提出してください。' }, w.users.center.token);
    day('2027-05-26');
    await send('REFILED', report({ ...SINGLE, ...NO_REGULAR }));

    const head = await pdf('form-1-1-1', 'form-1-1-1-single');
    expect(head.pages).toBe(1);
    expect(head.text).toContain(T('訓練課程ごとに提出 専門 普通 ○短期'));
    expect(head.text).toContain(T('構成事業主数 —（単独校） 訓練生派遣事業主数 —'));
    expect(head.text).toContain(T('提出する様式 様式1-1-1・様式1-2'));
    for (const key of ['form-1-1-2', 'form-1-1-3', 'form-1-3']) expect((await request(doc(key), w.users.school.token)).status).toBe(404);
    expect((await request(doc('form-1-2'), w.users.school.token)).status).toBe(200);
  });

  it('marks the figures transcribed from last year\'s cases ※, names the cases, and lists a figure the school changed', async () => {
    // The engine passed last year's skill check (6 examinees, 4 passers) and completion exam (7 completers).
    const kept = run([E.filed('2027-05-20', report())]).context;
    const previous = await rendered('form-1-1-3', kept, 'form-1-1-3-transcribed');
    const p = previous.text;
    expect(p).toContain(T('技能照査受験者数 6※'));
    expect(p).toContain(T('技能照査合格者数 4※'));
    expect(p).toContain(T('技能照査合格率 66.7%'));
    expect(p).toContain(T('学科のみ 0※'));
    expect(p).toContain(T('実技のみ 1※'));
    expect(p).toContain(T('学科及び実技 1※'));
    // Figures the school filled itself are not marked.
    expect(p).toContain(T('修了者数 6 技能照査受験者数'));
    expect(p).toContain(T('※印は、既存の案件から転記し、そのまま報告した数値です。'));
    expect(p).toContain(T('転記元 機械系 機械加工科 既存の案件から転記: 機械系 機械加工科 技能照査（普通課程）'));
    expect(p).not.toContain(T('転記した数値との違い'));
    png(previous.file, 'form-1-1-3-transcribed');

    const short = await rendered('form-1-2', kept, 'form-1-2-transcribed');
    expect(short.text).toContain(T('0 1 7※ 令和9年'));
    expect(short.text).toContain(T('転記元 機械系 機械加工科 既存の案件から転記: 機械系 機械加工科 2級技能士コース 修了時試験'));
    png(short.file, 'form-1-2-transcribed');

    // The school corrected the passers (5, one fewer 実技のみ) and the completers (6).
    const changed = run([E.filed('2027-05-20', report({ skillChecks: [skillCheck({ skillCheckPassers: 5, failedPracticalOnly: 0 })], shortResults: [{ kei: '機械', ka: '機械加工', courseName: '2級技能士コース', leftForJob: 0, leftOther: 1, completers: 6, examOn: '2027-01-24' }] }))]).context;
    const edited = (await rendered('form-1-1-3', changed, 'form-1-1-3-edited')).text;
    expect(edited).toContain(T('技能照査受験者数 6※'));
    expect(edited).toContain(T('技能照査合格者数 5 技能照査合格率 83.3%'));
    expect(edited).toContain(T('実技のみ 0 学科及び実技 1※'));
    expect(edited).toContain(T('転記した数値との違い 機械系 機械加工科: 技能照査合格者数 転記 4人 → 報告 5人'));
    expect(edited).toContain(T('転記した数値との違い 機械系 機械加工科: 技能照査不合格者数（実技のみ） 転記 1人 → 報告 0人'));
    const editedShort = (await rendered('form-1-2', changed, 'form-1-2-edited')).text;
    expect(editedShort).toContain(T('0 1 6 令和9年'));
    expect(editedShort).toContain(T('転記した数値との違い 機械系 機械加工科: 修了者数 転記 7人 → 報告 6人'));
  });
});
