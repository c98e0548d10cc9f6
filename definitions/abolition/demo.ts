/** Abolitions for the demo data set: one being drafted, one at the centre. */
import { addDays } from '../../src/domain/dates.js';
import type { DemoCase } from '../types.js';

const training = { trainingType: '普通職業訓練', courseType: '普通課程', kei: '塗装', ka: '建築塗装' };

export function abolitionDemo({ today }: { today: string }): DemoCase[] {
  const abolishedOn = addDays(today, -10);
  const filing = {
    representative: '会長 甲野 一郎',
    certification: { certifiedOn: '2010-04-01', number: '共第8号' },
    trainings: [training],
    abolishedOn,
    reason: '訓練生の確保が困難となり、訓練の継続の見込みがないため',
    custodian: { name: '東京都塗装工業協同組合', address: '東京都品川区東品川1-2-3', representative: '理事長 乙山 二郎' },
    certificateAttached: true,
    subsidyUsed: false,
    otherCasesSettled: true,
  };
  return [
    { school: 1, input: { trainings: [{ ...training, kei: '建築', ka: '建築大工' }], abolishedOn: addDays(today, 40) }, events: [] },
    { school: 1, input: { trainings: [training], abolishedOn }, events: [{ type: 'ABOLITION_FILED', by: 'school', data: filing }] },
  ];
}
