/**
 * Instructor rosters for the demo data set, as stories of a fiscal year (moved by whole years, the roster being
 * yearly): at the first school (共同校) the year's roster before it is made, the roster changed in October for a
 * new lecturer whose 承諾書 is still owed, and the same roster in order again; at the second school (単独校) a
 * roster in order whose internal unpaid lecturer owes no 承諾書, and a duplicate withdrawn.
 */
import type { IsoDate } from '../../src/domain/dates.js';
import { demoCasesOf, type DemoStory } from '../common/demo-story.js';
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
const licence = (acquiredOn: IsoDate, number: string) => ({ acquiredOn, number });
const instructor = row(1, '甲野 一郎', { role: 'instructor', subjects: '専攻実技', licence: licence('2005-03-31', '機第1234号'), remarks: '機械加工科指導員免許、経験20年' });
const lecturers = [
  row(2, '乙川 二郎', { subjects: '機械工作法', address: '東京都品川区大井2-3-4' }),
  row(3, '丙村 三枝', { subjects: '安全衛生', address: '東京都大田区大森北3-4-5', employer: '城南安全衛生コンサルタント' }),
];
const newLecturer = row(4, '丁野 四郎', { subjects: '数値制御', address: '東京都大田区池上4-5-6', employer: '株式会社池上精工', remarks: 'NC旋盤の実務経験15年' });
/** 様式5-2: the employers of the dispersed training (the same two as in the dispersed-training reports). */
const dispersed = [
  { number: 1, employer: '株式会社城南製作所', representative: '代表取締役 城南 太一', address: '東京都大田区蒲田1-2-3', trainees: 1, role: 'instructor', name: '甲野 一郎', licence: licence('2005-03-31', '機第1234号') },
  { number: 2, employer: '有限会社蒲田精機', representative: '代表取締役 丁田 四郎', address: '東京都大田区西蒲田4-5-6', trainees: 1, role: 'instructor', name: '戊川 五郎', licence: licence('2010-03-31', '機第2345号') },
];

const consent = (on: IsoDate, ...names: [string, IsoDate][]) =>
  ({ on, type: 'CONSENT_RECORDED', by: 'school', data: { consents: names.map(([name, consentedOn]) => ({ name, consentedOn })) } }) as const;

const stories: DemoStory[] = [
  {
    school: 0,
    openedOn: '2026-04-01',
    input: { fiscalYear: 2026, schoolType: 'joint' },
    steps: [
      { on: '2026-04-14', type: 'ROSTER_FILED', by: 'school', data: { preparedOn: '2026-04-14', collective: [instructor, ...lecturers], dispersed } },
      consent('2026-04-21', ['甲野 一郎', '2026-04-15'], ['乙川 二郎', '2026-04-17']),
      consent('2026-04-28', ['丙村 三枝', '2026-04-27']),
      {
        on: '2026-10-01',
        type: 'ROSTER_CHANGED',
        by: 'school',
        data: { changedOn: '2026-10-05', reason: '数値制御の講師の追加（後期の訓練計画による）', collective: [instructor, ...lecturers, newLecturer], dispersed },
      },
      consent('2026-10-02', ['丁野 四郎', '2026-10-01']),
    ],
    // Before the roster; a new lecturer's 承諾書 owed; in order after the change.
    stopAfter: [0, 4, 5],
    moves: 'years',
  },
  {
    school: 1,
    openedOn: '2026-04-01',
    input: { fiscalYear: 2026, schoolType: 'single' },
    steps: [
      {
        on: '2026-04-20',
        type: 'ROSTER_FILED',
        by: 'school',
        data: {
          preparedOn: '2026-04-20',
          collective: [
            row(1, '戊井 五郎', {
              role: 'instructor',
              subjects: '建築施工実技',
              address: '東京都品川区西五反田1-1-1',
              employer: '城南建築株式会社',
              internal: true,
              paid: true,
              licence: licence('2008-03-31', '建第567号'),
            }),
            row(2, '丙山 三郎', { subjects: '建築構造', address: '東京都品川区西五反田2-2-2', employer: '城南建築株式会社', internal: true, paid: false }),
          ],
          dispersed: [],
        },
      },
      consent('2026-04-24', ['戊井 五郎', '2026-04-22']),
    ],
    stopAfter: [2],
    moves: 'years',
  },
  {
    school: 1,
    openedOn: '2026-04-02',
    input: { fiscalYear: 2026, schoolType: 'single' },
    steps: [{ on: '2026-04-03', type: 'WITHDRAWN', by: 'school', data: { reason: '同じ年度の名簿を誤って二重に作成したため' } }],
    stopAfter: [1],
    moves: 'years',
  },
];

export const instructorRosterDemo = ({ today }: { today: IsoDate }): DemoCase[] => demoCasesOf(stories, today);
