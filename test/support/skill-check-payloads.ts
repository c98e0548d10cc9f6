/** Valid skill-check payloads for engine and HTTP tests. */
export const course = { kei: '機械', ka: '機械加工' };

export const skillCheckInput = (over: Record<string, unknown> = {}) => ({
  course: { ...course, courseType: '普通課程' },
  fiscalYear: 2026,
  trainingCompletionDate: '2027-03-25',
  plannedExamDate: '2027-02-15',
  plannedDeliveryDate: '2027-03-25',
  ...over,
});

export const questionsFiled = () => ({
  representative: '甲野 乙男',
  course,
  written: { mainQuestions: 100, spareQuestions: 10, subjects: ['機械工作法', '材料'] },
  practical: { problem: '旋盤による段付き軸の製作', tools: ['ノギス', 'マイクロメータ'], scoringGuide: '寸法精度と仕上げ', criteria: '60点以上' },
});

export const roster = () => [
  { traineeId: 'T1', name: '能力 太郎', birthDate: '2005-04-02', subjects: [{ subject: '機械工作法', plannedHours: 100, attendedHours: 95 }] },
  { traineeId: 'T2', name: '髙橋 花子', birthDate: '2005-07-15', subjects: [{ subject: '機械工作法', plannedHours: 100, attendedHours: 90 }] },
  { traineeId: 'T3', name: '塚本 次郎', birthDate: '2004-12-01', subjects: [{ subject: '機械工作法', plannedHours: 100, attendedHours: 85 }] },
];

export const implementationNotice = (date = '2027-02-15', practicalDate = date) => ({
  representative: '甲野 乙男',
  course,
  written: { date, start: '09:00', end: '11:00', place: '本校 第1教室' },
  practical: { date: practicalDate, start: '13:00', end: '17:00', place: '本校 実習場' },
  expectedExaminees: 3,
  roster: roster(),
});

export const results = () => ({
  results: [
    { traineeId: 'T1', outcome: 'sat', written: { correct: 70, wrong: 12, blank: 18 }, practicalScore: 75 },
    { traineeId: 'T2', outcome: 'sat', written: { correct: 50, wrong: 40, blank: 10 }, practicalScore: 80 },
    { traineeId: 'T3', outcome: 'absent-accident' },
  ],
});
