/** Change notices for the demo data set, dated today: being drafted, at the centre, sent back for correction, acknowledged after a correction, withdrawn. */
import { addDays } from '../../src/domain/dates.js';
import type { DemoCase } from '../types.js';

export function changeNoticeDemo({ today }: { today: string }): DemoCase[] {
  const inAMonth = addDays(today, 30);
  const representativeChange = {
    representative: '甲野 乙男',
    certification: { certifiedOn: '2019-04-01', number: '単第12号' },
    changes: [{ item: 'holder', before: '代表理事 甲野 一郎', after: '代表理事 甲野 乙男' }],
    changeDate: inAMonth,
    reason: '役員改選による代表者の交代',
  };
  const planChange = {
    representative: '丙山 丁子',
    certification: { certifiedOn: '2020-04-01', number: '共第3号' },
    changes: [{ item: 'plan', before: '訓練時間 1,400時間', after: '訓練時間 1,420時間' }],
    changeDate: addDays(today, 45),
    reason: '実技教科の時間の見直し',
    operatingRulesAttached: true,
  };
  return [
    { school: 0, input: { changeDate: addDays(today, 60), items: ['facility'] }, events: [] },
    // Due this week.
    { school: 0, input: { changeDate: addDays(today, 6), items: ['facility'] }, events: [] },
    { school: 1, input: { changeDate: addDays(today, 8), items: ['holder'] }, events: [] },
    { school: 0, input: { changeDate: inAMonth, items: ['holder'] }, events: [{ type: 'CHANGE_FILED', by: 'school', data: representativeChange }] },
    {
      school: 1,
      input: { changeDate: planChange.changeDate, items: ['plan'] },
      events: [
        { type: 'CHANGE_FILED', by: 'school', data: { ...planChange, reason: '見直し' } },
        { type: 'CORRECTION_REQUESTED', by: 'center', data: { points: '変更理由を具体的に記載してください' } },
        { type: 'REFILED', by: 'school', data: planChange },
        { type: 'ACKNOWLEDGED', by: 'center', data: {} },
      ],
    },
    {
      school: 1,
      input: { changeDate: addDays(today, 40), items: ['plan'] },
      events: [
        { type: 'CHANGE_FILED', by: 'school', data: { ...planChange, changeDate: addDays(today, 40), reason: '見直し' } },
        { type: 'CORRECTION_REQUESTED', by: 'center', data: { points: '変更理由を具体的に記載してください' } },
      ],
    },
    { school: 0, input: { changeDate: addDays(today, 90), items: ['facility'] }, events: [{ type: 'WITHDRAWN', by: 'school', data: { reason: '移転計画の見直し' } }] },
  ];
}
