/** 訓練管理帳票類の保存年限 (retention of training records, manual II-6): the definition the engine runs. */
import type { z } from 'zod';
import { fiscalYearLabel } from '../../src/domain/fiscal-year.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { recordRetentionMachine } from '../../machines/record-retention.js';
import { summaryTable } from '../common/display.js';
import type { CaseFacts, EventDefinition, ProcedureDefinition } from '../types.js';
import type { KeptRecord, RecordRetentionContext } from './context.js';
import { recordRetentionDeadlines } from './deadlines.js';
import { recordRetentionDemo } from './demo.js';
import * as forms from './forms.js';
import { awaitingDisposal, disposableFrom, kept, nextRetentionEnd, permanent } from './records.js';
import { recordRetentionRules } from './rules.js';
import { COURSE_TYPES } from './table.js';

type Ctx = RecordRetentionContext;
type Def = EventDefinition<Ctx>;
/** An event typed by its own form, so each message reads its payload's fields. */
const event = <S extends z.ZodType>(d: EventDefinition<Ctx, S>): Def => d;

const day = (d: string) => formatDateJa(d);
const year = (c: Ctx) => fiscalYearLabel(c.fiscalYear);
const named = (r: KeptRecord) => `${r.name}（${r.forms}）`;
const period = (r: KeptRecord) => (r.retention === 'permanent' ? '永年' : `${r.retention}年`);

const events: Def[] = [
  event({
    type: 'DISPOSED', label: '帳票の廃棄の記録', roles: ['school'], schema: forms.disposed,
    prefill: (c) => ({ records: awaitingDisposal(c).map((r) => r.no) }),
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context, data }) => {
          const gone = context.records.filter((r) => data.records.includes(r.no));
          const next = nextRetentionEnd(context);
          return [
            `${year(context)}の訓練管理帳票類のうち、保存年限が満了した${gone.map(named).join('、')}を${day(data.disposedOn)}に廃棄したと登録されました（方法: ${data.method}）。`,
            permanent(context).length ? `永年保存の帳票（${permanent(context).map(named).join('、')}）は引き続き保存します。` : '永年保存の帳票はありません。',
            ...(next ? [`次に保存年限が満了するのは${day(next)}です。`] : []),
          ];
        },
      },
    ],
  }),
  event({
    type: 'RECORDS_TRANSFERRED', label: '帳票類の引継', roles: ['school'], schema: forms.recordsTransferred,
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context, data }) => [
          `${year(context)}の訓練管理帳票類が${data.custodian.name}（${data.custodian.address}、代表者 ${data.custodian.representative}）に引き継がれました（引継年月日 ${day(data.transferredOn)}、理由: ${data.reason}）。`,
          '認定職業訓練を廃止した場合でも、帳票類は保存年限に従って保存します。',
          `保存中の帳票: ${kept(context).map((r) => `${named(r)} ${period(r)}`).join('、') || 'なし'}`,
        ],
      },
    ],
  }),
];

export const recordRetention: ProcedureDefinition<Ctx> = {
  id: 'record-retention',
  version: 1,
  title: '訓練管理帳票類の保存',
  description: '訓練管理帳票一覧表（手引II-6）の保存年限（補助金・助成金の有無により3年・5年、永年）に従い、年度ごとの帳票をいつから廃棄できるかを示し、永年保存の帳票を区別する。廃止後も引継先で保存年限に従って保存',
  machine: recordRetentionMachine,
  rules: recordRetentionRules,
  inputSchema: forms.recordRetentionInput,
  createRoles: ['school'],
  fiscalYearOf: (input: forms.RecordRetentionInput) => input.fiscalYear,
  settings: [],
  caseTitle: (c) => `${year(c)} 訓練管理帳票類の保存`,
  facts: (c): CaseFacts => [
    ['帳票の年度', year(c)],
    ['訓練課程', c.courseTypes.map((t) => COURSE_TYPES[t]).join('、')],
    ['補助金・助成金', c.subsidy ? '交付あり（保存年限5年）' : '交付なし（保存年限3年）'],
    ['永年保存の帳票', `${permanent(c).length}種類`],
    ...(c.custodian ? [['帳票類の引継先', c.custodian.name] as [string, string]] : []),
  ],
  summary: (c) =>
    summaryTable('訓練管理帳票類と保存年限', c.records, [
      ['番号', (r) => r.no],
      ['帳票', (r) => r.name],
      ['様式', (r) => r.forms],
      ['保存年限', period],
      ['廃棄できる日', (r) => (r.retention === 'permanent' ? '永年保存（廃棄不可）' : day(disposableFrom(r)!))],
      ['状況', (r) => (r.disposedOn ? `廃棄済（${day(r.disposedOn)}）` : r.disposable ? '廃棄可' : '保存中')],
    ]),
  events: Object.fromEntries(events.map((e) => [e.type, e])),
  deadlines: recordRetentionDeadlines,
  demo: recordRetentionDemo,
};
