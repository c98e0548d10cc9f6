/**
 * Dispersed-training years for the demo data set, as one story of a fiscal year (moved by whole years: the quarters
 * hang on it): two trainees of 機械加工科 at two employers, each quarter's 様式15 recorded, one trainee leaving in
 * December. The current year holds the reports due by the day the demo runs; the last finished year holds them all
 * (年度分受領済). At the second school, a year withdrawn when its dispersed training was dropped.
 */
import { addMonths, type IsoDate } from '../../src/domain/dates.js';
import { demoCasesOf, STORY_FISCAL_YEAR, type DemoStep, type DemoStory } from '../common/demo-story.js';
import type { DemoCase } from '../types.js';
import { QUARTER_MONTHS, type Quarter } from './forms.js';

const trainees = [
  { name: '山田 太郎', grade: 1, employer: '株式会社城南製作所', instructor: '甲野 一郎' },
  { name: '佐藤 花子', grade: 2, employer: '有限会社蒲田精機', instructor: '戊川 五郎' },
] as const;

/** What each employer teaches, month by month: 系基礎実技 then 専攻実技, hours planned, held and attended. */
const WORK: Record<Quarter, [string, string]> = {
  q1: ['旋盤・フライス盤の基本操作', '量産部品の旋削加工'],
  q2: ['測定器の取扱いと精密測定', 'フライス盤による平面・溝加工'],
  q3: ['NC旋盤のプログラミング', 'NC旋盤による量産部品の加工'],
  q4: ['マシニングセンタの段取り', '治具部品の製作'],
};
const month = (q: Quarter, m: number, absent: number) => ({
  month: m,
  basic: { content: WORK[q][0], planned: 40, actual: 40, attended: 40 },
  major: { content: WORK[q][1], planned: 80, actual: 80, attended: 80 - absent },
});

const report = (on: IsoDate, reportedOn: IsoDate, q: Quarter, t: 0 | 1, months = QUARTER_MONTHS[q]): DemoStep => ({
  on,
  type: 'REPORT_RECORDED',
  by: 'school',
  data: {
    quarter: q,
    traineeName: trainees[t].name,
    employer: trainees[t].employer,
    instructorName: trainees[t].instructor,
    reportedOn,
    months: months.map((m, i) => month(q, m, t === 1 && i === 0 ? 8 : 0)),
  },
});

const input = { fiscalYear: STORY_FISCAL_YEAR, course: { kei: '機械', ka: '機械加工' }, trainees: trainees.map(({ name, grade, employer }) => ({ name, grade, employer })) };

const year: DemoStory = {
  school: 0,
  openedOn: '2026-04-01',
  input,
  steps: [
    report('2026-07-08', '2026-07-06', 'q1', 0),
    report('2026-07-15', '2026-07-13', 'q1', 1),
    report('2026-10-09', '2026-10-07', 'q2', 0),
    report('2026-10-20', '2026-10-16', 'q2', 1),
    { on: '2026-12-18', type: 'TRAINEE_LEFT', by: 'school', data: { name: trainees[1].name, leftOn: '2026-12-15', reason: '家庭の事情による退校（退校願受理）' } },
    report('2027-01-13', '2027-01-08', 'q3', 0),
    report('2027-01-18', '2027-01-14', 'q3', 1),
    report('2027-03-26', '2027-03-24', 'q4', 0),
  ],
  moves: 'years',
};

/** How many of the year's steps the current fiscal year has reached by today. */
const reachedBy = (today: IsoDate, fiscalYear: number) =>
  year.steps.filter((s) => addMonths(s.on, (fiscalYear - STORY_FISCAL_YEAR) * 12) <= today).length;

export function dispersedTrainingReportDemo({ today, fiscalYear }: { today: IsoDate; fiscalYear: number }): DemoCase[] {
  const stories: DemoStory[] = [
    // The current year so far (its next quarter still to come), and the last finished year complete.
    { ...year, stopAfter: [...new Set([reachedBy(today, fiscalYear), year.steps.length])] },
    {
      school: 1,
      openedOn: '2026-04-03',
      input: { fiscalYear: STORY_FISCAL_YEAR, course: { kei: '建築', ka: '建築' }, trainees: [{ name: '鈴木 健一', grade: 1, employer: '城南工務店株式会社' }] },
      steps: [{ on: '2026-05-20', type: 'WITHDRAWN', by: 'school', data: { reason: '受入れ事業所の事情により分散訓練を取りやめ、全期間を集合訓練で行うことになったため' } }],
      stopAfter: [1],
      moves: 'years',
    },
  ];
  return demoCasesOf(stories, today);
}
