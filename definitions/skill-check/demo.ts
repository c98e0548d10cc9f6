/**
 * Skill checks for the demo data set: the whole life of a check (filing, review, notice, results, a makeup
 * round, numbers, 知事証明, delivery) with a case after every step, a check sent back for correction, a
 * withdrawn one, and one at the other school.
 */
import { demoCasesOf, type DemoStory } from '../common/demo-story.js';
import type { DemoCase } from '../types.js';

const representative = '甲野 乙男';
const course = { kei: '機械', ka: '機械加工' };
const subjects = (hours: number) => [
  { subject: '機械工作法', plannedHours: 100, attendedHours: hours },
  { subject: '材料', plannedHours: 50, attendedHours: Math.round(hours / 2) },
];
const roster = [
  { traineeId: 'T1', name: '能力 太郎', birthDate: '2005-04-02', subjects: subjects(95) },
  { traineeId: 'T2', name: '髙橋 花子', birthDate: '2005-07-15', subjects: subjects(90) },
  { traineeId: 'T3', name: '塚本 次郎', birthDate: '2004-12-01', subjects: subjects(85) },
];
const session = (date: string, start: string, end: string, place: string) => ({ date, start, end, place });

const questionsFiled = {
  representative,
  course,
  written: { mainQuestions: 100, spareQuestions: 10, subjects: ['機械工作法', '材料'] },
  practical: { problem: '旋盤による段付き軸の製作', tools: ['ノギス', 'マイクロメータ'], scoringGuide: '寸法精度と仕上げ', criteria: '60点以上' },
};

const input = (ka: string) => ({
  course: { kei: '機械', ka, courseType: '普通課程' },
  trainingCompletionDate: '2027-03-25',
  plannedExamDate: '2027-02-15',
  plannedDeliveryDate: '2027-03-25',
});

/** From the first draft to the certificates handed over. */
export const deliveredSkillCheck: DemoStory = {
  school: 0,
  openedOn: '2026-09-01',
  input: input('機械加工'),
  steps: [
    { on: '2026-09-28', type: 'QUESTIONS_FILED', by: 'school', data: questionsFiled },
    { on: '2026-11-10', type: 'REVIEW_APPROVED', by: 'hq', data: { note: '適' } },
    {
      on: '2027-01-06',
      type: 'IMPLEMENTATION_NOTICE_FILED',
      by: 'school',
      data: {
        representative,
        course,
        written: session('2027-02-15', '09:00', '11:00', '本校 第1教室'),
        practical: session('2027-02-15', '13:00', '17:00', '本校 実習場'),
        expectedExaminees: 3,
        roster,
      },
    },
    {
      on: '2027-02-16',
      type: 'RESULTS_RECORDED',
      by: 'school',
      data: {
        results: [
          { traineeId: 'T1', outcome: 'sat', written: { correct: 70, wrong: 12, blank: 18 }, practicalScore: 75 },
          { traineeId: 'T2', outcome: 'sat', written: { correct: 50, wrong: 40, blank: 10 }, practicalScore: 55 },
          { traineeId: 'T3', outcome: 'absent-accident' },
        ],
      },
    },
    { on: '2027-02-17', type: 'MAKEUP_NOTICE_FILED', by: 'school', data: { session: session('2027-02-26', '09:00', '12:00', '本校 実習場'), traineeIds: ['T3'], spareQuestionsUsed: 5 } },
    {
      on: '2027-02-26',
      type: 'MAKEUP_RESULTS_RECORDED',
      by: 'school',
      data: { results: [{ traineeId: 'T3', outcome: 'sat', written: { correct: 80, wrong: 10, blank: 10 }, practicalScore: 75 }] },
    },
    { on: '2027-03-01', type: 'CERT_NUMBERS_REQUESTED', by: 'school', data: {} },
    { on: '2027-03-02', type: 'CERT_NUMBERS_ISSUED', by: 'hq', data: { numbers: [{ traineeId: 'T1', tokyoNumber: '東京R8技-0001' }, { traineeId: 'T3', tokyoNumber: '東京R8技-0002' }] } },
    {
      on: '2027-03-04',
      type: 'CERT_APPLICATION_FILED',
      by: 'school',
      data: { representative, deliveryDate: '2027-03-25', applicants: [{ traineeId: 'T1', schoolNumber: '第1号' }, { traineeId: 'T3', schoolNumber: '第2号' }] },
    },
    { on: '2027-03-15', type: 'CERTIFIED', by: 'hq', data: { certifiedOn: '2027-03-15' } },
    { on: '2027-03-25', type: 'DELIVERED', by: 'school', data: { deliveredOn: '2027-03-25' } },
  ],
};

const stories: DemoStory[] = [
  deliveredSkillCheck,
  {
    school: 0,
    openedOn: '2026-09-02',
    input: input('機械製図'),
    steps: [
      { on: '2026-09-30', type: 'QUESTIONS_FILED', by: 'school', data: { ...questionsFiled, course: { kei: '機械', ka: '機械製図' } } },
      { on: '2026-11-12', type: 'REVIEW_GUIDANCE', by: 'hq', data: { guidance: '学科試験問題12の表現を改めること' } },
    ],
    stopAfter: [2],
  },
  {
    school: 1,
    openedOn: '2026-09-03',
    input: { ...input('建築'), course: { kei: '建築', ka: '建築', courseType: '普通課程' } },
    steps: [
      { on: '2026-10-01', type: 'QUESTIONS_FILED', by: 'school', data: { ...questionsFiled, course: { kei: '建築', ka: '建築' } } },
      { on: '2026-10-20', type: 'WITHDRAWN', by: 'school', data: { reason: '訓練科の廃止' } },
    ],
  },
];

export const skillCheckDemo = ({ today }: { today: string }): DemoCase[] => demoCasesOf(stories, today);
