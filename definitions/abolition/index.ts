/** 認定職業訓練の廃止 (abolition, manual II-4(2), 法40条・規則34条, 様式4): the definition the engine runs. */
import type { z } from 'zod';
import { fiscalYearOf } from '../../src/domain/fiscal-year.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { abolitionMachine } from '../../machines/abolition.js';
import { courseName } from '../common/document-layout.js';
import { summaryTable } from '../common/display.js';
import type { CaseFacts, EventDefinition, ProcedureDefinition } from '../types.js';
import type { AbolitionContext } from './context.js';
import { abolitionDeadlines } from './deadlines.js';
import { abolitionDemo } from './demo.js';
import { abolitionDocuments } from './documents.js';
import * as forms from './forms.js';
import { abolitionRules } from './rules.js';
import { courseRef } from '../common/courses.js';

type Ctx = AbolitionContext;
type Def = EventDefinition<Ctx>;
/** An event typed by its own form, so each message reads its payload's fields. */
const event = <S extends z.ZodType>(d: EventDefinition<Ctx, S>): Def => d;

const NOTICE = '認定職業訓練廃止届（様式4）';
const day = (d: string) => formatDateJa(d);
const trainingList = (c: Ctx) => c.trainings.map(courseName).join('、');
const latest = (c: Ctx) => c.filings.at(-1);

/** The engine refused the filing while a case of an abolished 訓練科 was open; cases about the whole school remain. */
const schoolWideNote = (c: Ctx): string[] => {
  if (!c.schoolWideCases) return [];
  if (!c.schoolWideCases.length) return ['廃止する訓練科の進行中の案件はなく、この訓練校に進行中の他の案件もありません（提出時に確認済み）。'];
  return [
    `廃止する訓練科の進行中の案件はありません（提出時に確認済み）。訓練校全体に関わる次の案件が進行中です（訓練をすべて廃止するときは、その取扱いを訓練校と確認してください）: ${c.schoolWideCases.map((x) => `${x.title}（${x.stateLabel}）`).join('、')}。`,
  ];
};

/** What the centre checks before the receipt: the attachments, the custodian, the school's other cases. */
const centreChecks = (c: Ctx) => {
  const f = latest(c);
  return [
    `認定書が添えられていること、訓練関係の帳票類の引継先（${f ? `${f.custodian.name}、${f.custodian.address}、${f.custodian.representative}` : '—'}）を確認してください。`,
    ...schoolWideNote(c),
    ...(f?.subsidyUsed ? ['過去に事業内職業訓練事業補助金の施設費・設備費を利用しています。その取扱いについて相談に応じてください。'] : []),
  ];
};

const lateNote = (c: Ctx) =>
  c.lateness.map((l) => `廃止年月日から1か月の届出の期限（${day(l.effective)}）を${l.daysLate}日過ぎた提出として記録しています。`);

const RETENTION = '訓練関係の帳票類は、認定職業訓練を廃止した後も保存年限に従って引継先で保存してください。';

const events: Def[] = [
  event({
    type: 'ABOLITION_FILED', label: '認定職業訓練廃止届', form: '様式4', roles: ['school'], schema: forms.abolitionFiled,
    prefill: (c) => ({ trainings: c.trainings, abolishedOn: c.abolishedOn }),
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context }) => [
          `${NOTICE}を受け付けました（廃止年月日 ${day(context.abolishedOn)}、訓練科: ${trainingList(context)}）。`,
          ...centreChecks(context),
          '確認のうえ、受理するか、補正を求めてください。',
          ...lateNote(context),
        ],
      },
    ],
  }),
  event({
    type: 'CORRECTION_REQUESTED', label: '廃止届の補正の求め', roles: ['center'], schema: forms.correctionRequested,
    notify: [
      {
        to: 'school', template: 'decision',
        todo: ({ data }) => [
          `管轄職業能力開発センターから${NOTICE}の補正を求められました（補正を求める事項: ${data.points}）。補正した様式4を認定書とともに管轄職業能力開発センターへ再提出してください。`,
        ],
      },
    ],
  }),
  event({
    type: 'REFILED', label: '認定職業訓練廃止届（補正後の再提出）', form: '様式4', roles: ['school'], schema: forms.abolitionFiled,
    prefill: (c) => {
      const f = latest(c);
      if (!f) return { trainings: c.trainings, abolishedOn: c.abolishedOn };
      const { filedOn: _on, ...previous } = f;
      // Filings made before the engine checked the open cases carry the school's declaration: not a field any more.
      const { otherCasesSettled: _declared, ...asForm } = previous as typeof previous & { otherCasesSettled?: boolean };
      return asForm;
    },
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context }) => [
          `補正後の${NOTICE}を受け付けました（廃止年月日 ${day(context.abolishedOn)}）。求めた補正（${context.corrections.at(-1)?.points ?? '—'}）がされているか確認してください。`,
          ...centreChecks(context),
        ],
      },
    ],
  }),
  event({
    type: 'ACCEPTED', label: '廃止届の受理', roles: ['center'], schema: forms.accepted,
    notify: [
      {
        to: 'school', template: 'decision',
        todo: ({ context, data }) => [
          `${NOTICE}が受理されました（廃止年月日 ${day(context.abolishedOn)}、訓練科: ${trainingList(context)}、認定書の受領日 ${day(data.certificateReceivedOn)}）。`,
          RETENTION,
          ...(context.lateness.length ? ['この届出は廃止年月日から1か月を過ぎた提出として記録されています。'] : []),
        ],
      },
      {
        to: 'hq', template: 'received',
        todo: ({ context }) => [
          `管轄職業能力開発センターが${NOTICE}を受理しました（廃止年月日 ${day(context.abolishedOn)}、訓練科: ${trainingList(context)}、帳票類の引継先 ${latest(context)?.custodian.name ?? '—'}）。認定職業訓練の廃止を確認してください。`,
          ...(latest(context)?.subsidyUsed ? ['この訓練校は過去に事業内職業訓練事業補助金の施設費・設備費を利用しています。'] : []),
        ],
      },
    ],
  }),
  event({
    type: 'WITHDRAWN', label: '廃止届の取下げ', roles: ['school'], schema: forms.withdrawn,
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context, data }) => [
          context.filings.length
            ? `受理前に${NOTICE}が取り下げられました（理由: ${data.reason}）。認定職業訓練は継続します。`
            : `${NOTICE}の提出前に、廃止の手続きが取り下げられました（理由: ${data.reason}）。この廃止届は提出されません。`,
        ],
      },
    ],
  }),
];

export const abolition: ProcedureDefinition<Ctx> = {
  id: 'abolition',
  version: 1,
  title: '認定職業訓練の廃止',
  description: '認定職業訓練の廃止（法40条・規則34条）：様式4に認定書を添えて管轄職業能力開発センターへ届出（帳票類の引継先。廃止する訓練科の進行中の案件は先に完了又は取下げ）→確認（補正の求め・再提出）→受理',
  machine: abolitionMachine,
  rules: abolitionRules,
  inputSchema: forms.abolitionInput,
  createRoles: ['school'],
  fiscalYearOf: (input: forms.AbolitionInput) => input.fiscalYear ?? fiscalYearOf(input.abolishedOn),
  settings: [],
  caseTitle: (c) => `認定職業訓練の廃止（${trainingList(c)}、廃止年月日 ${c.abolishedOn}）`,
  courses: (c) => c.trainings.map(courseRef),
  schoolCases: { events: ['ABOLITION_FILED', 'REFILED'] },
  facts: (c): CaseFacts => [
    ['廃止年月日', day(c.abolishedOn)],
    ['廃止する訓練', c.trainings.map((t) => `${t.trainingType}・${t.courseType} ${courseName(t)}`).join('、')],
    ...(c.trainingCorporation ? [['設置者', '職業訓練法人'] as [string, string]] : []),
  ],
  summary: (c) => {
    const f = latest(c);
    return [
      ...(f ? [{ label: '訓練関係の帳票類の引継先', value: `${f.custodian.name}（${f.custodian.address}、代表者 ${f.custodian.representative}）` }] : []),
      ...(c.acceptance ? [{ label: '受理日・認定書の受領日', value: `${day(c.acceptance.on)}・${day(c.acceptance.certificateReceivedOn)}` }] : []),
      ...summaryTable('補正の求め', c.corrections, [
        ['求めた日', (x) => day(x.requestedOn)],
        ['補正を求める事項', (x) => x.points],
      ]),
    ];
  },
  events: Object.fromEntries(events.map((e) => [e.type, e])),
  deadlines: abolitionDeadlines,
  demo: abolitionDemo,
  documents: abolitionDocuments,
};
