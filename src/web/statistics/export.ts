/**
 * The statistics of one procedure and fiscal year as a table for spreadsheets: CSV (UTF-8 with BOM, Japanese
 * headers) and xlsx (exceljs). Every row says which breakdown it belongs to; when it was made is given in Tokyo
 * time in 和暦 and ISO 8601.
 */
import ExcelJS from 'exceljs';
import type { FigureDefinition, RateDefinition } from '../../../definitions/types.js';
import { tokyoDate } from '../../domain/dates.js';
import { fiscalYearLabel } from '../../domain/fiscal-year.js';
import { csvCell } from '../csv.js';
import { dateTimeJa } from '../ui/dates.js';
import { type FigureGroup, type StatisticsFilter, type StatisticsResult } from './queries.js';

export const LEVEL_JA = { total: '合計', school: '訓練校別', course: '訓練科別', center: 'センター別' } as const;

/** An instant as ISO 8601 in Tokyo time: 2026-10-01T10:00:00+09:00. */
export function isoTokyo(at: Date): string {
  return `${tokyoDate(at)}T${new Date(at.getTime() + 9 * 3600_000).toISOString().slice(11, 19)}+09:00`;
}

export interface ExportMeta {
  procedureTitle: string;
  filter: StatisticsFilter;
  centerName: string;
  schoolName: string;
  madeAt: Date;
}

export function statisticsTable(figures: FigureDefinition[], rates: RateDefinition[], result: StatisticsResult, meta: ExportMeta) {
  const header = ['年度', '区分', 'センター', '訓練校', '系', '科', '集計した案件数', 'うち完了した案件数', ...figures.map((f) => f.label), ...rates.map((r) => `${r.label}（%）`), '作成日時（和暦・東京）', '作成日時（ISO 8601）'];
  const year = `${fiscalYearLabel(meta.filter.fiscalYear)}（${meta.filter.fiscalYear}年度）`;
  const made = [dateTimeJa(meta.madeAt), isoTokyo(meta.madeAt)];
  const line = (g: FigureGroup): (string | number | null)[] => [
    year,
    LEVEL_JA[g.level],
    g.level === 'total' ? (meta.filter.centerId ? meta.centerName : 'すべて') : g.level === 'school' || g.level === 'center' ? g.centerName || '（なし）' : '',
    g.level === 'school' ? g.schoolName : g.level === 'total' ? (meta.filter.schoolId ? meta.schoolName : 'すべて') : '',
    g.family,
    g.course,
    g.cases,
    g.done,
    ...figures.map((f) => g.values[f.key] ?? 0),
    ...rates.map((r) => g.rates[r.key] ?? null),
    ...made,
  ];
  const rows = [result.total, ...result.bySchool, ...result.byCourse, ...result.byCenter].map(line);
  return { header, rows };
}

export function statisticsCsv(figures: FigureDefinition[], rates: RateDefinition[], result: StatisticsResult, meta: ExportMeta): string {
  const { header, rows } = statisticsTable(figures, rates, result, meta);
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export async function statisticsXlsx(figures: FigureDefinition[], rates: RateDefinition[], result: StatisticsResult, meta: ExportMeta, notes: string[]): Promise<Buffer> {
  const { header, rows } = statisticsTable(figures, rates, result, meta);
  const wb = new ExcelJS.Workbook();
  wb.created = meta.madeAt;
  const ws = wb.addWorksheet('集計', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = header.map((h, i) => ({ header: h, key: String(i), width: Math.max(10, Math.min(36, h.length * 2 + 2)) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (v === null ? '' : v)));
  const about = wb.addWorksheet('条件');
  about.columns = [{ key: 'k', width: 22 }, { key: 'v', width: 80 }];
  const add = (k: string, v: string) => about.addRow({ k, v });
  add('手続', meta.procedureTitle);
  add('年度', `${fiscalYearLabel(meta.filter.fiscalYear)}（${meta.filter.fiscalYear}年度）`);
  add('センター', meta.filter.centerId ? meta.centerName : 'すべて');
  add('訓練校', meta.filter.schoolId ? meta.schoolName : 'すべて');
  add('対象の案件', meta.filter.doneOnly ? '完了した案件のみ' : 'すべての案件（進行中の案件は現時点の数値）');
  add('作成日時（和暦・東京）', dateTimeJa(meta.madeAt));
  add('作成日時（ISO 8601）', isoTokyo(meta.madeAt));
  for (const n of notes) add('集計の考え方', n);
  about.getColumn('k').font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
