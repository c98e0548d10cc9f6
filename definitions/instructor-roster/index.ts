/** 職業訓練指導員・講師名簿、承諾書 (instructor roster, manual II-6(1), 様式5-1・5-2・5-3): the definition the engine runs. */
import type { z } from 'zod';
import { fiscalYearLabel } from '../../src/domain/fiscal-year.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { instructorRosterMachine } from '../../machines/instructor-roster.js';
import { summaryTable } from '../common/display.js';
import type { CaseFacts, EventDefinition, ProcedureDefinition } from '../types.js';
import { consentsOwed, missingConsents, needsConsent } from './consents.js';
import type { InstructorRosterContext } from './context.js';
import { instructorRosterDeadlines, instructorRosterSettings } from './deadlines.js';
import { instructorRosterDemo } from './demo.js';
import * as forms from './forms.js';
import { instructorRosterRules } from './rules.js';

type Ctx = InstructorRosterContext;
type Def = EventDefinition<Ctx>;
/** An event typed by its own form, so each message reads its payload's fields. */
const event = <S extends z.ZodType>(d: EventDefinition<Ctx, S>): Def => d;

const ROSTER = '職業訓練指導員・講師名簿（様式5-1・5-2）';
const CONSENT = '指導員・講師承諾書（様式5-3）';
const day = (d: string) => formatDateJa(d);
const year = (c: Ctx) => fiscalYearLabel(c.fiscalYear);

/** How many 承諾書 are in, and who still owes one, in words. */
const consentState = (c: Ctx) => {
  const owed = consentsOwed(c).length;
  const missing = missingConsents(c);
  return missing.length
    ? `${CONSENT}は${owed}人中${owed - missing.length}人分を受け取り済みで、未提出は${missing.map((r) => r.name).join('、')}です。`
    : `${CONSENT}は、承諾書を要する${owed}人全員分がそろいました。`;
};

const lateNote = (c: Ctx, deadline: string, on: string) =>
  c.lateness.filter((l) => l.deadline === deadline && l.filedOn === on).map((l) => `${l.label}の期限（${day(l.effective)}）を${l.daysLate}日過ぎた登録として記録しています。`);

const events: Def[] = [
  event({
    type: 'ROSTER_FILED', label: '職業訓練指導員・講師名簿の作成', form: '様式5-1・5-2', roles: ['school'], schema: forms.rosterFiled,
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context, data }) => [
          `${year(context)}の${ROSTER}が作成されました（作成年月日 ${day(data.preparedOn)}、集合 ${data.collective.length}人、分散 ${data.dispersed.length}事業所）。指導員資格を有する者が基準どおりに配置されているか確認してください。`,
          consentState(context),
          ...lateNote(context, 'rosterPreparation', context.lateness.at(-1)?.filedOn ?? ''),
        ],
      },
    ],
  }),
  event({
    type: 'CONSENT_RECORDED', label: '指導員・講師承諾書の受領', form: '様式5-3', roles: ['school'], schema: forms.consentRecorded,
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context, data }) => [
          `${year(context)}の${CONSENT}の受領が登録されました（${data.consents.map((x) => x.name).join('、')}）。`,
          consentState(context),
          ...lateNote(context, 'consentCollection', context.consents.at(-1)?.recordedOn ?? ''),
        ],
      },
    ],
  }),
  event({
    type: 'ROSTER_CHANGED', label: '職業訓練指導員・講師名簿の変更', form: '様式5-1・5-2', roles: ['school'], schema: forms.rosterChanged,
    // The roster as it stands, to correct.
    prefill: (c) => ({ collective: c.collective, dispersed: c.dispersed }),
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context, data }) => [
          `${year(context)}の${ROSTER}が変更されました（変更年月日 ${day(data.changedOn)}、変更理由: ${data.reason}）。`,
          consentState(context),
        ],
      },
    ],
  }),
  event({
    type: 'WITHDRAWN', label: '名簿の取下げ', roles: ['school'], schema: forms.withdrawn,
    notify: [{ to: 'center', template: 'received', todo: ({ context, data }) => [`${year(context)}の${ROSTER}の作成が取り下げられました（理由: ${data.reason}）。`] }],
  }),
];

const roleLabel = (r: { role: 'instructor' | 'lecturer' }) => (r.role === 'instructor' ? '指導員' : '講師');

export const instructorRoster: ProcedureDefinition<Ctx> = {
  id: 'instructor-roster',
  version: 1,
  title: '職業訓練指導員・講師名簿、承諾書',
  description: '職業訓練指導員・講師名簿（様式5-1 集合・5-2 分散）を毎年度作成し、集合訓練の指導員・講師から毎年度承諾書（様式5-3）を受け取る（単独校の内部講師で無報酬の者を除く）。名簿は変更のたびに変更理由・変更年月日を記入して修正',
  machine: instructorRosterMachine,
  rules: instructorRosterRules,
  inputSchema: forms.instructorRosterInput,
  createRoles: ['school'],
  fiscalYearOf: (input: forms.InstructorRosterInput) => input.fiscalYear,
  settings: instructorRosterSettings,
  caseTitle: (c) => `${year(c)} 職業訓練指導員・講師名簿、承諾書`,
  facts: (c): CaseFacts => [
    ['年度', year(c)],
    ['訓練校の別', forms.SCHOOL_TYPES[c.schoolType]],
    ...(c.preparedOn ? [['指導員・講師（集合・分散）', `${c.collective.length}人・${c.dispersed.length}事業所`] as [string, string]] : []),
    ...(c.preparedOn ? [['承諾書', `${consentsOwed(c).length - missingConsents(c).length} / ${consentsOwed(c).length}人`] as [string, string]] : []),
  ],
  summary: (c) => [
    ...summaryTable('職業訓練指導員・講師名簿（集合）〔様式5-1〕', c.collective, [
      ['番号', (r) => r.number],
      ['指導員・講師', roleLabel],
      ['担当科目', (r) => r.subjects],
      ['氏名', (r) => r.name],
      ['事業所名', (r) => r.employer],
      ['免許取得年月日・免許番号', (r) => (r.licence ? `${day(r.licence.acquiredOn)} ${r.licence.number}` : null)],
      ['承諾書〔様式5-3〕', (r) => (!needsConsent(c.schoolType, r) ? '不要（単独校の内部講師・無報酬）' : (c.consents.find((x) => x.name === r.name) ? `受領（${day(c.consents.find((x) => x.name === r.name)!.consentedOn)}）` : '未提出'))],
    ]),
    ...summaryTable('職業訓練指導員・講師名簿（分散）〔様式5-2〕', c.dispersed, [
      ['番号', (r) => r.number],
      ['事業所名', (r) => r.employer],
      ['代表者名', (r) => r.representative],
      ['訓練生数', (r) => r.trainees],
      ['指導員・講師 氏名', (r) => `${r.name}（${roleLabel(r)}）`],
    ]),
    ...summaryTable('名簿の変更', c.changes, [
      ['変更年月日', (x) => day(x.changedOn)],
      ['変更理由', (x) => x.reason],
    ]),
  ],
  events: Object.fromEntries(events.map((e) => [e.type, e])),
  deadlines: instructorRosterDeadlines,
  demo: instructorRosterDemo,
};
