/** Skill-check cases for the demo data set: one drafting, one under HQ review, one preparing at the other school. */
import { addMonths } from '../../src/domain/dates.js';
import type { DemoCase } from '../types.js';

export function skillCheckDemo({ fiscalYear }: { fiscalYear: number }): DemoCase[] {
  // Completion at the end of the fiscal year the demo runs in; exam a month before it.
  const completion = `${fiscalYear + 1}-03-19`;
  const input = (kei: string, ka: string) => ({
    course: { kei, ka, courseType: '普通課程' },
    fiscalYear,
    trainingCompletionDate: completion,
    plannedExamDate: addMonths(completion, -1),
  });
  return [
    { school: 0, input: input('機械', '機械加工'), events: [] },
    {
      school: 0,
      input: input('機械', '機械製図'),
      events: [
        {
          type: 'QUESTIONS_FILED',
          by: 'school',
          data: {
            representative: '甲野 乙男',
            course: { kei: '機械', ka: '機械製図' },
            written: { mainQuestions: 100, spareQuestions: 10, subjects: ['製図', '材料'] },
            practical: { problem: '部品図の作成', tools: ['製図用具一式'], scoringGuide: '寸法記入と投影', criteria: '60点以上' },
          },
        },
      ],
    },
    { school: 1, input: input('建築', '建築'), events: [] },
  ];
}
