import { describe, expect, it } from 'vitest';
import { demoCasesOf, shiftMonths, type DemoStory } from '../../definitions/common/demo-story.js';

const story: DemoStory = {
  school: 0,
  openedOn: '2026-09-01',
  input: { fiscalYear: 2026, course: { ka: '機械加工' }, plannedExamDate: '2027-02-15' },
  steps: [
    { on: '2026-10-01', type: 'A', by: 'school', data: { date: '2026-10-05', note: '2026-10-05 です' } },
    { on: '2027-03-01', type: 'B', by: 'hq', data: {} },
  ],
};
const timeline = (cases: ReturnType<typeof demoCasesOf>) => cases.map((c) => [c.openedOn, c.events.map((e) => `${e.type}@${e.on}`)]);

describe('demo stories', () => {
  it('move every ISO date by whole months, fiscal years only by whole years, nothing else', () => {
    const value = { fiscalYear: 2026, d: '2027-03-31', s: '2026-10-05 です', n: 3, l: ['2026-04-01'] };
    expect(shiftMonths(value, -12)).toEqual({ fiscalYear: 2025, d: '2026-03-31', s: '2026-10-05 です', n: 3, l: ['2025-04-01'] });
    expect(shiftMonths(value, -1)).toEqual({ fiscalYear: 2026, d: '2027-02-28', s: '2026-10-05 です', n: 3, l: ['2026-03-01'] });
  });

  it('make a case per step: in this fiscal year when it fits the three months before today, else moved by months into the month before today', () => {
    expect(timeline(demoCasesOf([story], '2026-12-02'))).toEqual([
      ['2026-09-01', ['A@2026-10-01']],
      ['2026-06-01', ['A@2026-07-01', 'B@2026-12-01']],
      ['2026-12-01', []],
    ]);
    // On the day itself a step counts as done.
    expect(timeline(demoCasesOf([{ ...story, stopAfter: [0] }], '2026-09-01'))).toEqual([['2026-09-01', []]]);
  });

  it('move a fiscal-year story by whole years', () => {
    const cases = demoCasesOf([{ ...story, moves: 'years' }], '2026-12-02');
    expect(timeline(cases)).toEqual([
      ['2026-09-01', ['A@2026-10-01']],
      ['2025-09-01', ['A@2025-10-01', 'B@2026-03-01']],
      ['2026-09-01', []],
    ]);
    expect(cases[1]!.input).toMatchObject({ fiscalYear: 2025, plannedExamDate: '2026-02-15' });
  });

  it('seed a linked story on the same calendar, done by today too', () => {
    const [c] = demoCasesOf([{ ...story, moves: 'years', stopAfter: [1], linked: { procedure: 'x', field: 'originalCaseId', story: { ...story, openedOn: '2026-04-01' } } }], '2026-12-02');
    expect(c!.linked).toMatchObject({ procedure: 'x', field: 'originalCaseId', demo: { openedOn: '2025-04-01' } });
    expect(c!.linked!.demo.events.map((e) => e.on)).toEqual(['2025-10-01', '2026-03-01']);
    expect(c!.openedOn).toBe('2025-09-01');
  });
});
