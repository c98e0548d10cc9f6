/**
 * Supervision visits for the demo data set, opened by the visiting office: two visits planned ahead (an
 * 実施団体・事業所調査 moved to a later day), then stories on the calendar: a 訓練事務指導 with findings (a case after
 * every step: planned, report owed, report being checked, done), an 経理事務指導 without findings, a 職業訓練法人調査
 * by HQ at the 職業訓練法人 with a 再指導 (the school's second report owed), and a cancelled 訓練実施状況調査.
 */
import { addDays, type IsoDate } from '../../src/domain/dates.js';
import { demoCasesOf, type DemoStory } from '../common/demo-story.js';
import type { DemoCase } from '../types.js';

const CENTRE_VISITORS = '城南職業能力開発センター 訓練課 丙野 三郎、丁川 四子';
const HQ_VISITORS = '産業労働局 雇用就業部 能力開発課 認定訓練担当 戊田 五郎';

const stories: DemoStory[] = [
  {
    school: 0,
    openedBy: 'center',
    openedOn: '2026-09-01',
    input: { kind: 'trainingAffairs', plannedOn: '2026-10-27' },
    steps: [
      {
        on: '2026-10-29',
        type: 'VISIT_RECORDED',
        by: 'center',
        data: {
          visitedOn: '2026-10-27',
          visitors: CENTRE_VISITORS,
          checked: '訓練管理帳票類（職業訓練指導員・講師名簿、訓練日誌、訓練生出席簿、訓練生指導要録）',
          findings: [
            { matter: '訓練日誌（様式8）の記入漏れ', instruction: '毎訓練日に指導員が記入し、校長が確認すること' },
            { matter: '訓練生出席簿（様式9）の押印漏れ', instruction: '出席簿を毎日確認し、押印すること' },
          ],
          followUpBy: '2026-11-27',
        },
      },
      {
        on: '2026-11-16',
        type: 'IMPROVEMENT_REPORTED',
        by: 'school',
        data: { improvements: '訓練日誌と出席簿を毎訓練日の終わりに指導員と校長が確認する手順を定め、10月分の記入漏れを補いました', improvedOn: '2026-11-10' },
      },
      { on: '2026-11-20', type: 'FOLLOW_UP_CONFIRMED', by: 'center', data: { note: '11月分の訓練日誌・出席簿で改善を確認しました' } },
    ],
  },
  {
    school: 1,
    openedBy: 'center',
    openedOn: '2026-08-20',
    input: { kind: 'accounting', plannedOn: '2026-09-15' },
    steps: [
      {
        on: '2026-09-17',
        type: 'VISIT_RECORDED',
        by: 'center',
        data: { visitedOn: '2026-09-15', visitors: CENTRE_VISITORS, checked: '補助金の経理関係帳票類（支出負担の記録、領収書、補助対象経費の内訳）', findings: [] },
      },
    ],
    stopAfter: [1],
  },
  {
    school: 1,
    openedBy: 'hq',
    openedOn: '2026-08-03',
    input: { kind: 'corporation', plannedOn: '2026-09-08' },
    steps: [
      {
        on: '2026-09-10',
        type: 'VISIT_RECORDED',
        by: 'hq',
        data: {
          visitedOn: '2026-09-08',
          visitors: HQ_VISITORS,
          checked: '定款、理事会・総会の議事録、役員名簿、事業報告書及び決算書類',
          findings: [{ matter: '令和7年度の事業報告書が総会で承認されていない', instruction: '総会を開催して事業報告書の承認を受け、議事録を整備すること' }],
          followUpBy: '2026-10-09',
        },
      },
      {
        on: '2026-10-06',
        type: 'IMPROVEMENT_REPORTED',
        by: 'school',
        data: { improvements: '臨時総会の開催日を決め、招集の手続きを始めました', improvedOn: '2026-10-01' },
      },
      {
        on: '2026-10-13',
        type: 'FURTHER_FOLLOW_UP',
        by: 'hq',
        data: { instruction: '臨時総会で事業報告書の承認を受けた後、その議事録の写しを添えて報告すること', followUpBy: '2026-11-30' },
      },
    ],
    stopAfter: [3],
  },
  {
    school: 0,
    openedBy: 'center',
    openedOn: '2026-06-10',
    input: { kind: 'trainingSurvey', plannedOn: '2026-07-07' },
    steps: [{ on: '2026-07-01', type: 'CANCELLED', by: 'center', data: { reason: '訓練日程の変更により、当日の実技訓練が休講となったため' } }],
    stopAfter: [1],
  },
];

export function supervisionDemo({ today }: { today: IsoDate }): DemoCase[] {
  return [
    // Planned ahead: a 訓練実施状況調査 at the 職業訓練法人; an 実施団体・事業所調査 moved to a later day.
    { school: 1, openedBy: 'center', input: { kind: 'trainingSurvey', plannedOn: addDays(today, 12) }, events: [] },
    {
      school: 0,
      openedBy: 'center',
      input: { kind: 'organisation', plannedOn: addDays(today, 5) },
      events: [{ type: 'VISIT_RESCHEDULED', by: 'center', data: { plannedOn: addDays(today, 19), reason: '訓練校の理事会の日程と重なるため' } }],
    },
    ...demoCasesOf(stories, today),
  ];
}
