/** 東京都の指導・監督 (supervision visits, manual II-5): the definition the engine runs. */
import type { z } from 'zod';
import { fiscalYearOf } from '../../src/domain/fiscal-year.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { supervisionMachine } from '../../machines/supervision.js';
import { summaryTable } from '../common/display.js';
import type { CaseFacts, EventDefinition, ProcedureDefinition } from '../types.js';
import type { SupervisionContext } from './context.js';
import { supervisionDeadlines } from './deadlines.js';
import { supervisionDemo } from './demo.js';
import * as forms from './forms.js';
import { supervisionRules } from './rules.js';

type Ctx = SupervisionContext;
type Def = EventDefinition<Ctx>;
/** An event typed by its own form, so each message reads its payload's fields. */
const event = <S extends z.ZodType>(d: EventDefinition<Ctx, S>): Def => d;

const OFFICES: ('center' | 'hq')[] = ['center', 'hq'];
const day = (d: string) => formatDateJa(d);
const kindLabel = (c: Ctx) => forms.VISIT_KINDS[c.kind];
const lastRound = (c: Ctx) => c.rounds.at(-1);
const lateNote = (c: Ctx, deadline: string, on: string | undefined) =>
  c.lateness.filter((l) => l.deadline === deadline && l.filedOn === on).map((l) => `${l.label}の期限（${day(l.effective)}）を${l.daysLate}日過ぎた登録として記録しています。`);

const events: Def[] = [
  event({
    type: 'VISIT_RESCHEDULED', label: '訪問予定日の変更', roles: OFFICES, schema: forms.visitRescheduled,
    notify: [
      {
        to: 'school', template: 'decision',
        todo: ({ context, data }) => [
          `${kindLabel(context)}の訪問予定日が ${day(data.plannedOn)} に変更されました（変更理由: ${data.reason}）。${forms.VISIT_PURPOSE[context.kind]}`,
        ],
      },
    ],
  }),
  event({
    type: 'VISIT_RECORDED', label: '指導・監督の記録（指摘事項）', roles: OFFICES, schema: forms.visitRecorded,
    prefill: (c) => ({ visitedOn: c.plannedOn, findings: [] }),
    notify: [
      {
        to: 'school', template: 'decision',
        todo: ({ context, data }) =>
          data.findings.length && data.followUpBy
            ? [
                `${day(data.visitedOn)}の${kindLabel(context)}で、${data.findings.length}件の指摘事項がありました。指導内容に従って改善し、改善の状況を ${day(data.followUpBy)} までに報告してください。`,
                ...data.findings.map((f, i) => `${i + 1}. ${f.matter}：${f.instruction}`),
              ]
            : [`${day(data.visitedOn)}の${kindLabel(context)}では、指摘事項はありませんでした。この指導・監督は完了です。`],
      },
      {
        to: 'center', template: 'received',
        todo: ({ context, data }) => [
          `${day(data.visitedOn)}の${kindLabel(context)}の記録が登録されました（訪問者: ${data.visitors}、指摘事項 ${data.findings.length}件）。`,
          ...(data.followUpBy ? [`訓練校は改善状況を ${day(data.followUpBy)} までに報告します。報告を受けたら改善の状況を確認してください。`] : []),
          ...lateNote(context, 'visitRecord', context.visit?.recordedOn),
        ],
      },
    ],
  }),
  event({
    type: 'IMPROVEMENT_REPORTED', label: '改善状況の報告', roles: ['school'], schema: forms.improvementReported,
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context, data }) => [
          `${kindLabel(context)}の指摘事項について、訓練校から改善状況の報告がありました（改善年月日 ${day(data.improvedOn)}）。指導内容（${lastRound(context)?.instruction ?? '—'}）のとおり改善されているか確認し、確認を完了するか、再指導してください。`,
          ...lateNote(context, 'followUp', lastRound(context)?.report?.reportedOn),
        ],
      },
    ],
  }),
  event({
    type: 'FURTHER_FOLLOW_UP', label: '再指導', roles: OFFICES, schema: forms.furtherFollowUp,
    notify: [
      {
        to: 'school', template: 'decision',
        todo: ({ context, data }) => [
          `${kindLabel(context)}の改善状況について再指導がありました（${data.instruction}）。改善のうえ、改善の状況を ${day(data.followUpBy)} までに報告してください。`,
        ],
      },
    ],
  }),
  event({
    type: 'FOLLOW_UP_CONFIRMED', label: '改善状況の確認（完了）', roles: OFFICES, schema: forms.followUpConfirmed,
    notify: [
      {
        to: 'school', template: 'decision',
        todo: ({ context }) => [
          `${kindLabel(context)}の指摘事項について、改善が確認されました。この指導・監督は完了です。`,
          ...(context.lateness.some((l) => l.deadline === 'followUp') ? ['改善状況の報告は期限を過ぎた提出として記録されています。'] : []),
        ],
      },
    ],
  }),
  event({
    type: 'CANCELLED', label: '訪問の中止', roles: OFFICES, schema: forms.cancelled,
    notify: [
      {
        to: 'school', template: 'decision',
        todo: ({ context, data }) => [`${day(context.plannedOn)}に予定していた${kindLabel(context)}は中止になりました（理由: ${data.reason}）。`],
      },
    ],
  }),
];

export const supervision: ProcedureDefinition<Ctx> = {
  id: 'supervision',
  version: 1,
  title: '東京都の指導・監督',
  description:
    '東京都の指導・監督業務（訓練事務指導、訓練実施状況調査、経理事務指導、実施団体・事業所調査、職業訓練法人調査、休止団体・事業所調査、随時調査）：訪問の予定→記録（指摘事項・改善状況の報告期限）→改善状況の報告→確認（再指導）→完了',
  machine: supervisionMachine,
  rules: supervisionRules,
  inputSchema: forms.supervisionInput,
  // The visiting office opens the case (an unannounced visit on the day itself: the school sees its own cases).
  createRoles: ['center', 'hq'],
  fiscalYearOf: (input: forms.SupervisionInput) => input.fiscalYear ?? fiscalYearOf(input.plannedOn),
  settings: [],
  caseTitle: (c) => `${forms.VISIT_KINDS[c.kind].replace(/^\(\d\) /, '')}（訪問予定日 ${c.plannedOn}）`,
  facts: (c): CaseFacts => [
    ['指導・監督の種類', kindLabel(c)],
    [c.visit ? '訪問日' : '訪問予定日', day(c.visit?.visitedOn ?? c.plannedOn)],
    ...(c.followUpBy ? [['改善状況の報告期限', day(c.followUpBy)] as [string, string]] : []),
    ...(c.trainingCorporation ? [['設置者', '職業訓練法人'] as [string, string]] : []),
  ],
  summary: (c) => [
    { label: '指導・監督の内容', value: forms.VISIT_PURPOSE[c.kind] },
    ...(c.visit ? [{ label: '確認した事項', value: c.visit.checked }] : []),
    ...summaryTable('指摘事項及び指導内容', c.visit?.findings ?? [], [
      ['指摘事項', (f) => f.matter],
      ['指導内容', (f) => f.instruction],
    ]),
    ...summaryTable('改善状況の報告', c.rounds, [
      ['指導内容', (r) => r.instruction],
      ['報告期限', (r) => day(r.followUpBy)],
      ['報告日', (r) => (r.report ? day(r.report.reportedOn) : null)],
      ['改善の状況', (r) => r.report?.improvements],
    ]),
  ],
  events: Object.fromEntries(events.map((e) => [e.type, e])),
  deadlines: supervisionDeadlines,
  demo: supervisionDemo,
};
