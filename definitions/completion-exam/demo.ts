/**
 * Completion exams for the demo data set: one from the filing to the certificates handed over (with a makeup
 * round), a case after every step, one sent back for correction and one withdrawn.
 */
import { demoCasesOf, type DemoStory } from '../common/demo-story.js';
import type { DemoCase } from '../types.js';

const representative = '一般社団法人 東京機械技能協会 会長 山田太郎';
const course = { kei: '機械', ka: '機械加工' };
const lastTrainingDay = '2027-02-27';
const input = { course: { ...course, grade: '2級', mode: 'classroom' }, lastTrainingDay, plannedDeliveryDate: '2027-04-05' };
const examinee = (traineeId: string, name: string, correct: number | null) => ({
  traineeId,
  name,
  birthDate: '1990-05-01',
  attendance: { mode: 'classroom', plannedHours: 100, attendedHours: 90 },
  ...(correct === null ? { outcome: 'absent' } : { outcome: 'sat', correct }),
});
const questionsFiled = {
  representative,
  course,
  questions: { mainQuestions: 100, makeupQuestions: 100, spareQuestions: 10, subjects: ['機械工作法', '材料'] },
  notice: { examDate: lastTrainingDay, start: '09:00', end: '11:00', place: '本校 第1教室', passMark: 65, examinees: 3, plannedCompletionDate: lastTrainingDay },
};
const filed = { on: '2026-12-10', type: 'QUESTIONS_FILED', by: 'school', data: questionsFiled } as const;

const stories: DemoStory[] = [
  {
    school: 0,
    openedOn: '2026-11-02',
    input,
    steps: [
      filed,
      { on: '2027-01-20', type: 'REVIEW_APPROVED', by: 'hq', data: { note: '適' } },
      { on: '2027-01-25', type: 'QUESTIONS_SENT_TO_CENTER', by: 'school', data: {} },
      {
        on: '2027-03-01',
        type: 'RESULTS_RECORDED',
        by: 'school',
        data: { results: [examinee('T1', '能力 一郎', 80), examinee('T2', '技能 花子', 64), examinee('T3', '訓練 三郎', null)] },
      },
      { on: '2027-03-02', type: 'MAKEUP_SCHEDULED', by: 'school', data: { date: '2027-03-09', start: '09:00', end: '11:00', place: '本校 第1教室', traineeIds: ['T3'] } },
      { on: '2027-03-09', type: 'MAKEUP_RESULTS_RECORDED', by: 'school', data: { results: [{ traineeId: 'T3', outcome: 'sat', correct: 72 }] } },
      { on: '2027-03-10', type: 'CERT_NUMBERS_REQUESTED', by: 'school', data: {} },
      { on: '2027-03-11', type: 'CERT_NUMBERS_ISSUED', by: 'hq', data: { numbers: [{ traineeId: 'T1', tokyoNumber: '東京R8修-0001' }, { traineeId: 'T3', tokyoNumber: '東京R8修-0002' }] } },
      {
        on: '2027-03-12',
        type: 'CERT_APPLICATION_FILED',
        by: 'school',
        data: {
          representative,
          summary: { plannedExaminees: 3, examinees: 3, passers: 2 },
          deliveryDate: '2027-04-05',
          completers: [{ traineeId: 'T1', schoolNumber: '第1号' }, { traineeId: 'T3', schoolNumber: '第2号' }],
        },
      },
      { on: '2027-03-25', type: 'CERTIFIED', by: 'hq', data: { certifiedOn: '2027-03-25' } },
      { on: '2027-04-05', type: 'DELIVERED', by: 'school', data: { deliveredOn: '2027-04-05' } },
    ],
  },
  {
    school: 1,
    openedOn: '2026-11-04',
    input,
    steps: [filed, { on: '2027-01-21', type: 'REVIEW_GUIDANCE', by: 'hq', data: { guidance: '問題12の表現を改めること' } }],
    stopAfter: [2],
  },
  { school: 1, openedOn: '2026-11-05', input, steps: [{ on: '2026-11-20', type: 'WITHDRAWN', by: 'school', data: { reason: '受講者不足による中止' } }], stopAfter: [1] },
];

export const completionExamDemo = ({ today }: { today: string }): DemoCase[] => demoCasesOf(stories, today);
