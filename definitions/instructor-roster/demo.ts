/** Instructor rosters for the demo data set: one collecting consents, one in order at the other school. */
import type { DemoCase } from '../types.js';

const row = (number: number, name: string, over: Record<string, unknown> = {}) => ({
  number,
  role: 'lecturer',
  subjects: '機械加工実技',
  name,
  address: '東京都大田区蒲田1-2-3',
  employer: '株式会社城南製作所',
  internal: false,
  paid: true,
  ...over,
});

export function instructorRosterDemo({ today, fiscalYear }: { today: string; fiscalYear: number }): DemoCase[] {
  const instructor = row(1, '甲野 一郎', { role: 'instructor', licence: { acquiredOn: '2005-03-31', number: '機第1234号' }, remarks: '機械加工科指導員免許、経験20年' });
  return [
    {
      school: 0,
      input: { fiscalYear, schoolType: 'joint' },
      events: [
        { type: 'ROSTER_FILED', by: 'school', data: { preparedOn: today, collective: [instructor, row(2, '乙川 二郎')], dispersed: [] } },
        { type: 'CONSENT_RECORDED', by: 'school', data: { consents: [{ name: '甲野 一郎', consentedOn: today }] } },
      ],
    },
    {
      school: 1,
      input: { fiscalYear, schoolType: 'single' },
      events: [
        {
          type: 'ROSTER_FILED',
          by: 'school',
          data: { preparedOn: today, collective: [row(1, '丙山 三郎', { internal: true, paid: false, subjects: '建築構造', employer: '城南建築' })], dispersed: [] },
        },
      ],
    },
  ];
}
