/**
 * Reissues for the demo data set: a certificate lost after a skill check of the demo (seeded with it, on the
 * same calendar), a case after every step to the new certificate handed over, and one withdrawn.
 */
import { demoCasesOf, type DemoStory } from '../common/demo-story.js';
import { deliveredSkillCheck } from '../skill-check/demo.js';
import type { DemoCase } from '../types.js';

const course = { kei: '機械', ka: '機械加工' };
const request = {
  addressee: '東京都機械加工職業訓練校長',
  requestDate: '2027-06-01',
  name: '能力 太郎',
  birthDate: '2005-04-02',
  course,
  reason: 'lost',
  reasonDetail: '転居の際に紛失したため',
};
const story = (steps: DemoStory['steps'], stopAfter?: number[]): DemoStory => ({
  school: 0,
  openedOn: '2027-06-01',
  input: { traineeId: 'T1', request },
  linked: { procedure: 'skill-check', field: 'originalCaseId', story: deliveredSkillCheck },
  steps,
  ...(stopAfter ? { stopAfter } : {}),
});

const stories: DemoStory[] = [
  story([
    { on: '2027-06-10', type: 'NUMBERS_ASSIGNED', by: 'hq', data: { reissueDate: '2027-07-10', schoolNumber: '再1号', tokyoNumber: '再東京R9-0001' } },
    {
      on: '2027-06-20',
      type: 'APPLICATION_FILED',
      by: 'school',
      data: {
        representative: '東京都機械加工職業訓練校 校長 甲野乙男',
        holder: { name: '能力 太郎', birthDate: '2005-04-02' },
        course,
        examDate: '2027-02-15',
        oldTokyoNumber: '東京R8技-0001',
        reissueSchoolNumber: '再1号',
        reissueTokyoNumber: '再東京R9-0001',
        attachments: ['request', 'resultsRoster', 'applicantsRoster', 'certificate'],
      },
    },
    { on: '2027-07-05', type: 'RECERTIFIED', by: 'hq', data: { certifiedOn: '2027-07-05' } },
    { on: '2027-07-12', type: 'DELIVERED', by: 'school', data: { deliveredOn: '2027-07-12' } },
  ]),
  story([{ on: '2027-06-05', type: 'WITHDRAWN', by: 'school', data: { reason: '旧証書が見つかったため' } }], [1]),
];

export const reissueDemo = ({ today }: { today: string }): DemoCase[] => demoCasesOf(stories, today);
