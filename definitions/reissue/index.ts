/** 合格証書・修了証書の再交付 (reissue, manual III (16) 様式22 and IV (13) 様式28): the definition the engine runs. */
import type { z } from 'zod';
import { fiscalYearOf } from '../../src/domain/fiscal-year.js';
import { formatDateJa } from '../../src/domain/wareki.js';
import { reissueMachine } from '../../machines/reissue.js';
import { applicationReturnedForm, certificationEvents, deliveredForm } from '../common/certification-phase.js';
import type { CaseFacts, EventDefinition, EventNotice, ProcedureDefinition } from '../types.js';
import type { ReissueContext } from './context.js';
import { reissueDeadlines } from './deadlines.js';
import { reissueDocuments } from './documents.js';
import * as forms from './forms.js';
import { prefill } from './prefill.js';
import { attachmentsText, reissueRules, requiredAttachments } from './rules.js';
import { reissueDemo } from './demo.js';
import { courseRef } from '../common/courses.js';

type Ctx = ReissueContext;
type Notice<S extends z.ZodType> = EventNotice<Ctx, z.output<S>>;
/** An event whose messages read its own payload type; the definition's table forgets it. */
const event = <S extends z.ZodType>(d: EventDefinition<Ctx, S>): EventDefinition<Ctx, any> => d;

const REASON = { lost: '紛失', burned: '焼失', nameChanged: '氏名変更' } as const;

/** The papers of this case, by the type of the certificate (manual III (16) for 様式22, IV (13) for 様式28). */
const PAPERS = {
  'skill-check': { application: '技能照査合格証書再証明申請書（様式22）', certificate: '技能照査合格証書（様式21）' },
  completion: { application: '修了証書再証明申請書（様式28）', certificate: '修了証書（様式27-2）' },
} as const;
/** A case whose certificate type is not known yet (never after a valid input): both forms, by type. */
const EITHER = { application: '再証明申請書（技能照査合格証書は様式22、修了証書は様式28）', certificate: '再交付する証書（様式21／様式27-2）' } as const;
const papers = (c: Ctx) => (c.certificateType ? PAPERS[c.certificateType] : EITHER);

const HQ_OFFICE = '本庁（産業労働局雇用就業部能力開発課）';
const day = (d: string) => formatDateJa(d);
/** The reissue date HQ gave, or a hint that it is still to be confirmed. */
const reissueDay = (c: Ctx) => (c.reissue ? day(c.reissue.reissueDate) : '本庁が示す日付');

const numbersAssignedTodo: Notice<typeof forms.numbersAssigned>['todo'] = ({ context: c, data }) => {
  const p = papers(c);
  return [
    `本庁から再交付証書に記載する日付（${day(data.reissueDate)}）と番号（再交付番号 ${data.schoolNumber}、再証明番号 ${data.tokyoNumber}）が示されました。`,
    `${p.certificate}を、示された日付と、頭に「再」を付けた交付番号・証明番号で作成してください。`,
    `旧証明番号（${c.original.tokyoNumber ?? '元の証書の証明番号'}）と示された番号を記載した${p.application}に${attachmentsText(c)}を添付し、${HQ_OFFICE}へ再証明を申請してください。`,
  ];
};

const applicationFiledTodo: Notice<typeof forms.applicationFiled>['todo'] = ({ context: c, data }) => [
  `${papers(c).application}を受け付けました（旧証明番号 ${data.oldTokyoNumber}、再交付番号 ${data.reissueSchoolNumber}、再証明番号 ${data.reissueTokyoNumber}）。`,
  `添付書類（${attachmentsText(c)}）を確認し、再交付証書に記載する日付（${reissueDay(c)}）までに再証明を行ってください。不備があれば差し戻してください。`,
];

const recertifiedTodo: Notice<typeof forms.recertified>['todo'] = ({ context: c, data }) => [
  `再証明が行われました（再証明年月日 ${day(data.certifiedOn)}）。`,
  `再交付する${papers(c).certificate}を本人に交付し、再交付証書に記載した日付（${reissueDay(c)}）から1週間以内に、システムへ交付を登録してください。`,
];

const returnedTodo: Notice<typeof applicationReturnedForm>['todo'] = ({ context: c, data }) => [
  `${papers(c).application}が差し戻されました（理由: ${data.reason}）。`,
  `差戻し理由を確認し、再交付番号・再証明番号は本庁が示した ${c.reissue ? `${c.reissue.schoolNumber}・${c.reissue.tokyoNumber}` : '番号'} のまま、修正した申請書に${attachmentsText(c)}を添付して再度申請してください。`,
];

const deliveredTodo: Notice<typeof deliveredForm>['todo'] = ({ context: c, data }) => [
  `再交付する${papers(c).certificate}の交付が登録されました（交付年月日 ${day(data.deliveredOn)}）。再交付の記録を確認してください。`,
];

const withdrawnTodo: Notice<typeof forms.withdrawn>['todo'] = ({ context: c, data }) => [
  `${papers(c).certificate}の再交付の取下げを受け付けました（理由: ${data.reason}）。`,
  ...(c.reissue ? [`示した再交付番号 ${c.reissue.schoolNumber}・再証明番号 ${c.reissue.tokyoNumber} はこの再交付には使われません。`] : []),
];

/** The shared 知事証明 / return / delivery events, with this procedure's labels and messages naming its own forms. */
const [recertifiedEvent, returnedEvent, deliveredEvent] = certificationEvents({
  certify: 'RECERTIFIED',
  returned: 'APPLICATION_RETURNED',
  deliver: 'DELIVERED',
  certifyLabel: '知事の再証明',
  certificate: '再交付証書',
  application: '再証明申請（様式22／様式28）',
  returnedLabel: '再証明申請の差戻し',
  deliverLabel: '再交付証書の交付',
  certifiedSchema: forms.recertified,
});

const events = [
  event({
    type: 'NUMBERS_ASSIGNED', label: '再交付日・再証明番号の通知', roles: ['hq'], schema: forms.numbersAssigned,
    notify: [{ to: 'school', template: 'decision', todo: numbersAssignedTodo }],
  }),
  event({
    type: 'APPLICATION_FILED', label: '再証明申請', form: '様式22（技能照査）・様式28（修了証書）', roles: ['school'], schema: forms.applicationFiled,
    notify: [{ to: 'hq', template: 'received', todo: applicationFiledTodo }],
    /** From the holder's request, the original certificate (the linked case's numbers, exam date, registered name) and HQ's numbers. */
    prefill: (c) => ({
      holder: {
        name: c.request.name,
        ...(c.request.reason === 'nameChanged' && c.original.name ? { formerName: c.original.name } : {}),
        birthDate: c.original.birthDate ?? c.request.birthDate,
      },
      course: c.request.course,
      ...(c.original.examDate ? { examDate: c.original.examDate } : {}),
      ...(c.original.tokyoNumber ? { oldTokyoNumber: c.original.tokyoNumber } : {}),
      ...(c.reissue ? { reissueSchoolNumber: c.reissue.schoolNumber, reissueTokyoNumber: c.reissue.tokyoNumber } : {}),
      attachments: requiredAttachments(c),
    }),
  }),
  event({ ...recertifiedEvent!, schema: forms.recertified, notify: [{ to: 'school', template: 'decision', todo: recertifiedTodo }] }),
  event({ ...returnedEvent!, schema: applicationReturnedForm, notify: [{ to: 'school', template: 'decision', todo: returnedTodo }] }),
  event({ ...deliveredEvent!, schema: deliveredForm, notify: [{ to: 'hq', template: 'received', todo: deliveredTodo }] }),
  event({
    type: 'WITHDRAWN', label: '再交付の取下げ', roles: ['school'], schema: forms.withdrawn,
    notify: [{ to: 'hq', template: 'received', todo: withdrawnTodo }],
  }),
];

function facts(c: Ctx): CaseFacts {
  const out: CaseFacts = [
    ['証書の種類', c.certificateType ? PAPERS[c.certificateType].certificate : '未確定'],
    ['氏名', c.request.formerName ? `${c.request.name}（旧氏名 ${c.request.formerName}）` : c.request.name],
    ['訓練科（系・科）', `${c.request.course.kei}系 ${c.request.course.ka}科`],
    ['事由', REASON[c.request.reason]],
  ];
  if (c.original.tokyoNumber) out.push(['旧証明番号', c.original.tokyoNumber]);
  if (c.reissue) out.push(['再交付証書に記載する日付', day(c.reissue.reissueDate)], ['再証明番号', c.reissue.tokyoNumber]);
  return out;
}

export const reissue: ProcedureDefinition<ReissueContext> = {
  id: 'reissue',
  version: 1,
  title: '証書の再交付',
  description: '技能照査合格証書（様式22）・修了証書（様式28）の再交付：本人の再証明願→再交付日・再証明番号の確認→再証明申請→知事の再証明→交付',
  demo: reissueDemo,
  machine: reissueMachine,
  rules: reissueRules,
  inputSchema: forms.reissueInput,
  createRoles: ['school'],
  fiscalYearOf: (input: forms.ReissueInput) => input.fiscalYear ?? fiscalYearOf(input.request.requestDate),
  settings: [],
  link: {
    caseIdOf: (input: forms.ReissueInput) => input.originalCaseId,
    procedures: ['skill-check', 'completion-exam'],
    problems: (input: forms.ReissueInput, linked) => prefill(input, linked).problems,
  },
  caseTitle: (c) =>
    `${c.request.name} ${c.certificateType === 'completion' ? '修了証書' : '技能照査合格証書'}の再交付（${REASON[c.request.reason]}）`,
  facts,
  // The holder's 訓練科 as the application (様式22・28) states it; none before it is filed.
  courses: (c) => (c.application?.course ? [courseRef(c.application.course)] : []),
  events: Object.fromEntries(events.map((e) => [e.type, e])),
  deadlines: reissueDeadlines,
  documents: reissueDocuments,
};
