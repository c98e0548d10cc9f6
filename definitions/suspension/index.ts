/** 認定職業訓練の休止 (suspension, manual II-4): the definition the engine runs. */
import type { z } from 'zod';
import { compareDates } from '../../src/domain/dates.js';
import { fiscalYearLabel, fiscalYearOf, fiscalYearStart } from '../../src/domain/fiscal-year.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { suspensionMachine } from '../../machines/suspension.js';
import type { CaseFacts, EventDefinition, ProcedureDefinition } from '../types.js';
import type { ReviewReason, SuspensionContext } from './context.js';
import { suspensionDeadlines, suspensionSettings } from './deadlines.js';
import { suspensionDocuments } from './documents.js';
import * as forms from './forms.js';
import { refilingOwed, suspensionRules } from './rules.js';
import { suspensionDemo } from './demo.js';
import { courseRef } from '../common/courses.js';

type Ctx = SuspensionContext;
type Def = EventDefinition<Ctx>;
/** An event typed by its own form, so each message reads its payload's fields. */
const event = <S extends z.ZodType>(d: EventDefinition<Ctx, S>): Def => d;

const FILING = '認定職業訓練休止届（様式3-1）・再開計画書（様式3-2）';
const ABOLITION = '認定職業訓練廃止届（様式4）';
const BY_HQ_DATE = '本庁が定める年度ごとの提出日（休止届・再開計画書の年度ごとの提出日）まで';
const day = (d: string) => formatDateJa(d);
const thisYear = (c: Ctx) => fiscalYearLabel(c.currentFiscalYear);
const latestFiling = (c: Ctx) => c.filings.at(-1);
const lastReview = (c: Ctx) => c.reviews.at(-1);

/** The review for 認定の取消し a case may reach: 5 years for every school, 1 year for a 職業訓練法人. */
const REVIEW_LABEL: Record<ReviewReason, string> = {
  fiveYears: '休止から5年経過',
  corporationIdle: '職業訓練法人の1年以上の休止',
};
const REVOCATION_GROUND: Record<ReviewReason, string> = {
  fiveYears: '休止から5年を経過しても訓練が再開されなかった',
  corporationIdle: '職業訓練法人が正当な理由がないのに1年以上認定職業訓練を行わなかった',
};
const reviewRule = (c: Ctx) =>
  c.trainingCorporation
    ? '職業訓練法人が正当な理由がないのに1年以上認定職業訓練を行わないとき、また休止から5年を経過しても再開しないときは、本庁が認定の取消しを審査します。'
    : '休止は原則5年以内に再開します。5年を経過しても再開しないときは、本庁が認定の取消しを審査します。';

/** A late filing or a late resumption, as recorded on the case, in words. */
const lateNote = (c: Ctx, deadlines: string[], on: string) =>
  c.lateness
    .filter((l) => deadlines.includes(l.deadline) && l.filedOn === on)
    .map((l) => `${l.label}の期限（${day(l.effective)}）を${l.daysLate}日過ぎた提出として記録しています。`);

const events: Def[] = [
  event({
    type: 'SUSPENSION_FILED', label: '認定職業訓練休止届・再開計画書', form: '様式3-1・3-2', roles: ['school'], schema: forms.suspensionFiled,
    prefill: (c) => ({ notice: { course: c.course, suspensionDate: c.suspensionDate, periodFrom: c.suspensionDate } }),
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context }) => [
          `${FILING}を受け付けました（休止年月日 ${day(context.suspensionDate)}、再開予定年月日 ${day(latestFiling(context)?.plannedResumptionDate ?? context.suspensionDate)}）。休止団体・事業所調査により状況を把握し、再開に向けて指導してください。`,
          `引き続き休止する場合、訓練校は${BY_HQ_DATE}に様式3-1・3-2を再提出します。${reviewRule(context)}`,
        ],
      },
    ],
  }),
  event({
    type: 'ANNUAL_REFILED', label: '休止届・再開計画書（年度ごとの再提出）', form: '様式3-1・3-2', roles: ['school'], schema: forms.suspensionFiled,
    prefill: (c) => {
      const yearStart = fiscalYearStart(c.currentFiscalYear);
      return { notice: { course: c.course, suspensionDate: c.suspensionDate, periodFrom: compareDates(yearStart, c.suspensionDate) > 0 ? yearStart : c.suspensionDate } };
    },
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context }) => {
          const f = latestFiling(context);
          return [
            `${thisYear(context)}の${FILING}（年度ごとの再提出）を受け付けました。再開予定年月日（${f ? day(f.plannedResumptionDate) : '—'}）と再開に向けた取組みを確認してください。`,
            ...(f ? lateNote(context, ['annualRefiling'], f.filedOn) : []),
            ...(context.reviews.some((r) => r.outcome === null) ? ['この休止は本庁で認定の取消しの審査中です。'] : []),
          ];
        },
      },
    ],
  }),
  event({ type: 'INSPECTION_RECORDED', label: '休止団体調査の記録', roles: ['center'], schema: forms.inspectionRecorded }),
  event({
    type: 'RESUMED', label: '訓練の再開', roles: ['school'], schema: forms.resumed,
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ context, data }) => [
          `訓練の再開（再開年月日 ${day(data.resumedOn)}）の報告を受け付けました。以後、この訓練の様式3-1・3-2の年度ごとの再提出はありません。再開後の訓練の実施状況を確認してください。`,
          ...lateNote(context, ['fiveYearReview', 'corporationReview'], context.resumption?.reportedOn ?? ''),
        ],
      },
      {
        to: 'hq', template: 'received',
        todo: ({ context, data }) => [
          `休止中の訓練が再開されました（休止年月日 ${day(context.suspensionDate)}、再開年月日 ${day(data.resumedOn)}）。`,
          ...(lastReview(context)?.outcome === 'resumed' ? ['認定の取消しの審査は、訓練の再開により終了しました。'] : []),
          ...lateNote(context, ['fiveYearReview', 'corporationReview'], context.resumption?.reportedOn ?? ''),
        ],
      },
    ],
  }),
  event({
    type: 'ABOLISHED', label: '認定職業訓練廃止届', form: '様式4', roles: ['school'], schema: forms.abolished,
    prefill: (c) => ({ course: c.course }),
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ data }) => [
          `${ABOLITION}を受け付けました（廃止年月日 ${day(data.abolishedOn)}）。認定書が添えられていること、訓練関係の帳票類の引継先（${data.custodian.name}、${data.custodian.address}、${data.custodian.representative}）を確認してください。`,
          '過去に事業内職業訓練事業補助金の施設費・設備費を利用している場合は、その取扱いを確認してください。',
        ],
      },
      {
        to: 'hq', template: 'received',
        todo: ({ context, data }) => [
          `${ABOLITION}が管轄職業能力開発センターに提出されました（廃止年月日 ${day(data.abolishedOn)}、訓練関係の帳票類の引継先 ${data.custodian.name}）。認定職業訓練の廃止を確認してください。`,
          ...(lastReview(context)?.outcome === 'abolished' ? ['認定の取消しの審査は、廃止届により終了しました。'] : []),
        ],
      },
    ],
  }),
  event({
    type: 'REVIEW_CONTINUED', label: '審査の結果、休止の継続を認める', roles: ['hq'], schema: forms.reviewContinued,
    notify: [
      {
        to: 'school', template: 'decision',
        todo: ({ context }) => [
          `本庁は、認定の取消しの審査（${REVIEW_LABEL[lastReview(context)?.reason ?? 'fiveYears']}）の結果、休止の継続を認めました。`,
          refilingOwed(context)
            ? `${thisYear(context)}の${FILING}がまだ提出されていません。${BY_HQ_DATE}に管轄職業能力開発センターへ提出してください。`
            : `${thisYear(context)}の${FILING}は提出済みです。`,
          `引き続き休止する間は、各年度、${BY_HQ_DATE}に様式3-1・3-2を再提出してください。訓練を再開したときは再開を届け出、再開しないときは${ABOLITION}に認定書を添えて提出してください。`,
        ],
      },
      {
        to: 'center', template: 'decision',
        todo: ({ context }) => [
          `本庁が、認定の取消しの審査（${REVIEW_LABEL[lastReview(context)?.reason ?? 'fiveYears']}）の結果、休止の継続を認めました。休止団体・事業所調査により状況を把握し、再開に向けて指導してください。`,
          ...(refilingOwed(context) ? [`${thisYear(context)}の様式3-1・3-2はまだ提出されていません。`] : []),
        ],
      },
    ],
  }),
  event({
    type: 'REVOKED', label: '認定の取消し', roles: ['hq'], schema: forms.revoked,
    notify: [
      {
        to: 'school', template: 'decision',
        todo: ({ context, data }) => [
          `本庁は、${REVOCATION_GROUND[lastReview(context)?.reason ?? 'fiveYears']}ため、認定職業訓練の認定を${day(data.revokedOn)}付けで取り消しました。`,
          '以後、この訓練の休止届・再開計画書（様式3-1・3-2）の提出は不要です。訓練関係の帳票類は保存年限に従って保存してください。',
        ],
      },
      {
        to: 'center', template: 'decision',
        todo: ({ context, data }) => [
          `本庁が、認定の取消しの審査（${REVIEW_LABEL[lastReview(context)?.reason ?? 'fiveYears']}）の結果、認定職業訓練の認定を${day(data.revokedOn)}付けで取り消しました。`,
          'この訓練の様式3-1・3-2の年度ごとの受付と休止団体・事業所調査は終了します。',
        ],
      },
    ],
  }),
  event({
    type: 'WITHDRAWN', label: '休止届の取下げ', roles: ['school'], schema: forms.withdrawn,
    notify: [
      {
        to: 'center', template: 'received',
        todo: ({ data }) => [`休止の届出前に、休止の手続きが取り下げられました（理由: ${data.reason}）。この${FILING}は提出されません。`],
      },
    ],
  }),
];

export const suspension: ProcedureDefinition<Ctx> = {
  id: 'suspension',
  version: 1,
  title: '認定職業訓練の休止',
  description: '認定職業訓練の休止届（様式3-1・3-2）と年度ごとの再提出、5年（職業訓練法人は1年）経過時の取消し審査、再開・廃止（様式4）・取消し',
  demo: suspensionDemo,
  machine: suspensionMachine,
  rules: suspensionRules,
  inputSchema: forms.suspensionInput,
  createRoles: ['school', 'hq'],
  fiscalYearOf: (input: forms.SuspensionInput) => input.fiscalYear ?? fiscalYearOf(input.suspensionDate),
  settings: suspensionSettings,
  caseTitle: (c) => `${c.course.kei}系 ${c.course.ka}科 認定職業訓練の休止`,
  courses: (c) => [courseRef(c.course)],
  facts: (c) => {
    const facts: CaseFacts = [
      ['訓練科（系・科）', `${c.course.kei}系 ${c.course.ka}科`],
      ['訓練の種類・訓練課程', `${c.course.trainingType}・${c.course.courseType}`],
      ['休止年月日', day(c.suspensionDate)],
      ['休止中の年度', thisYear(c)],
    ];
    const f = latestFiling(c);
    if (f) facts.push(['再開予定年月日', day(f.plannedResumptionDate)]);
    if (c.trainingCorporation) facts.push(['設置者', '職業訓練法人']);
    return facts;
  },
  events: Object.fromEntries(events.map((e) => [e.type, e])),
  deadlines: suspensionDeadlines,
  documents: suspensionDocuments,
};
