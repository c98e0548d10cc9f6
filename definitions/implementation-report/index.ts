/** 認定職業訓練実施状況報告書 (implementation report, manual II-2, 規則35条の4, 様式1-1-1〜1-4): the definition the engine runs. */
import type { z } from 'zod';
import { fiscalYearLabel } from '../../src/domain/fiscal-year.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { implementationReportMachine } from '../../machines/implementation-report.js';
import { trainingEndedBefore } from '../annual-plan/openings.js';
import { summaryTable } from '../common/display.js';
import type { CaseFacts, EventDefinition, ProcedureDefinition } from '../types.js';
import type { ImplementationReportContext } from './context.js';
import { implementationReportDeadlines, implementationReportSettings } from './deadlines.js';
import { implementationReportDemo } from './demo.js';
import { implementationReportDocuments } from './documents.js';
import * as forms from './forms.js';
import { implementationReportRules, regularName, rowOf, shortName } from './rules.js';
import { COMPLETION_EXAM, differences, FIGURE_LABELS, reportPrefill, SKILL_CHECK, sourceTitles } from './transcription.js';

type Ctx = ImplementationReportContext;
type Def = EventDefinition<Ctx>;
/** An event typed by its own form, so each message reads its payload's fields. */
const event = <S extends z.ZodType>(d: EventDefinition<Ctx, S>): Def => d;

const REPORT = '認定職業訓練実施状況報告書（様式1）';
const day = (d: string) => formatDateJa(d);
const year = (c: Ctx) => fiscalYearLabel(c.fiscalYear);
const reported = (c: Ctx) => fiscalYearLabel(c.reportedYear);
const latest = (c: Ctx) => c.filings.at(-1);
const years = (r: { year1: number; year2: number; year3: number }) => r.year1 + r.year2 + r.year3;

/** The sheets the latest filing consists of, by the manual's table. */
function sheetsOf(c: Ctx): string[] {
  const f = latest(c);
  if (!f) return [];
  return [
    '様式1-1-1',
    ...(f.currentByYear.length ? ['様式1-1-2'] : []),
    ...(f.previousByYear.length ? ['様式1-1-3'] : []),
    ...(f.shortCourses.length ? ['様式1-2'] : []),
    ...(f.training.length ? ['様式1-3'] : []),
    ...(f.joint.attached ? ['様式1-4'] : []),
  ];
}

const lateNote = (c: Ctx) => c.lateness.map((l) => `本庁が定める提出期限（${day(l.effective)}）を${l.daysLate}日過ぎた提出として記録しています。`);

const centreChecks = (c: Ctx) => {
  const f = latest(c);
  if (!f) return [];
  const diff = differences(c.transcribed, f);
  return [
    `${reported(c)}の実施状況（専門課程・普通課程 ${f.previousByYear.length}科、短期課程 ${f.shortCourses.length}コース）と${day(c.countedOn)}現在の訓練生数の報告です。提出された様式: ${sheetsOf(c).join('・')}。`,
    ...(c.transcribed.length
      ? diff.length
        ? [`既存の案件から転記した数値と異なる箇所があります（${diff.join('。')}）。理由を確認してください。`]
        : ['既存の案件（技能照査・修了時試験）から転記した数値は、そのまま報告されています。']
      : []),
    '内訳と合計、訓練基準（訓練時間）に照らして確認のうえ、受理するか補正を求めてください。',
  ];
};

const events: Def[] = [
  event({
    type: 'REPORT_FILED', label: '認定職業訓練実施状況報告書の提出', form: '様式1', roles: ['school'], schema: forms.reportFiled,
    // The previous year's figures the system knows, marked with the cases they come from; the school fills the rest.
    prefill: (c) => reportPrefill(c.transcribed),
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context }) => [`${year(context)}の${REPORT}を受け付けました。`, ...centreChecks(context), ...lateNote(context)],
        showData: false,
      },
    ],
  }),
  event({
    type: 'CORRECTION_REQUESTED', label: '実施状況報告書の補正の求め', roles: ['center'], schema: forms.correctionRequested,
    notify: [
      {
        to: 'school', template: 'decision',
        todo: ({ context, data }) => [
          `管轄職業能力開発センターから${year(context)}の${REPORT}の補正を求められました（補正を求める事項: ${data.points}）。補正した報告書を管轄職業能力開発センターへ再提出してください。`,
        ],
      },
    ],
  }),
  event({
    type: 'REFILED', label: '認定職業訓練実施状況報告書（補正後の再提出）', form: '様式1', roles: ['school'], schema: forms.reportFiled,
    prefill: (c) => {
      const f = latest(c);
      if (!f) return reportPrefill(c.transcribed);
      const { filedOn: _on, ...previous } = f;
      return previous;
    },
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context }) => [
          `補正後の${year(context)}の${REPORT}を受け付けました。求めた補正（${context.corrections.at(-1)?.points ?? '—'}）がされているか確認してください。`,
          ...centreChecks(context),
        ],
        showData: false,
      },
    ],
  }),
  event({
    type: 'ACCEPTED', label: '実施状況報告書の受理', roles: ['center'], schema: forms.accepted,
    notify: [
      {
        to: 'school', template: 'decision',
        todo: ({ context, data }) => [
          `${year(context)}の${REPORT}（${reported(context)}の実施状況、${day(context.countedOn)}現在の訓練生数）が受理されました。`,
          ...(data.note ? [`センターからの連絡事項: ${data.note}`] : []),
          ...(context.lateness.length ? ['この報告書は本庁が定める提出期限を過ぎた提出として記録されています。'] : []),
        ],
      },
      {
        to: 'hq', template: 'received',
        todo: ({ context }) => [
          `管轄職業能力開発センターが${year(context)}の${REPORT}を受理しました（${reported(context)}の実施状況）。規則35条の4の報告として集計してください。`,
        ],
      },
    ],
  }),
  event({
    type: 'WITHDRAWN', label: '実施状況報告書の取下げ', roles: ['school'], schema: forms.withdrawn,
    notify: [{ to: 'center', template: 'received', todo: ({ context, data }) => [`${year(context)}の${REPORT}が取り下げられました（理由: ${data.reason}）。`] }],
  }),
];

const figureText = (values: Record<string, number>) =>
  Object.entries(values)
    .filter(([k]) => FIGURE_LABELS[k])
    .map(([k, n]) => `${FIGURE_LABELS[k]} ${n}人`)
    .join('、');

export const implementationReport: ProcedureDefinition<Ctx> = {
  id: 'implementation-report',
  version: 1,
  title: '認定職業訓練実施状況報告書',
  description:
    '規則35条の4の報告：前年度の訓練実施状況と、専門・普通課程は4月30日現在の新年度の訓練生数（様式1-1-2）を、課程の別による様式（様式1-1-1〜1-4）で管轄職業能力開発センターへ報告 → 確認（補正の求め・再提出）→ 受理。技能照査・修了時試験の案件の数値を転記。毎年度5月1日に訓練校ごとに自動で作成',
  machine: implementationReportMachine,
  rules: implementationReportRules,
  inputSchema: forms.implementationReportInput,
  createRoles: ['school', 'hq'],
  fiscalYearOf: (input: forms.ImplementationReportInput) => input.fiscalYear,
  settings: implementationReportSettings,
  caseTitle: (c) => `${year(c)} 認定職業訓練実施状況報告書（${reported(c)}実施分）`,
  // The shell shows the case's 年度 itself.
  facts: (c): CaseFacts => [
    ['報告する実施状況', `${reported(c)}（新年度の訓練生数は${day(c.countedOn)}現在）`],
    ...(latest(c) ? [['提出された様式', sheetsOf(c).join('・')] as [string, string]] : []),
  ],
  summary: (c) => {
    const f = latest(c);
    return [
      ...summaryTable('既存の案件から転記した数値', c.transcribed, [
        ['転記元', sourceTitles],
        ['手続', (t) => (t.procedure === SKILL_CHECK ? '技能照査' : t.procedure === COMPLETION_EXAM ? '修了時試験' : t.procedure)],
        ['訓練科', (t) => `${t.kei}系 ${t.ka}科`],
        ['数値', (t) => figureText(t.values)],
      ]),
      ...summaryTable('4月30日現在の訓練生数〔様式1-1-2〕', f?.currentByYear ?? [], [
        ['訓練課程・訓練科', regularName],
        ['訓練生数', (r) => `${years(r)}人`],
        ['女性（内数）', (r) => `${r.women}人`],
        ['編入者（内数）', (r) => `${r.transfers}人`],
      ]),
      ...summaryTable('前年度の実施状況〔様式1-1-3・1-3〕', f?.previousByYear ?? [], [
        ['訓練課程・訓練科', regularName],
        ['訓練生数', (r) => `${years(r)}人`],
        ['訓練中止者', (r) => `${r.leftForJob + r.leftOther}人`],
        ['修了者数', (r) => `${r.completers}人`],
        ['技能照査 受験・合格', (r) => { const s = rowOf(f!.skillChecks, r); return s ? `${s.skillCheckExaminees}人・${s.skillCheckPassers}人` : null; }],
        ['訓練時間数', (r) => { const t = rowOf(f!.training, r); return t ? `${t.hours}時間` : null; }],
      ]),
      ...summaryTable('短期課程・専門短期課程〔様式1-2〕', f?.shortCourses ?? [], [
        ['訓練課程・コース', shortName],
        ['実施期間', (s) => `${day(s.startsOn)}〜${day(s.endsOn)}`],
        ['訓練生数（女性）', (s) => { const t = rowOf(f!.shortTrainees, s); return t ? `${t.junior + t.high + t.college + t.university}人（${t.women}人）` : null; }],
        ['訓練中止者', (s) => { const r = rowOf(f!.shortResults, s); return r ? `${r.leftForJob + r.leftOther}人` : null; }],
        ['修了者数', (s) => { const r = rowOf(f!.shortResults, s); return r ? `${r.completers}人` : null; }],
      ]),
      ...[...(f?.skillCheckSources ?? []), ...(f?.shortSources ?? [])].map((line) => ({ label: '報告書に記載した転記元', value: line })),
      ...(f ? differences(c.transcribed, f).map((d) => ({ label: '転記した数値との違い', value: d })) : []),
      ...(c.acceptance ? [{ label: '受理日', value: day(c.acceptance.on) }] : []),
      ...summaryTable('補正の求め', c.corrections, [
        ['求めた日', (x) => day(x.requestedOn)],
        ['補正を求める事項', (x) => x.points],
      ]),
    ];
  },
  events: Object.fromEntries(events.map((e) => [e.type, e])),
  deadlines: implementationReportDeadlines,
  demo: implementationReportDemo,
  documents: implementationReportDocuments,
  related: { procedures: [SKILL_CHECK, COMPLETION_EXAM], fiscalYearOf: (input: forms.ImplementationReportInput) => input.fiscalYear - 1 },
  openings: {
    opensOn: (fy) => `${fy}-05-01`,
    // A school that trained in the reported year reports it, even when it abolished its training since.
    appliesTo: (_school, cases, fy) => !trainingEndedBefore(cases, fy - 1),
    input: (fy) => ({ fiscalYear: fy }),
  },
};
