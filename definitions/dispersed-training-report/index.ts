/** 分散訓練実施状況報告書 (dispersed-training reports, manual II-6(10), 様式15): the definition the engine runs. */
import type { z } from 'zod';
import { fiscalYearLabel } from '../../src/domain/fiscal-year.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { dispersedTrainingReportMachine } from '../../machines/dispersed-training-report.js';
import { courseName } from '../common/document-layout.js';
import { summaryTable } from '../common/display.js';
import type { CaseFacts, EventDefinition, ProcedureDefinition } from '../types.js';
import type { DispersedTrainingReportContext } from './context.js';
import { dispersedTrainingDeadlines, dispersedTrainingSettings } from './deadlines.js';
import { dispersedTrainingReportDemo } from './demo.js';
import * as forms from './forms.js';
import { missingReports, traineesOf } from './quarters.js';
import { dispersedTrainingRules } from './rules.js';
import { courseRef } from '../common/courses.js';

type Ctx = DispersedTrainingReportContext;
type Def = EventDefinition<Ctx>;
/** An event typed by its own form, so each message reads its payload's fields. */
const event = <S extends z.ZodType>(d: EventDefinition<Ctx, S>): Def => d;

const REPORT = '分散訓練実施状況報告書（様式15）';
const day = (d: string) => formatDateJa(d);
const year = (c: Ctx) => fiscalYearLabel(c.fiscalYear);
const hours = (r: Ctx['reports'][number], part: 'basic' | 'major', k: 'planned' | 'actual' | 'attended') => r.months.reduce((s, m) => s + m[part][k], 0);

/** A quarter's state in words: who still owes a report. */
const quarterState = (c: Ctx, q: forms.Quarter) => {
  const all = traineesOf(c, q).length;
  const missing = missingReports(c, q);
  return missing.length
    ? `${forms.QUARTERS[q]}は${all}人中${all - missing.length}人分を受領済みで、未受領は${missing.map((t) => `${t.name}（${t.employer}）`).join('、')}です。`
    : `${forms.QUARTERS[q]}は${all}人全員分を受領しました。`;
};

const events: Def[] = [
  event({
    type: 'REPORT_RECORDED', label: '分散訓練実施状況報告書の受領', form: '様式15', roles: ['school'], schema: forms.reportRecorded,
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context, data }) => {
          const r = context.reports.at(-1);
          return [
            `${data.employer}から${data.traineeName}の${REPORT}（${forms.QUARTERS[data.quarter]}、報告年月日 ${day(data.reportedOn)}）を受領したと登録されました。${
              r ? `専攻実技 実施${hours(r, 'major', 'actual')}時間・出席${hours(r, 'major', 'attended')}時間、系基礎実技 実施${hours(r, 'basic', 'actual')}時間・出席${hours(r, 'basic', 'attended')}時間。` : ''
            }`,
            quarterState(context, data.quarter),
            ...context.lateness
              .filter((l) => l.filedOn === r?.recordedOn && l.deadline === `${data.quarter}Reports`)
              .map((l) => `${l.label}の受領期限（${day(l.effective)}）を${l.daysLate}日過ぎた登録として記録しています。`),
          ];
        },
      },
    ],
  }),
  event({
    type: 'TRAINEE_LEFT', label: '分散訓練の終了（訓練生）', roles: ['school'], schema: forms.traineeLeft,
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ data }) => [`${data.name}の分散訓練が ${day(data.leftOn)} に終了しました（理由: ${data.reason}）。以後の期間の${REPORT}は不要です。`],
      },
    ],
  }),
  event({
    type: 'WITHDRAWN', label: '分散訓練の報告の取下げ', roles: ['school'], schema: forms.withdrawn,
    notify: [{ to: 'center', template: 'received', todo: ({ context, data }) => [`${year(context)}の${REPORT}の受領の管理が取り下げられました（理由: ${data.reason}）。`] }],
  }),
];

export const dispersedTrainingReport: ProcedureDefinition<Ctx> = {
  id: 'dispersed-training-report',
  version: 1,
  title: '分散訓練実施状況報告書',
  description: '分散訓練を行う訓練校が、分散訓練実施事業主から概ね3か月ごとに分散訓練実施状況報告書（様式15）の提出を受けて記録する（修了の判定、技能照査受験資格の判定のため）。報告のない四半期は遅延として記録',
  machine: dispersedTrainingReportMachine,
  rules: dispersedTrainingRules,
  inputSchema: forms.dispersedTrainingReportInput,
  createRoles: ['school'],
  fiscalYearOf: (input: forms.DispersedTrainingReportInput) => input.fiscalYear,
  settings: dispersedTrainingSettings,
  caseTitle: (c) => `${year(c)} ${courseName(c.course)} 分散訓練実施状況報告書`,
  courses: (c) => [courseRef(c.course)],
  facts: (c): CaseFacts => [
    ['年度', year(c)],
    ['訓練科', courseName(c.course)],
    ['分散訓練の訓練生', `${c.trainees.filter((t) => !t.leftOn).length}人`],
    ...forms.QUARTER_KEYS.map((q): [string, string] => [forms.QUARTERS[q], `${traineesOf(c, q).length - missingReports(c, q).length} / ${traineesOf(c, q).length}人`]),
    ...(c.missedQuarters.length ? [['受領期限を過ぎた期間', c.missedQuarters.map((q) => forms.QUARTERS[q]).join('、')] as [string, string]] : []),
  ],
  summary: (c) => [
    ...summaryTable('分散訓練を行う訓練生', c.trainees, [
      ['訓練生氏名', (t) => t.name],
      ['学年', (t) => `${t.grade}年`],
      ['分散訓練実施事業所', (t) => t.employer],
      ['終了日', (t) => (t.leftOn ? day(t.leftOn) : null)],
    ]),
    ...summaryTable('受領した分散訓練実施状況報告書〔様式15〕', c.reports, [
      ['対象期間', (r) => forms.QUARTERS[r.quarter]],
      ['訓練生氏名', (r) => r.traineeName],
      ['事業主名', (r) => r.employer],
      ['報告年月日', (r) => day(r.reportedOn)],
      ['系基礎実技（計画・実施・出席）', (r) => `${hours(r, 'basic', 'planned')}・${hours(r, 'basic', 'actual')}・${hours(r, 'basic', 'attended')}時間`],
      ['専攻実技（計画・実施・出席）', (r) => `${hours(r, 'major', 'planned')}・${hours(r, 'major', 'actual')}・${hours(r, 'major', 'attended')}時間`],
    ]),
  ],
  events: Object.fromEntries(events.map((e) => [e.type, e])),
  deadlines: dispersedTrainingDeadlines,
  demo: dispersedTrainingReportDemo,
};
