/**
 * Abolitions for the demo data set, at the second demo school (a 職業訓練法人 closing some of its 訓練科): a planned
 * abolition being drafted and a notice filed today (at the centre), then stories on the calendar: a notice sent
 * back for correction, re-filed and accepted; another sent back and not yet re-filed; one withdrawn before the
 * receipt because the training goes on. Each concerns its own 訓練科: an open abolition of a 科 blocks another.
 */
import { addDays, type IsoDate } from '../../src/domain/dates.js';
import { demoCasesOf, type DemoStory } from '../common/demo-story.js';
import type { DemoCase } from '../types.js';
import type { AbolishedTraining } from './forms.js';

const training = (kei: string, ka: string): AbolishedTraining => ({ trainingType: '普通職業訓練', courseType: '普通課程', kei, ka });
const painting = training('塗装', '建築塗装');
const plastering = training('左官・タイル施工', '左官');
const tiling = training('左官・タイル施工', 'タイル施工');
const carpentry = training('建築', '建築大工');
const blockwork = training('建築', 'ブロック建築');

const representative = '会長 甲野 一郎';
const custodian = { name: '東京都建設職業訓練協会', address: '東京都品川区東品川1-2-3', representative: '理事長 乙山 二郎' };

const custodianPoints = (ka: string) =>
  `${ka}の訓練関係の帳票類の引継先に、廃止により閉鎖する訓練校の所在地が記載されています。保存年限まで保存する引継先の名称・所在地・代表者を記載し、再提出してください。`;

/** 様式4 as the school files it. */
const filing = (trainings: AbolishedTraining[], abolishedOn: IsoDate, over: Record<string, unknown> = {}) => ({
  representative,
  certification: { certifiedOn: '2010-04-01', number: '共第8号' },
  trainings,
  abolishedOn,
  reason: '訓練生の確保が困難となり、訓練の継続の見込みがないため',
  custodian,
  certificateAttached: true,
  subsidyUsed: false,
  ...over,
});

const stories: DemoStory[] = [
  // The custodian's address left as the school's own, which closes: sent back, re-filed with the association's, accepted.
  {
    school: 1,
    openedOn: '2026-09-14',
    input: { trainings: [plastering], abolishedOn: '2026-09-30' },
    steps: [
      { on: '2026-10-05', type: 'ABOLITION_FILED', by: 'school', data: filing([plastering], '2026-09-30', { subsidyUsed: true }) },
      { on: '2026-10-07', type: 'CORRECTION_REQUESTED', by: 'center', data: { points: custodianPoints('左官科') } },
      {
        on: '2026-10-16',
        type: 'REFILED',
        by: 'school',
        data: filing([plastering], '2026-09-30', { subsidyUsed: true, reason: '訓練生の確保が困難となり、令和8年9月の理事会で左官科の廃止を決定したため' }),
      },
      { on: '2026-10-21', type: 'ACCEPTED', by: 'center', data: { certificateReceivedOn: '2026-10-16', note: '補助金で整備した設備の取扱いは別途ご相談ください。' } },
    ],
    stopAfter: [4],
  },
  // The same correction for another 訓練科, not yet re-filed (a case waits on the school).
  {
    school: 1,
    openedOn: '2026-09-14',
    input: { trainings: [blockwork], abolishedOn: '2026-09-30' },
    steps: [
      { on: '2026-10-05', type: 'ABOLITION_FILED', by: 'school', data: filing([blockwork], '2026-09-30') },
      { on: '2026-10-07', type: 'CORRECTION_REQUESTED', by: 'center', data: { points: custodianPoints('ブロック建築科') } },
    ],
    stopAfter: [2],
  },
  // A planned abolition withdrawn before the receipt: new trainees applied.
  {
    school: 1,
    openedOn: '2026-06-01',
    input: { trainings: [tiling], abolishedOn: '2026-07-31' },
    steps: [
      { on: '2026-06-19', type: 'ABOLITION_FILED', by: 'school', data: filing([tiling], '2026-07-31') },
      { on: '2026-07-03', type: 'WITHDRAWN', by: 'school', data: { reason: '新たに訓練生の応募があり、タイル施工科の訓練を継続することになったため' } },
    ],
    stopAfter: [2],
  },
];

export function abolitionDemo({ today }: { today: IsoDate }): DemoCase[] {
  const abolishedOn = addDays(today, -10);
  return [
    // Dated today: a planned abolition being drafted; one filed ten days after the training stopped (at the centre).
    { school: 1, input: { trainings: [carpentry], abolishedOn: addDays(today, 40) }, events: [] },
    { school: 1, input: { trainings: [painting], abolishedOn }, events: [{ type: 'ABOLITION_FILED', by: 'school', data: filing([painting], abolishedOn) }] },
    ...demoCasesOf(stories, today),
  ];
}
