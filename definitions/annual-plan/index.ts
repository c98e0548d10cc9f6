/** 認定職業訓練事業計画書 (annual plan, manual II-1, 法9条・11条, 規則1条): the definition the engine runs. */
import type { z } from 'zod';
import { fiscalYearLabel } from '../../src/domain/fiscal-year.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { annualPlanMachine } from '../../machines/annual-plan.js';
import { summaryTable } from '../common/display.js';
import type { CaseFacts, EventDefinition, ProcedureDefinition } from '../types.js';
import type { AnnualPlanContext } from './context.js';
import { annualPlanDeadlines, annualPlanSettings } from './deadlines.js';
import { annualPlanDemo } from './demo.js';
import { annualPlanDocuments } from './documents.js';
import * as forms from './forms.js';
import { trainingEndedBefore } from './openings.js';
import { annualPlanRules, courseLabel } from './rules.js';
import { SUBSIDY, sheetLabel } from './sheets.js';

type Ctx = AnnualPlanContext;
type Def = EventDefinition<Ctx>;
/** An event typed by its own form, so each message reads its payload's fields. */
const event = <S extends z.ZodType>(d: EventDefinition<Ctx, S>): Def => d;

const PLAN = '認定職業訓練事業計画書';
const day = (d: string) => formatDateJa(d);
const year = (c: Ctx) => fiscalYearLabel(c.fiscalYear);
const latest = (c: Ctx) => c.filings.at(-1);

/** Each course with its sheets, one line each. */
const courseLines = (c: Ctx) =>
  (latest(c)?.courses ?? []).map((x) => `・${courseLabel(x)}（${x.trainees}人）: ${x.sheets.map(sheetLabel).join('、')}`);

const lateNote = (c: Ctx) => c.lateness.map((l) => `本庁が定める提出期限（${day(l.effective)}）を${l.daysLate}日過ぎた提出として記録しています。`);

const centreChecks = (c: Ctx) => [
  `補助金等の交付希望: ${latest(c) ? SUBSIDY[latest(c)!.subsidy] : '—'}。訓練課程ごとの提出書類:`,
  ...courseLines(c),
  '提出書類一覧表のとおりか、訓練基準（訓練期間・訓練時間・訓練生数）に適合しているかを確認のうえ、受理するか補正を求めてください。',
];

const events: Def[] = [
  event({
    type: 'PLAN_FILED', label: '認定職業訓練事業計画書の提出', form: '事業計画1-1〜11', roles: ['school'], schema: forms.planFiled,
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context }) => [`${year(context)}の${PLAN}（${day(context.datedOn)}付け）を受け付けました。`, ...centreChecks(context), ...lateNote(context)],
        showData: false,
      },
    ],
  }),
  event({
    type: 'CORRECTION_REQUESTED', label: '事業計画書の補正の求め', roles: ['center'], schema: forms.correctionRequested,
    notify: [
      {
        to: 'school', template: 'decision',
        todo: ({ context, data }) => [
          `管轄職業能力開発センターから${year(context)}の${PLAN}の補正を求められました（補正を求める事項: ${data.points}）。補正した事業計画書を管轄職業能力開発センターへ再提出してください。`,
        ],
      },
    ],
  }),
  event({
    type: 'REFILED', label: '認定職業訓練事業計画書（補正後の再提出）', form: '事業計画1-1〜11', roles: ['school'], schema: forms.planFiled,
    prefill: (c) => {
      const f = latest(c);
      if (!f) return {};
      const { filedOn: _on, ...previous } = f;
      return previous;
    },
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context }) => [
          `補正後の${year(context)}の${PLAN}を受け付けました。求めた補正（${context.corrections.at(-1)?.points ?? '—'}）がされているか確認してください。`,
          ...centreChecks(context),
        ],
        showData: false,
      },
    ],
  }),
  event({
    type: 'ACCEPTED', label: '事業計画書の受理', roles: ['center'], schema: forms.accepted,
    notify: [
      {
        to: 'school', template: 'decision',
        todo: ({ context, data }) => [
          `${year(context)}の${PLAN}が受理されました（${latest(context)?.courses.length ?? 0}課程）。計画に変更が生じたときは、事前に認定職業訓練事項変更届を提出してください。`,
          ...(data.note ? [`センターからの連絡事項: ${data.note}`] : []),
          ...(context.lateness.length ? ['この事業計画書は本庁が定める提出期限を過ぎた提出として記録されています。'] : []),
        ],
      },
    ],
  }),
  event({
    type: 'WITHDRAWN', label: '事業計画書の取下げ', roles: ['school'], schema: forms.withdrawn,
    notify: [{ to: 'center', template: 'received', todo: ({ context, data }) => [`${year(context)}の${PLAN}が取り下げられました（理由: ${data.reason}）。`] }],
  }),
];

export const annualPlan: ProcedureDefinition<Ctx> = {
  id: 'annual-plan',
  version: 1,
  title: '認定職業訓練事業計画書',
  description:
    '毎年度4月1日付けで、訓練課程（専門・普通・短期課程、技能士コース）ごとに提出書類一覧表の書類（事業計画1-1〜11、様式6-1・6-2又は様式7-1・7-2・7-3）を管轄職業能力開発センターへ提出 → 確認（補正の求め・再提出）→ 受理。毎年度4月1日に訓練校ごとに自動で作成',
  machine: annualPlanMachine,
  rules: annualPlanRules,
  inputSchema: forms.annualPlanInput,
  createRoles: ['school', 'hq'],
  fiscalYearOf: (input: forms.AnnualPlanInput) => input.fiscalYear,
  settings: annualPlanSettings,
  caseTitle: (c) => `${year(c)} ${PLAN}`,
  facts: (c): CaseFacts => [
    ['年度', year(c)],
    ['日付', `${day(c.datedOn)}付け`],
    ...(latest(c) ? [['訓練課程', latest(c)!.courses.map(courseLabel).join('、')] as [string, string]] : []),
  ],
  summary: (c) => {
    const f = latest(c);
    return [
      ...(f ? [{ label: '補助金等の交付希望有無', value: SUBSIDY[f.subsidy] }] : []),
      ...summaryTable('訓練課程ごとの提出書類', f?.courses ?? [], [
        ['訓練課程・訓練科', courseLabel],
        ['学年数', (x) => (x.years ? `${x.years}学年` : null)],
        ['実施期間', (x) => `${day(x.startsOn)}〜${day(x.endsOn)}`],
        ['訓練生数', (x) => x.trainees],
        ['提出書類', (x) => x.sheets.map(sheetLabel).join('、')],
      ]),
      ...(c.acceptance ? [{ label: '受理日', value: day(c.acceptance.on) }] : []),
      ...summaryTable('補正の求め', c.corrections, [
        ['求めた日', (x) => day(x.requestedOn)],
        ['補正を求める事項', (x) => x.points],
      ]),
    ];
  },
  events: Object.fromEntries(events.map((e) => [e.type, e])),
  deadlines: annualPlanDeadlines,
  demo: annualPlanDemo,
  documents: annualPlanDocuments,
  statistics: {
    figures: [{ key: 'trainees', label: '今年度訓練生数' }],
    rows: (c) =>
      c.withdrawal ? [] : (latest(c)?.courses ?? []).map((x) => ({ family: `${x.kei}系`, course: `${x.ka}科${x.courseName ? ` ${x.courseName}` : ''}`, values: { trainees: x.trainees } })),
  },
  openings: {
    opensOn: (fy) => `${fy}-04-01`,
    appliesTo: (_school, cases, fy) => !trainingEndedBefore(cases, fy),
    input: (fy) => ({ fiscalYear: fy }),
  },
};
