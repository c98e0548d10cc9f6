/** A dispersed-training year for the demo data set: two trainees at two employers, the first quarter's reports in. */
import type { DemoCase } from '../types.js';

const month = (m: number) => ({
  month: m,
  basic: { content: '旋盤・フライス盤の基本操作', planned: 40, actual: 40, attended: 40 },
  major: { content: '量産部品の加工', planned: 80, actual: 80, attended: 76 },
});

export function dispersedTrainingReportDemo({ today, fiscalYear }: { today: string; fiscalYear: number }): DemoCase[] {
  const trainees = [
    { name: '山田 太郎', grade: 1, employer: '株式会社城南製作所' },
    { name: '佐藤 花子', grade: 2, employer: '有限会社蒲田精機' },
  ];
  const report = (t: (typeof trainees)[number]) => ({
    type: 'REPORT_RECORDED',
    by: 'school' as const,
    data: { quarter: 'q1', traineeName: t.name, employer: t.employer, instructorName: '戊川 五郎', reportedOn: today, months: [month(4), month(5), month(6)] },
  });
  return [{ school: 0, input: { fiscalYear, course: { kei: '機械', ka: '機械加工' }, trainees }, events: trainees.map(report) }];
}
