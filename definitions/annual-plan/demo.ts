/**
 * Yearly plans for the demo data set, as stories of a fiscal year (moved by whole years): at the first school (普通課程
 * 2学年 and a 技能士コース) a plan being drafted, one at the centre, one sent back because its trainees did not match 事業計画1-2, re-filed
 * and accepted; at the second school (短期課程 by correspondence, asking for the subsidy) a plan accepted late, and a duplicate withdrawn.
 */
import type { IsoDate } from '../../src/domain/dates.js';
import { demoCasesOf, type DemoStory } from '../common/demo-story.js';
import type { DemoCase } from '../types.js';
import type { PlanCourse, PlanFiled } from './forms.js';
import { requiredSheets, type Subsidy } from './sheets.js';

const course = (over: Partial<PlanCourse> & Pick<PlanCourse, 'courseType' | 'kei' | 'ka'>, subsidy: Subsidy): PlanCourse => {
  const c = { correspondence: false, startsOn: '2026-04-07', endsOn: '2027-03-25', trainees: 10, sheets: [], ...over } as PlanCourse;
  return { ...c, sheets: over.sheets ?? requiredSheets(c, subsidy) };
};

const machining = course({ courseType: 'futsu', kei: '機械', ka: '機械加工', years: 2, trainees: 14 }, 'none');
const ginoshi = course({ courseType: 'ginoshi', kei: '機械', ka: '機械加工', courseName: '2級技能士コース', startsOn: '2026-09-01', endsOn: '2027-01-31', trainees: 8 }, 'none');
const plan = (courses: PlanCourse[], over: Partial<PlanFiled> = {}): PlanFiled => ({
  representative: '理事長 甲野 一郎',
  contact: '乙川 花子（03-1234-5678）',
  schoolType: 'joint',
  subsidy: 'none',
  courses,
  ...over,
});

const building = course({ courseType: 'tanki', kei: '建築', ka: '建築施工', courseName: '建築施工管理コース', correspondence: true, startsOn: '2026-06-01', endsOn: '2026-11-30', trainees: 20 }, 'subsidy');

const stories: DemoStory[] = [
  {
    school: 0,
    openedOn: '2026-04-01',
    input: { fiscalYear: 2026 },
    steps: [
      { on: '2026-04-20', type: 'PLAN_FILED', by: 'school', data: plan([machining, { ...ginoshi, trainees: 10 }]) },
      { on: '2026-04-22', type: 'CORRECTION_REQUESTED', by: 'center', data: { points: '2級技能士コースの訓練生数（10人）が事業計画1-2の今年度訓練生数（8人）と一致していません。' } },
      { on: '2026-04-27', type: 'REFILED', by: 'school', data: plan([machining, ginoshi]) },
      { on: '2026-04-30', type: 'ACCEPTED', by: 'center', data: { note: '9月開講の技能士コースの教程表は、変更があれば変更届でお知らせください。' } },
    ],
    stopAfter: [0, 1, 2, 4],
    moves: 'years',
  },
  {
    school: 1,
    openedOn: '2026-04-01',
    input: { fiscalYear: 2026 },
    steps: [
      { on: '2026-05-12', type: 'PLAN_FILED', by: 'school', data: plan([building], { schoolType: 'single', subsidy: 'subsidy', representative: '代表取締役 丙山 三郎' }) },
      { on: '2026-05-15', type: 'ACCEPTED', by: 'center', data: {} },
    ],
    stopAfter: [2],
    moves: 'years',
  },
  // A duplicate opened by hand, withdrawn.
  {
    school: 1,
    openedOn: '2026-04-02',
    input: { fiscalYear: 2026 },
    steps: [{ on: '2026-04-03', type: 'WITHDRAWN', by: 'school', data: { reason: '同じ年度の計画書を誤って二重に作成したため' } }],
    stopAfter: [1],
    moves: 'years',
  },
];

export const annualPlanDemo = ({ today }: { today: IsoDate }): DemoCase[] => demoCasesOf(stories, today);
