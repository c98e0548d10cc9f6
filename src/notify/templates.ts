/**
 * The Japanese messages: one function per outbox template turns a row's payload into subject, plain text,
 * HTML and (for deadlines) an .ics attachment. Pure: everything it shows is in the payload or passed in.
 */
import { compareDates, daysBetween, tokyoDate, type IsoDate } from '../domain/dates.js';
import { formatDateJa, formatWareki } from '../domain/wareki.js';
import { deadlineIcs } from './ics.js';
import { toHtml, toText, type MessageDoc } from './layout.js';

type Party = 'school' | 'center' | 'hq';

export interface DeadlinePayload {
  name: string;
  label: string;
  form: string | null;
  enforcement: 'hard' | 'soft';
  party: Party;
  anchorLabel: string;
  /** What the party can do when the deadline cannot be met (the definition's words). */
  remedy?: string | null;
  nominal: IsoDate;
  effective: IsoDate;
}

/** What the engine writes (src/engine/notifications.ts), plus the digest's own shape. */
export interface NoticePayload {
  procedure: string;
  procedureTitle: string;
  caseId: string;
  caseTitle: string;
  state: string;
  stateLabel: string;
  at: string;
  /** Facts the definition shows about the case (訓練科...). */
  facts?: [string, string][];
  deadline?: DeadlinePayload;
  eventType?: string;
  eventLabel?: string;
  form?: string | null;
  /** What the recipient must do, in the procedure's own terms (null: the generic line). */
  todo?: string[] | null;
  /** The submitted content, as lines (labels from the event's form). */
  details?: string[];
  /** The case's deadlines after the event. */
  upcoming?: UpcomingDeadline[];
  /** Rows written before messages carried their own details. */
  data?: Record<string, unknown>;
}

/** One deadline a catch-up message lists (written by the scheduler, src/engine/catch-up.ts). */
export interface CatchUpItem extends DeadlinePayload {
  /** The days the skipped reminders were meant for. */
  remindersMissed: IsoDate[];
}

export interface CatchUpPayload extends Omit<NoticePayload, 'deadline'> {
  items: CatchUpItem[];
}

export interface DigestItem {
  caseId: string;
  caseTitle: string;
  procedureTitle: string;
  schoolName: string;
  deadline: DeadlinePayload;
}

export interface DigestPayload {
  userId: string;
  day: IsoDate;
  horizonDays: number;
  items: DigestItem[];
}

export interface UpcomingDeadline {
  label: string;
  form: string | null;
  nominal: IsoDate;
  effective: IsoDate;
  party: Party;
}

export interface RenderInput {
  template: string;
  payload: unknown;
  recipientParty: string;
  /** Recipient organisation name (null for a digest, which names its reader). */
  orgName: string | null;
  schoolName: string | null;
  publicUrl: string;
  now: Date;
  uidDomain: string;
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
  ics: string | null;
}

const PARTY_NAME: Record<Party, string> = { school: '訓練実施校', center: '管轄職業能力開発センター', hq: '本庁（能力開発課 認定訓練担当）' };
const TEMPLATE_TAG: Record<string, string> = { received: '受付', decision: '通知', due: '本日期限', missed: '期限超過', escalation: '期限超過報告' };

export const caseUrl = (publicUrl: string, caseId: string) => `${publicUrl.replace(/\/+$/, '')}/cases/${caseId}`;
const withForm = (label: string, form: string | null | undefined) => (form ? `${label}（${form}）` : label);

export function render(input: RenderInput): Rendered {
  if (input.template === 'digest') return renderDigest(input, input.payload as DigestPayload);
  if (input.template === 'catch-up') return renderCatchUp(input, input.payload as CatchUpPayload);
  const p = input.payload as NoticePayload;
  switch (input.template) {
    case 'reminder':
    case 'due':
    case 'missed':
    case 'escalation':
      if (!p.deadline) throw new Error(`a ${input.template} message needs a deadline in its payload`);
      return renderDeadline(input, p, p.deadline);
    case 'received':
    case 'decision':
      return renderEvent(input, p);
    default:
      throw new Error(`unknown template '${input.template}'`);
  }
}

function baseFacts(input: RenderInput, p: NoticePayload): [string, string][] {
  return [
    ['手続', p.procedureTitle],
    ['訓練実施校', input.schoolName ?? '—'],
    ...(p.facts ?? []),
    ['案件', p.caseTitle],
    ['現在の状況', p.stateLabel],
  ];
}

function greeting(input: RenderInput): string {
  return `${input.orgName ?? PARTY_NAME[input.recipientParty as Party] ?? ''} ご担当者様`;
}

function deadlineFacts(d: DeadlinePayload): [string, string][] {
  return [
    ['期限の対象', d.label],
    ['様式', d.form ?? '—'],
    ['期限の区分', d.enforcement === 'hard' ? '法定期限（期限後の届出は受理されません）' : '本庁が定める期日（遅延は記録され、報告されます）'],
    ['起算日', d.anchorLabel],
    ['本来の期限日', formatDateJa(d.nominal)],
    ['提出期限（閉庁日を考慮）', formatDateJa(d.effective)],
  ];
}

function deadlineTodo(template: string, d: DeadlinePayload, schoolName: string): string[] {
  const by = formatDateJa(d.effective);
  const doIt = d.party === 'school' ? `${withForm(d.label, d.form)}を ${by} までに提出してください。` : `${d.label}を ${by} までに行ってください。`;
  const closed = d.nominal !== d.effective ? [`本来の期限日 ${formatDateJa(d.nominal)} は閉庁日のため、前の開庁日 ${by} が実際の提出期限です。`] : [];
  const remedy = d.remedy ? `間に合わない場合: ${d.remedy}` : '間に合わない場合は、至急担当へご相談ください。';
  const rule =
    d.enforcement === 'hard'
      ? `法定の期限です。期限を過ぎた届出は受理されません。${remedy}`
      : '定められた期日です。遅れた場合は記録され、監督する機関へ報告されます。遅れる場合は、あらかじめ担当へご連絡ください。';
  switch (template) {
    case 'reminder':
    case 'due':
      return [doIt, ...closed, rule];
    case 'missed':
      return d.enforcement === 'hard'
        ? [`${d.label}の期限（${by}）を過ぎました。この届出はこのままでは受理されません。`, d.remedy ?? '管轄の職業能力開発センターまたは本庁担当へ至急ご相談ください。']
        : [`${d.label}の期限（${by}）を過ぎました。至急ご対応のうえ、遅れた理由を担当へお知らせください。`];
    default:
      return [
        `${d.party === 'school' ? schoolName : PARTY_NAME[d.party]}の「${d.label}」が期限（${by}）までに行われていません。`,
        d.party === 'school' ? '状況を確認し、必要な指導をお願いします。' : '状況を確認し、至急対応してください。',
      ];
  }
}

function renderDeadline(input: RenderInput, p: NoticePayload, d: DeadlinePayload): Rendered {
  const schoolName = input.schoolName ?? '訓練実施校';
  const today = tokyoDate(p.at);
  const left = daysBetween(today, d.effective);
  // A due notice (or an old reminder row) sent after its day, e.g. after the server was down: say so, never "あと-29日".
  const late = (input.template === 'due' || input.template === 'reminder') && compareDates(today, d.effective) > 0;
  const lastDay = input.template === 'reminder' && left === 0;
  const tag = late ? '期限日のお知らせ（遅延）' : lastDay ? TEMPLATE_TAG.due! : input.template === 'reminder' ? `期限まであと${left}日` : TEMPLATE_TAG[input.template]!;
  const who = input.template === 'escalation' ? `${schoolName}：` : '';
  const subject = `【${tag}】${who}${withForm(d.label, d.form)} ${formatWareki(d.effective)}まで — ${p.caseTitle}`;
  const lead = {
    reminder: `「${d.label}」の提出期限まで、あと${left}日です。`,
    due: `本日（${formatDateJa(d.effective)}）は「${d.label}」の提出期限です。`,
    missed: `「${d.label}」の期限を過ぎました。`,
    escalation: `${schoolName}の案件で「${d.label}」の期限が過ぎたため、監督する立場の皆様にお知らせします。`,
  }[input.template as 'reminder' | 'due' | 'missed' | 'escalation'];
  const leadNow = late
    ? `「${d.label}」の提出期限は ${formatDateJa(d.effective)} でした。システムが停止していたため、このお知らせは遅れてお送りしています。`
    : lastDay
      ? `本日（${formatDateJa(d.effective)}）は「${d.label}」の提出期限です。`
      : lead;
  const url = caseUrl(input.publicUrl, p.caseId);
  const doc: MessageDoc = {
    greeting: greeting(input),
    lead: leadNow,
    facts: [...baseFacts(input, p), ...deadlineFacts(d)],
    todo: deadlineTodo(input.template, d, schoolName),
    sections: [],
    link: { label: '案件を開く', url },
  };
  const ics =
    input.template === 'reminder' || input.template === 'due'
      ? deadlineIcs({
          caseId: p.caseId,
          deadlineName: d.name,
          title: `【期限】${withForm(d.label, d.form)} — ${p.caseTitle}`,
          description: `${p.procedureTitle}：${withForm(d.label, d.form)}\n提出期限 ${formatDateJa(d.effective)}（本来の期限日 ${formatDateJa(d.nominal)}）\n${url}`,
          effective: d.effective,
          url,
          stamp: input.now,
          uidDomain: input.uidDomain,
        })
      : null;
  return { subject, text: toText(doc), html: toHtml(doc, subject), ics };
}

function renderEvent(input: RenderInput, p: NoticePayload): Rendered {
  const label = p.eventLabel ?? p.eventType ?? '手続';
  const schoolName = input.schoolName ?? '訓練実施校';
  const received = input.template === 'received';
  const subject = `【${TEMPLATE_TAG[input.template]}】${withForm(label, p.form)} — ${p.caseTitle}${received ? `（${schoolName}）` : ''}`;
  const when = formatDateJa(tokyoDate(p.at));
  const lead = received ? [`${schoolName}から「${label}」が提出されました（${when}）。`] : input.recipientParty === 'school' ? [] : [`${schoolName}あての「${label}」の写しです。`];
  const todo = [...lead, ...(p.todo?.length ? p.todo : [received ? '内容を確認し、所定の処理を行ってください。' : '内容をご確認ください。'])];
  const upcoming = (p.upcoming ?? []).map(
    (u) => `${withForm(u.label, u.form)}（${PARTY_NAME[u.party]}）：期限 ${formatDateJa(u.effective)}${u.nominal !== u.effective ? `（本来の期限日 ${formatDateJa(u.nominal)}）` : ''}`,
  );
  const doc: MessageDoc = {
    greeting: greeting(input),
    lead: received ? `「${label}」を受け付けました。` : `「${label}」が行われました。`,
    facts: [...baseFacts(input, p), ['手続の内容', label], ['様式', p.form ?? '—'], ['日付', when]],
    todo,
    sections: [
      ...(p.details?.length ? [{ title: received ? '提出された内容' : '通知の内容', lines: p.details }] : []),
      ...(upcoming.length ? [{ title: 'この案件の今後の期限', lines: upcoming }] : []),
    ],
    link: { label: '案件を開く', url: caseUrl(input.publicUrl, p.caseId) },
  };
  return { subject, text: toText(doc), html: toHtml(doc, subject), ics: null };
}

/** One message per party and case listing the reminders that could not be sent in time (the scheduler was not running). */
function renderCatchUp(input: RenderInput, p: CatchUpPayload): Rendered {
  const today = tokyoDate(p.at);
  const subject = `【送信できなかったリマインダーのまとめ】${p.items.length}件 — ${p.caseTitle}`;
  const sections = p.items.map((i) => {
    const left = daysBetween(today, i.effective);
    const status = left > 0 ? `期限まであと${left}日` : left === 0 ? '本日が提出期限です' : `期限を${-left}日過ぎています`;
    return {
      title: withForm(i.label, i.form),
      lines: [
        `状況：${status}`,
        `本来の期限日：${formatDateJa(i.nominal)}`,
        `提出期限（閉庁日を考慮）：${formatDateJa(i.effective)}`,
        ...(i.nominal !== i.effective ? [`本来の期限日 ${formatDateJa(i.nominal)} は閉庁日のため、前の開庁日 ${formatDateJa(i.effective)} が実際の提出期限です。`] : []),
        `期限の区分：${i.enforcement === 'hard' ? '法定期限（期限後の届出は受理されません）' : '本庁が定める期日（遅延は記録され、報告されます）'}`,
        `お送りできなかったリマインダー：${i.remindersMissed.map(formatWareki).join('、')}（各日 9時の予定）`,
        ...(i.enforcement === 'hard' && i.remedy && left >= 0 ? [`間に合わない場合: ${i.remedy}`] : []),
      ],
    };
  });
  const doc: MessageDoc = {
    greeting: greeting(input),
    lead: `システムが停止していたため、次の期限のリマインダーを予定どおりにお送りできませんでした。${formatDateJa(today)}現在の状況をまとめてお知らせします。`,
    facts: [...baseFacts(input, p as NoticePayload), ['件数', `${p.items.length}件`]],
    todo: [
      '期限が残っているものは、期限までに必要な手続を行ってください。',
      '期限を過ぎたものは、期限当日・期限超過のお知らせを別にお送りしています。案件を開いて状況をご確認ください。',
    ],
    sections,
    link: { label: '案件を開く', url: caseUrl(input.publicUrl, p.caseId) },
  };
  return { subject, text: toText(doc), html: toHtml(doc, subject), ics: null };
}

function renderDigest(input: RenderInput, p: DigestPayload): Rendered {
  const subject = `【今後${p.horizonDays}日間の期限】${p.items.length}件（${formatWareki(p.day)}現在）`;
  const lines = p.items.map(
    (i) =>
      `${formatDateJa(i.deadline.effective)}（あと${daysBetween(p.day, i.deadline.effective)}日）${withForm(i.deadline.label, i.deadline.form)} — ${i.caseTitle}（${i.schoolName}） ${caseUrl(input.publicUrl, i.caseId)}`,
  );
  const doc: MessageDoc = {
    greeting: `${input.orgName ?? ''} ご担当者様`.trim(),
    lead: `${formatDateJa(p.day)}から${p.horizonDays}日以内に期限を迎える手続の一覧です。`,
    facts: [['件数', `${p.items.length}件`]],
    todo: ['各期限までに必要な手続を行ってください。個別のリマインダーの代わりにこの一覧をお送りしています（設定で変更できます）。'],
    sections: [{ title: '期限の一覧', lines }],
    link: { label: 'システムを開く', url: input.publicUrl },
  };
  return { subject, text: toText(doc), html: toHtml(doc, subject), ics: null };
}
