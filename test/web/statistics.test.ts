/**
 * HQ statistics over HTTP against a hand-counted data set driven through the engine (test/web/statistics-world.ts):
 * totals, per school, per course, per centre and 合格率 under the filters; the CSV and the xlsx (parsed back with
 * exceljs); the charts; who may see them. PGlite by default, PostgreSQL with TEST_PG_URL.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, webWorld } from './harness.js';
import { seedStatistics } from './statistics-world.js';

let t: Awaited<ReturnType<typeof webWorld>>;
let hq: Awaited<ReturnType<typeof signIn>>;
let ids: Record<string, string>;

beforeAll(async () => {
  t = await webWorld('2026-09-01T09:00:00+09:00');
  ids = await seedStatistics(t.w);
  hq = await signIn(t.app, t.mailer, 'hq@example.test');
}, 120_000);
afterAll(async () => {
  await t.w.database.close();
});

/** The numbers of a table's rows: row header -> figure key -> text. */
function table(html: string, level: string) {
  const body = new RegExp(`<table class="cards stat-table" data-level="${level}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  const out: Record<string, Record<string, string>> = {};
  for (const [, row] of body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
    const head = /<th scope="row"[^>]*>([^<]*)<\/th>/.exec(row!)?.[1];
    if (!head) continue;
    out[head] = Object.fromEntries([...row!.matchAll(/data-(?:figure|rate)="([^"]+)" class="num">([^<]*)</g)].map((m) => [m[1], m[2]]));
  }
  return out;
}
const totals = (html: string) =>
  Object.fromEntries([...html.matchAll(/<li data-(?:figure|rate)="([^"]+)"><span class="k">[^<]*<\/span><span class="v">([^<]*)<\/span>/g)].map((m) => [m[1], m[2]]));

describe('statistics pages', () => {
  it('lists the procedures that declare figures, linked from the navigation', async () => {
    const page = await hq.get('/statistics');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<a href="/statistics">統計</a>');
    const listed = [...page.text.matchAll(/<tr data-procedure="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(listed).toEqual(t.w.registry.list().filter((d) => d.statistics).map((d) => d.id).sort());
    expect(listed).toEqual(expect.arrayContaining(['completion-exam', 'skill-check']));
    expect(page.text).toContain('受検者数、合格者数、学科試験不合格者数');
  });

  it('sums a fiscal year: totals, per school, per course, per centre and the pass rate', async () => {
    const page = await hq.get('/statistics/skill-check?fy=2026');
    expect(page.status).toBe(200);
    expect(page.text).toContain('統計：技能照査（令和8年度（2026年度））');
    // A + B + E; C withdrawn and D under review have no figures; F is 2025.
    expect(totals(page.text)).toEqual({ examinees: '9', passers: '4', failedWritten: '2', failedPractical: '3', makeups: '1', revocations: '1', certificates: '1', passRate: '44.4%' });
    expect(page.text).toContain('data-coverage="3/5"');
    expect(table(page.text, 'school')).toEqual({
      東京都機械職業訓練校: { examinees: '5', passers: '1', failedWritten: '2', failedPractical: '2', makeups: '1', revocations: '1', certificates: '1', passRate: '20.0%' },
      城南建築職業訓練校: { examinees: '2', passers: '1', failedWritten: '0', failedPractical: '1', makeups: '0', revocations: '0', certificates: '0', passRate: '50.0%' },
      城北塗装職業訓練校: { examinees: '2', passers: '2', failedWritten: '0', failedPractical: '0', makeups: '0', revocations: '0', certificates: '0', passRate: '100.0%' },
    });
    expect(Object.keys(table(page.text, 'course'))).toEqual(['機械系 機械加工科', '建築系 建築科', '電気系 電気工事科']);
    expect(table(page.text, 'course')['機械系 機械加工科']).toMatchObject({ examinees: '5', passers: '1', makeups: '1', revocations: '1' });
    expect(table(page.text, 'course')['電気系 電気工事科']).toMatchObject({ examinees: '2', passers: '2', passRate: '100.0%' });
    expect(table(page.text, 'center')).toEqual({
      城南職業能力開発センター: { examinees: '7', passers: '2', failedWritten: '2', failedPractical: '3', makeups: '1', revocations: '1', certificates: '1', passRate: '28.6%' },
      城北職業能力開発センター: { examinees: '2', passers: '2', failedWritten: '0', failedPractical: '0', makeups: '0', revocations: '0', certificates: '0', passRate: '100.0%' },
    });
    expect(page.text).toContain('合格率＝合格者数÷受検者数');
  });

  it('filters by fiscal year, centre and done cases', async () => {
    const y2025 = await hq.get('/statistics/skill-check?fy=2025');
    expect(totals(y2025.text)).toMatchObject({ examinees: '2', passers: '1' });
    const south = await hq.get(`/statistics/skill-check?fy=2026&center=${t.w.orgs.center.id}`);
    expect(totals(south.text)).toMatchObject({ examinees: '7', passers: '2', passRate: '28.6%' });
    expect(Object.keys(table(south.text, 'school'))).toEqual(['城南建築職業訓練校', '東京都機械職業訓練校']);
    const done = await hq.get('/statistics/skill-check?fy=2026&done=1');
    expect(totals(done.text)).toMatchObject({ examinees: '5', passers: '1', certificates: '1' });
    // Without a year: the latest year with cases.
    const latest = await hq.get('/statistics/skill-check');
    expect(latest.text).toContain('令和8年度（2026年度）');
    const empty = await hq.get('/statistics/skill-check?fy=2030');
    expect(empty.status).toBe(200);
    expect(totals(empty.text)).toMatchObject({ examinees: '0', passRate: '—' });
  });

  it('filters by school: its total and per-course figures, kept in the exports; the school list follows the centre', async () => {
    const school = t.w.orgs.school.id;
    const page = await hq.get(`/statistics/skill-check?fy=2026&school=${school}`);
    expect(page.status).toBe(200);
    expect(totals(page.text)).toMatchObject({ examinees: '5', passers: '1', makeups: '1', revocations: '1', passRate: '20.0%' });
    expect(Object.keys(table(page.text, 'school'))).toEqual(['東京都機械職業訓練校']);
    expect(Object.keys(table(page.text, 'course'))).toEqual(['機械系 機械加工科']);
    expect(page.text).toContain('合計（東京都機械職業訓練校）');
    expect(page.text).toContain(`<option value="${school}" selected="">東京都機械職業訓練校</option>`);
    expect(page.text).toContain(`figures.csv?fy=2026&amp;school=${school}`);
    const csv = await t.app.request(`/statistics/skill-check/figures.csv?fy=2026&school=${school}`, { headers: { cookie: hq.cookie } });
    const total = (await csv.text()).split('\r\n')[1]!.slice(1, -1).split('","');
    expect(total.slice(1, 4)).toEqual(['合計', 'すべて', '東京都機械職業訓練校']);
    // Under the 城北 centre only its schools are offered.
    const north = await hq.get(`/statistics/skill-check?fy=2026&center=${t.w.orgs.otherCenter.id}`);
    const offered = [.../<select id="s-school" name="school">([\s\S]*?)<\/select>/.exec(north.text)![1]!.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(offered).not.toContain(school);
    expect(offered.length).toBeGreaterThan(1);
  });

  it('counts the completion exam: two makeup rounds, completers once delivered, a withdrawn case left out', async () => {
    const page = await hq.get('/statistics/completion-exam?fy=2026');
    expect(totals(page.text)).toEqual({ examinees: '3', passers: '2', makeups: '2', revocations: '0', completers: '2', passRate: '66.7%' });
    expect(page.text).toContain('data-coverage="1/2"');
  });

  it('draws a bar chart per figure and the pass rate, per school or per centre', async () => {
    const page = await hq.get('/statistics/skill-check?fy=2026');
    const charts = [...page.text.matchAll(/<figure data-chart="([^"]+)">/g)].map((m) => m[1]);
    expect(charts).toEqual(['examinees', 'passers', 'failedWritten', 'failedPractical', 'makeups', 'revocations', 'certificates', 'passRate']);
    const chart = (html: string, key: string) => new RegExp(`<figure data-chart="${key}">([\\s\\S]*?)</figure>`).exec(html)![1]!;
    const bars = (svg: string) => [...svg.matchAll(/<g class="bar" data-label="([^"]+)" data-value="([^"]*)">/g)].map((m) => [m[1], m[2]]);
    expect(bars(chart(page.text, 'examinees'))).toEqual([['東京都機械職業訓練校', '5'], ['城南建築職業訓練校', '2'], ['城北塗装職業訓練校', '2']]);
    expect(chart(page.text, 'examinees')).toContain('data-max="5"');
    expect(chart(page.text, 'passRate')).toContain('data-scale="percent"');
    expect(bars(chart(page.text, 'passRate'))[0]).toEqual(['城北塗装職業訓練校', '100']);
    const byCenter = await hq.get('/statistics/skill-check?fy=2026&by=center');
    expect(bars(chart(byCenter.text, 'examinees'))).toEqual([['城南職業能力開発センター', '7'], ['城北職業能力開発センター', '2']]);
    expect(byCenter.text).toContain('aria-current="true">センター別');
  });

  it('exports the CSV: UTF-8 with BOM, Japanese headers, each breakdown, Tokyo-time creation in 和暦 and ISO', async () => {
    const res = await t.app.request('/statistics/skill-check/figures.csv?fy=2026', { headers: { cookie: hq.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="skill-check-statistics-2026.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n').map((l) => l.slice(1, -1).split('","'));
    expect(lines[0]).toEqual([
      '年度', '区分', 'センター', '訓練校', '系', '科', '集計した案件数', 'うち完了した案件数',
      '受検者数', '合格者数', '学科試験不合格者数', '実技試験不合格者数', '追試験等の受検者数', '合格取消し者数', '合格証書交付数',
      '合格率（%）', '作成日時（和暦・東京）', '作成日時（ISO 8601）',
    ]);
    expect(lines[1]).toEqual(['令和8年度（2026年度）', '合計', 'すべて', 'すべて', '', '', '3', '1', '9', '4', '2', '3', '1', '1', '1', '44.4', '令和9年4月10日 (2027-04-10) 10:30', '2027-04-10T10:30:00+09:00']);
    expect(lines.filter((l) => l[1] === '訓練校別').map((l) => [l[2], l[3], l[8]])).toEqual([
      ['城南職業能力開発センター', '城南建築職業訓練校', '2'],
      ['城北職業能力開発センター', '城北塗装職業訓練校', '2'],
      ['城南職業能力開発センター', '東京都機械職業訓練校', '5'],
    ]);
    expect(lines.filter((l) => l[1] === '訓練科別').map((l) => [l[4], l[5], l[8]])).toEqual([['機械系', '機械加工科', '5'], ['建築系', '建築科', '2'], ['電気系', '電気工事科', '2']]);
    expect(lines.filter((l) => l[1] === 'センター別').map((l) => [l[2], l[8], l[15]])).toEqual([['城南職業能力開発センター', '7', '28.6'], ['城北職業能力開発センター', '2', '100']]);
  });

  it('exports the xlsx, read back with exceljs: numbers as numbers, and the conditions sheet', async () => {
    const res = await t.app.request('/statistics/skill-check/figures.xlsx?fy=2026&center=' + t.w.orgs.center.id, { headers: { cookie: hq.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('集計')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(8, 16)).toEqual(['受検者数', '合格者数', '学科試験不合格者数', '実技試験不合格者数', '追試験等の受検者数', '合格取消し者数', '合格証書交付数', '合格率（%）']);
    const total = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(total.slice(0, 4)).toEqual(['令和8年度（2026年度）', '合計', '城南職業能力開発センター', 'すべて']);
    expect(total.slice(8, 16)).toEqual([7, 2, 2, 3, 1, 1, 1, 28.6]);
    expect(total[17]).toBe('2027-04-10T10:30:00+09:00');
    const about = wb.getWorksheet('条件')!;
    const pairs = new Map<string, string>();
    about.eachRow((r) => void (!pairs.has(String(r.getCell(1).value)) && pairs.set(String(r.getCell(1).value), String(r.getCell(2).value))));
    expect(pairs.get('手続')).toBe('技能照査');
    expect(pairs.get('センター')).toBe('城南職業能力開発センター');
    expect(pairs.get('作成日時（和暦・東京）')).toBe('令和9年4月10日 (2027-04-10) 10:30');
    expect(pairs.get('集計の考え方')).toContain('案件の年度ごとに合計');
  });

  it('is for HQ, analysts and admins: schools and centres get a Japanese 403 page, and no link', async () => {
    for (const email of ['analyst@example.test', 'admin@example.test']) {
      const v = await signIn(t.app, t.mailer, email);
      expect((await v.get('/statistics/skill-check?fy=2026')).status).toBe(200);
      expect((await v.get('/statistics')).text).toContain('<a href="/statistics">統計</a>');
    }
    for (const email of ['school@example.test', 'center@example.test']) {
      const v = await signIn(t.app, t.mailer, email);
      for (const path of ['/statistics', '/statistics/skill-check', '/statistics/skill-check/figures.csv', '/statistics/skill-check/figures.xlsx']) {
        const page = await v.get(path);
        expect(page.status, `${email} ${path}`).toBe(403);
        expect(page.text).toContain('この画面は');
      }
      expect((await v.get('/')).text).not.toContain('href="/statistics"');
    }
    const anonymous = await t.app.request('/statistics');
    expect(anonymous.status).toBe(303);
  });

  it('answers 400 for bad filters and 404 for a procedure without figures', async () => {
    expect((await hq.get('/statistics/skill-check?fy=R8')).status).toBe(400);
    expect((await hq.get('/statistics/skill-check?center=nope')).status).toBe(400);
    expect((await hq.get('/statistics/skill-check?by=course')).status).toBe(400);
    const badSchool = await hq.get('/statistics/skill-check?school=nope');
    expect(badSchool.status).toBe(400);
    expect(badSchool.text).toContain('訓練校の指定が正しくありません');
    expect((await hq.get('/statistics/skill-check?school=00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await hq.get('/statistics/no-such-procedure')).status).toBe(404);
    const without = t.w.registry.list().find((d) => !d.statistics)!;
    const page = await hq.get(`/statistics/${without.id}`);
    expect(page.status).toBe(404);
    expect(page.text).toContain('集計する数値がありません');
  });
});
