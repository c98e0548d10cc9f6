/**
 * Yearly reports for the demo data set, as stories of a fiscal year (moved by whole years): at the first school (共同校
 * with 普通課程 機械加工科 and a 技能士コース) a report being drafted, one at the centre, one sent back for a wrong total
 * and accepted after re-filing; at the second school (単独校, 短期課程) a report accepted and a duplicate withdrawn. The demo opens them by hand
 * in May; the figures the engine would transcribe come from the demo's skill checks and completion exams when the
 * report is opened after them.
 */
import type { IsoDate } from '../../src/domain/dates.js';
import { demoCasesOf, type DemoStory } from '../common/demo-story.js';
import type { DemoCase } from '../types.js';
import type { ReportFiled } from './forms.js';

const education = (junior: number, high: number, college: number, university: number) => ({ junior, high, college, university });
const machining = { kei: '機械', ka: '機械加工' };
const ginoshi = { kei: '機械', ka: '機械加工', courseName: '2級技能士コース' };
/** 普通課程 機械加工科 in 様式1-1-2, 1-1-3 and 1-3; the 2級技能士コース (短期課程) in 様式1-2. */
const regularSheets = {
  currentByYear: [{ courseType: '普通課程', ...machining, year1: 10, year2: 4, year3: 0, transfers: 0, women: 2 }],
  currentByEducation: [{ ...machining, ...education(1, 12, 0, 1) }],
  previousByYear: [{ courseType: '普通課程', ...machining, year1: 5, year2: 6, year3: 0, leftForJob: 1, leftOther: 0, completers: 6 }],
  previousByEducation: [{ ...machining, ...education(1, 9, 1, 0) }],
  skillChecks: [{ ...machining, skillCheckExaminees: 6, skillCheckPassers: 5, failedWrittenOnly: 0, failedPracticalOnly: 1, failedBoth: 0 }],
  training: [{ courseType: '普通課程', ...machining, hours: 1400, testedOn: '2026-02-10', skillCheckOn: '2026-02-20' }],
} satisfies Partial<ReportFiled>;
const shortSheets = (completers: number) =>
  ({
    shortCourses: [{ courseType: '短期課程', ...ginoshi, startsOn: '2025-09-01', endsOn: '2026-01-31', hours: 120 }],
    shortTrainees: [{ ...ginoshi, ...education(0, 6, 1, 1), women: 1 }],
    shortResults: [{ ...ginoshi, leftForJob: 0, leftOther: 1, completers, examOn: '2026-01-24' }],
  }) satisfies Partial<ReportFiled>;
const none = { currentByYear: [], currentByEducation: [], previousByYear: [], previousByEducation: [], skillChecks: [], training: [], shortCourses: [], shortTrainees: [], shortResults: [] };
const report = (over: Partial<ReportFiled> = {}): ReportFiled => ({
  report: {
    representative: '理事長 甲野 一郎',
    contact: '乙川 花子（03-1234-5678）',
    industry: '26 生産用機械器具製造業',
    employees: 320,
    schoolType: 'joint',
    memberEmployers: 12,
    dispatchingEmployers: 9,
  },
  ...none,
  ...regularSheets,
  ...shortSheets(7),
  joint: { attached: true },
  ...over,
});
const wrongTotal = report(shortSheets(6));

const building = { kei: '建築', ka: '建築施工', courseName: '建築施工管理コース' };
const single = report({
  report: { representative: '代表取締役 丙山 三郎', contact: '乙川 花子（03-1234-5678）', industry: '06 総合工事業', employees: 85, schoolType: 'single' },
  ...none,
  shortCourses: [{ courseType: '短期課程', ...building, startsOn: '2025-06-01', endsOn: '2025-11-30', hours: 200 }],
  shortTrainees: [{ ...building, ...education(0, 12, 4, 4), women: 5 }],
  shortResults: [{ ...building, leftForJob: 1, leftOther: 1, completers: 18 }],
  joint: { attached: false },
});

const stories: DemoStory[] = [
  {
    school: 0,
    openedOn: '2026-05-01',
    input: { fiscalYear: 2026 },
    steps: [
      { on: '2026-05-20', type: 'REPORT_FILED', by: 'school', data: wrongTotal },
      { on: '2026-05-22', type: 'CORRECTION_REQUESTED', by: 'center', data: { points: '2級技能士コースの修了者数が修了証書の交付数（7人）と異なります。' } },
      { on: '2026-05-26', type: 'REFILED', by: 'school', data: report() },
      { on: '2026-05-29', type: 'ACCEPTED', by: 'center', data: {} },
    ],
    stopAfter: [0, 1, 2, 4],
    moves: 'years',
  },
  {
    school: 1,
    openedOn: '2026-05-01',
    input: { fiscalYear: 2026 },
    steps: [
      {
        on: '2026-05-25', type: 'REPORT_FILED', by: 'school',
        data: single,
      },
      { on: '2026-05-28', type: 'ACCEPTED', by: 'center', data: { note: '女性の訓練生数は様式1-2の合計欄（　）内にも記入してください。' } },
    ],
    stopAfter: [2],
    moves: 'years',
  },
  // A duplicate opened by hand, withdrawn.
  {
    school: 1,
    openedOn: '2026-05-02',
    input: { fiscalYear: 2026 },
    steps: [{ on: '2026-05-07', type: 'WITHDRAWN', by: 'school', data: { reason: '同じ年度の報告書を誤って二重に作成したため' } }],
    stopAfter: [1],
    moves: 'years',
  },
];

export const implementationReportDemo = ({ today }: { today: IsoDate }): DemoCase[] => demoCasesOf(stories, today);
