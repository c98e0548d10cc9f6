/**
 * Suspensions for the demo data set. Time drives this procedure, so some cases are dated from the day the demo
 * runs (a notice being drafted, one filed today: up to date), others from stories that cross the start of a
 * fiscal year (re-filing owed; a 職業訓練法人 — the second demo school — under review after a year without
 * training, then continued or revoked), and the ends: resumed, abolished, withdrawn.
 */
import { addDays, type IsoDate } from '../../src/domain/dates.js';
import { demoCasesOf, type DemoStep, type DemoStory } from '../common/demo-story.js';
import type { DemoCase } from '../types.js';

const course = { trainingType: '普通職業訓練', courseType: '普通課程', kei: '建築', ka: '建築' };
const representative = '城南建築職業訓練協会 会長 佐藤一郎';

const filed = (suspensionDate: IsoDate, plannedResumptionDate: IsoDate) => ({
  representative,
  notice: { course, suspensionDate, periodFrom: suspensionDate, periodTo: plannedResumptionDate, reason: '訓練生の応募がないため' },
  plan: { situation: '地域の建設業者の採用減により応募者がない', measures: '加盟事業所への募集の働きかけを強化する', plannedResumptionDate },
});

const open = (school: 0 | 1, steps: DemoStep[], stopAfter?: number[]): DemoStory => ({
  school,
  openedOn: '2026-03-20',
  input: { course, suspensionDate: '2026-04-01' },
  steps: [{ on: '2026-03-25', type: 'SUSPENSION_FILED', by: 'school', data: filed('2026-04-01', '2028-03-31') }, ...steps],
  moves: 'years',
  ...(stopAfter ? { stopAfter } : {}),
});
const inspection = (on: IsoDate) => ({ on, type: 'INSPECTION_RECORDED', by: 'center', data: { inspectedOn: on, findings: '訓練設備は保全されている' } }) as const;

const stories: DemoStory[] = [
  // The new fiscal year has begun since the filing: this year's 様式3-1・3-2 is owed.
  open(0, [inspection('2026-04-20')], [2]),
  open(0, [{ on: '2026-10-01', type: 'RESUMED', by: 'school', data: { resumedOn: '2026-10-01' } }], [2]),
  open(
    0,
    [
      {
        on: '2026-06-20',
        type: 'ABOLISHED',
        by: 'school',
        data: {
          representative,
          course,
          abolishedOn: '2026-06-30',
          reason: '再開の見込みが立たないため',
          custodian: { name: '東京建築業協同組合', address: '東京都品川区1-2-3', representative: '理事長 鈴木次郎' },
        },
      },
    ],
    [2],
  ),
  // A 職業訓練法人 a year without training: HQ's review, then continued; another one revoked.
  open(1, [inspection('2027-04-12'), { on: '2027-04-20', type: 'REVIEW_CONTINUED', by: 'hq', data: { reason: '具体的な再開計画が提出されたため' } }], [2, 3]),
  open(1, [inspection('2027-04-12'), { on: '2027-04-26', type: 'REVOKED', by: 'hq', data: { revokedOn: '2027-04-26', reason: '1年を超えて訓練を行っていないため' } }], [3]),
  { school: 0, openedOn: '2026-05-10', input: { course, suspensionDate: '2026-06-01' }, steps: [{ on: '2026-05-12', type: 'WITHDRAWN', by: 'school', data: { reason: '休止を取りやめたため' } }], stopAfter: [1], moves: 'years' },
];

export function suspensionDemo({ today, fiscalYear }: { today: IsoDate; fiscalYear: number }): DemoCase[] {
  const suspensionDate = addDays(today, 30);
  const endOfNextYear = `${fiscalYear + 1 + (suspensionDate >= `${fiscalYear + 1}-04-01` ? 1 : 0)}-03-31`;
  return [
    // Dated today: one being drafted, one filed (up to date for this fiscal year).
    { school: 0, input: { course, suspensionDate }, events: [] },
    { school: 0, input: { course, suspensionDate }, events: [{ type: 'SUSPENSION_FILED', by: 'school', data: filed(suspensionDate, endOfNextYear) }] },
    ...demoCasesOf(stories, today),
  ];
}
