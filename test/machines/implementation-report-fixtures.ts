/**
 * Fixtures for the implementation-report machine tests; every payload is parsed with the definition's schema. The
 * related cases (last year's skill checks and completion exams with their figures, as the engine passes them) are
 * built here.
 *
 * Calendar: the report of fiscal year 2027 (on 令和8年度 = 2026), counted on 2027-04-30. Due by default on 2027-05-31
 * (Mon, open). HQ may set another day: 2027-06-05 (Sat) is effectively 2027-06-04 (Fri).
 */
import type { SnapshotFrom } from 'xstate';
import type { ImplementationReportEvent } from '../../definitions/implementation-report/context.js';
import { implementationReport } from '../../definitions/implementation-report/index.js';
import type { RelatedCase } from '../../definitions/types.js';
import { implementationReportMachine, type ImplementationReportMachineInput } from '../../machines/implementation-report.js';
import type { IsoDate } from '../../src/domain/dates.js';
import { machineFixtures } from '../support/machine-fixtures.js';

export type Snapshot = SnapshotFrom<typeof implementationReportMachine>;
export type Event = ImplementationReportEvent;

export const related = (id: string, procedure: string, title: string, family: string, course: string, values: Record<string, number>, done = true): RelatedCase => ({
  id, procedure, title, state: done ? 'delivered' : 'examining', done, figures: [{ family, course, values }],
});
export const SKILL = related('sc-1', 'skill-check', '機械系 機械加工科 技能照査（普通課程）', '機械系', '機械加工科', {
  examinees: 6, passers: 4, failedWritten: 1, failedPractical: 2, makeups: 1, revocations: 0, certificates: 4,
});
export const SKILL_MAKEUP = related('sc-2', 'skill-check', '機械系 機械加工科 技能照査（普通課程） 追試験', '機械系', '機械加工科', {
  examinees: 1, passers: 1, failedWritten: 0, failedPractical: 0, makeups: 1, revocations: 0, certificates: 0,
}, false);
export const EXAM = related('ce-1', 'completion-exam', '機械系 機械加工科 2級技能士コース 修了時試験', '機械系', '機械加工科', {
  examinees: 8, passers: 7, makeups: 0, revocations: 0, completers: 7,
});

export const INPUT: ImplementationReportMachineInput = { fiscalYear: 2027, relatedCases: [SKILL, EXAM] };
export const NONE: ImplementationReportMachineInput = { fiscalYear: 2027, relatedCases: [] };

export const { settingsOf, holidaySettingsOf, SETTINGS, HOLIDAY, ev, deadlineEvent, start, send, changed, run } = machineFixtures<typeof implementationReportMachine, Event>({
  definition: implementationReport,
  machine: implementationReportMachine,
  input: INPUT,
  fiscalYear: 2027,
  deadline: 'reportFiling',
  // HQ moved the date to a Saturday.
  holiday: { nominal: '2027-06-05', effective: '2027-06-04' },
});
export { at } from '../support/machine-fixtures.js';

const education = (junior: number, high: number, college: number, university: number) => ({ junior, high, college, university });
type Over = Record<string, unknown>;
const machining = { kei: '機械', ka: '機械加工' };
const ginoshi = { kei: '機械', ka: '機械加工', courseName: '2級技能士コース' };
/** 普通課程 機械加工科, one row per table of 様式1-1-2, 1-1-3 and 1-3; the skill check's figures as transcribed (6 examinees, 4 passers, 学科のみ 0, 実技のみ 1, 両方 1). */
export const currentYear = (over: Over = {}) => ({ courseType: '普通課程', ...machining, year1: 10, year2: 4, year3: 0, transfers: 1, women: 2, ...over });
export const currentEducation = (over: Over = {}) => ({ ...machining, ...education(1, 12, 0, 1), ...over });
export const previousYear = (over: Over = {}) => ({ courseType: '普通課程', ...machining, year1: 5, year2: 6, year3: 0, leftForJob: 1, leftOther: 0, completers: 6, ...over });
export const previousEducation = (over: Over = {}) => ({ ...machining, ...education(1, 9, 1, 0), ...over });
export const skillCheck = (over: Over = {}) => ({ ...machining, skillCheckExaminees: 6, skillCheckPassers: 4, failedWrittenOnly: 0, failedPracticalOnly: 1, failedBoth: 1, ...over });
export const training = (over: Over = {}) => ({ courseType: '普通課程', ...machining, hours: 1400, testedOn: '2027-02-10', skillCheckOn: '2027-02-20', ...over });
/** The 2級技能士コース (短期課程) in the three tables of 様式1-2. */
export const shortCourse = (over: Over = {}) => ({ courseType: '短期課程', ...ginoshi, startsOn: '2026-09-01', endsOn: '2027-01-31', hours: 120, ...over });
export const shortTrainees = (over: Over = {}) => ({ ...ginoshi, ...education(0, 6, 1, 1), women: 1, ...over });
export const shortResult = (over: Over = {}) => ({ ...ginoshi, leftForJob: 0, leftOther: 1, completers: 7, examOn: '2027-01-24', ...over });

export const head = (over: Over = {}) => ({
  representative: '理事長 甲野 一郎',
  contact: '乙川 花子（03-1234-5678）',
  industry: '26 生産用機械器具製造業',
  employees: 320,
  schoolType: 'joint',
  memberEmployers: 12,
  dispatchingEmployers: 9,
  ...over,
});
export const NO_REGULAR = { currentByYear: [], currentByEducation: [], previousByYear: [], previousByEducation: [], skillChecks: [], training: [] };
export const NO_SHORT = { shortCourses: [], shortTrainees: [], shortResults: [] };
/** A 単独校 head (no employers, no 様式1-4). */
export const SINGLE = { report: head({ schoolType: 'single', memberEmployers: undefined, dispatchingEmployers: undefined }), joint: { attached: false } };
export const report = (over: Over = {}) => ({
  report: head(),
  currentByYear: [currentYear()],
  currentByEducation: [currentEducation()],
  previousByYear: [previousYear()],
  previousByEducation: [previousEducation()],
  skillChecks: [skillCheck()],
  training: [training()],
  shortCourses: [shortCourse()],
  shortTrainees: [shortTrainees()],
  shortResults: [shortResult()],
  joint: { attached: true },
  ...over,
});

export const E = {
  filed: (when: IsoDate | string = '2027-05-20', data: unknown = report()) => ev('REPORT_FILED', data, when),
  correction: (when: IsoDate | string = '2027-05-22') => ev('CORRECTION_REQUESTED', { points: '修了者数を確認してください。' }, when),
  refiled: (when: IsoDate | string = '2027-05-26', data: unknown = report()) => ev('REFILED', data, when),
  accepted: (when: IsoDate | string = '2027-05-29') => ev('ACCEPTED', {}, when),
  withdrawn: (when: IsoDate | string = '2027-05-10') => ev('WITHDRAWN', { reason: '同じ年度の報告書を二重に作成したため' }, when),
};
