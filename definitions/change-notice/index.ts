/** 認定職業訓練事項変更届 (change notice, manual II-3, 様式2, 規則33条・51条): the definition the engine runs. */
import type { z } from 'zod';
import { fiscalYearOf } from '../../src/domain/fiscal-year.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { changeNoticeMachine } from '../../machines/change-notice.js';
import type { CaseFacts, EventDefinition, ProcedureDefinition } from '../types.js';
import type { ChangeNoticeContext } from './context.js';
import { changeNoticeDeadlines } from './deadlines.js';
import { changeNoticeDemo } from './demo.js';
import { changeNoticeDocuments } from './documents.js';
import * as forms from './forms.js';
import { changeNoticeRules } from './rules.js';

type Ctx = ChangeNoticeContext;
type Def = EventDefinition<Ctx>;
/** An event typed by its own form, so each message reads its payload's fields. */
const event = <S extends z.ZodType>(d: EventDefinition<Ctx, S>): Def => d;

const NOTICE = '認定職業訓練事項変更届（様式2）';
const day = (d: string) => formatDateJa(d);
const itemList = (c: Ctx) => c.items.map((i) => forms.CHANGE_ITEMS[i]).join('／');
const latest = (c: Ctx) => c.filings.at(-1);

/** The manual's note for a 職業訓練法人 (II-3 《変更届提出の際の留意点》). */
export const ARTICLES_APPROVAL =
  '職業訓練法人の定款等の記載事項については別途、法施行規則第51条に基づき都知事に申請し、変更認可を受ける必要があります。';
const articlesNote = (c: Ctx) => (c.articlesApprovalNeeded ? [ARTICLES_APPROVAL] : []);

/** A filing after the change date, as recorded on the case, in words. */
const lateNote = (c: Ctx) =>
  c.lateness
    .filter((l) => l.deadline === 'changeNotice')
    .map((l) => `変更年月日前の届出の期限（${day(l.effective)}）を${l.daysLate}日過ぎた提出（変更後の届出）として記録しています。`);

const operatingRulesNote = (c: Ctx) =>
  latest(c)?.operatingRulesAttached ? ['変更に関連する運営要綱等（運営の方法等を明らかにする書面）が併せて提出されています。'] : [];

const events: Def[] = [
  event({
    type: 'CHANGE_FILED', label: '認定職業訓練事項変更届', form: '様式2', roles: ['school'], schema: forms.changeFiled,
    prefill: (c) => ({ changeDate: c.changeDate, changes: c.items.map((item) => ({ item, before: '', after: '' })) }),
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context }) => [
          `${NOTICE}を受け付けました（変更年月日 ${day(context.changeDate)}、変更事項: ${itemList(context)}）。変更事項及びその内容（新・旧）、変更年月日、変更理由を確認し、受理するか、補正を求めてください。`,
          ...lateNote(context),
          ...operatingRulesNote(context),
          ...articlesNote(context),
        ],
      },
    ],
  }),
  event({
    type: 'CORRECTION_REQUESTED', label: '変更届の補正の求め', roles: ['center'], schema: forms.correctionRequested,
    notify: [
      {
        to: 'school', template: 'decision',
        todo: ({ data }) => [
          `管轄職業能力開発センターから${NOTICE}の補正を求められました（補正を求める事項: ${data.points}）。補正した様式2を管轄職業能力開発センターへ再提出してください。`,
        ],
      },
    ],
  }),
  event({
    type: 'REFILED', label: '認定職業訓練事項変更届（補正後の再提出）', form: '様式2', roles: ['school'], schema: forms.changeFiled,
    // The previous filing, to correct where the centre asked.
    prefill: (c) => {
      const f = latest(c);
      if (!f) return { changeDate: c.changeDate };
      const { filedOn: _on, ...previous } = f;
      return previous;
    },
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context }) => [
          `補正後の${NOTICE}を受け付けました（変更年月日 ${day(context.changeDate)}）。求めた補正（${context.corrections.at(-1)?.points ?? '—'}）がされているか確認し、受理するか、再度補正を求めてください。`,
          ...operatingRulesNote(context),
          ...articlesNote(context),
        ],
      },
    ],
  }),
  event({
    type: 'ACKNOWLEDGED', label: '変更届の受理', roles: ['center'], schema: forms.acknowledged,
    notify: [
      {
        to: 'school', template: 'decision',
        todo: ({ context }) => [
          `${NOTICE}が受理されました（変更年月日 ${day(context.changeDate)}、変更事項: ${itemList(context)}）。`,
          ...(context.lateness.length
            ? [`この届出は変更年月日より後の提出として記録されています。認定職業訓練事項の変更は、事前かつ速やかに届け出てください（事前の届出が難しい場合は、各センター担当者にご相談ください）。`]
            : []),
          ...articlesNote(context),
        ],
      },
    ],
  }),
  event({
    type: 'WITHDRAWN', label: '変更届の取下げ', roles: ['school'], schema: forms.withdrawn,
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context, data }) => [
          context.filings.length
            ? `受理前に${NOTICE}が取り下げられました（理由: ${data.reason}）。確認・補正の手続きは終了します。`
            : `${NOTICE}の提出前に、変更の手続きが取り下げられました（理由: ${data.reason}）。この変更届は提出されません。`,
        ],
      },
    ],
  }),
];

export const changeNotice: ProcedureDefinition<Ctx> = {
  id: 'change-notice',
  version: 1,
  title: '認定職業訓練事項変更届',
  description: '認定職業訓練事項の変更（規則33条・51条）：変更事項(1)〜(6)を変更年月日前に様式2で管轄職業能力開発センターへ届出→確認（補正の求め・再提出）→受理',
  machine: changeNoticeMachine,
  rules: changeNoticeRules,
  inputSchema: forms.changeNoticeInput,
  createRoles: ['school'],
  fiscalYearOf: (input: forms.ChangeNoticeInput) => input.fiscalYear ?? fiscalYearOf(input.changeDate),
  settings: [],
  caseTitle: (c) => `認定職業訓練事項変更届（変更事項${c.items.map((i) => forms.CHANGE_ITEMS[i].slice(0, 3)).join('')}、変更年月日 ${c.changeDate}）`,
  facts: (c): CaseFacts => [
    ['変更年月日', day(c.changeDate)],
    ['変更事項', itemList(c)],
    ...(c.trainingCorporation ? [['設置者', '職業訓練法人'] as [string, string]] : []),
    ...(c.articlesApprovalNeeded ? [['規則51条の変更認可', '要（定款等の記載事項の変更）'] as [string, string]] : []),
  ],
  events: Object.fromEntries(events.map((e) => [e.type, e])),
  deadlines: changeNoticeDeadlines,
  demo: changeNoticeDemo,
  documents: changeNoticeDocuments,
};
