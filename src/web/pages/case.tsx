/**
 * A case: its state on the procedure's diagram, key data, every deadline (nominal and effective, 和暦,
 * status), the history as a timeline, and a form per event the viewer may send.
 */
import { raw } from 'hono/html';
import type { AnyProcedureDefinition } from '../../../definitions/types.js';
import { fiscalYearLabel } from '../../domain/fiscal-year.js';
import type { IsoDate } from '../../domain/dates.js';
import type { CaseView } from '../../engine/case-view.js';
import type { TimelineEntry } from '../../engine/deadline-timeline.js';
import type { WebUser } from '../env.js';
import { EventForm, type EventFormProps } from '../forms/event-form.js';
import type { Labeller } from '../labels.js';
import type { historyWithActors } from '../queries.js';
import { dateJa, dateTimeJa, DueBadge, ENFORCEMENT_JA, PARTY_JA } from '../ui/dates.js';
import { Layout } from '../ui/layout.js';
import { keyFacts } from './key-facts.js';
import { displayPayload } from '../../../definitions/common/display.js';
import { PayloadView } from '../ui/payload-view.js';
import type { DocumentListing, SubmissionListing } from '../../documents/service.js';

/** The form an entry of the history was filed on: an event's, or the case input's for the opening. */
const schemaOf = (d: AnyProcedureDefinition, type: string) => (Object.hasOwn(d.events, type) ? d.events[type]!.schema : d.inputSchema);

export interface CasePageProps {
  /** Every deadline of the procedure for this case: met, current and ahead. */
  timeline?: TimelineEntry[];
  user: WebUser;
  today: IsoDate;
  view: CaseView;
  definition: AnyProcedureDefinition;
  schoolName: string | null;
  centerName: string | null;
  history: Awaited<ReturnType<typeof historyWithActors>>;
  svg: string;
  forms: Omit<EventFormProps, 'csrf'>[];
  labels: Labeller;
  done?: string | null;
  /** The label of a form kept when the session expired and shown again after sign-in. */
  restored?: string;
  /** Why a submission was refused when its form is no longer offered (the state moved on: 409). */
  refused?: string;
  /** The available documents and the submissions they belong to (links to PDFs). */
  documents?: { documents: DocumentListing[]; submissions: SubmissionListing[] };
}

const STATUS_JA: Record<string, string> = { pending: '期限前', 'due-today': '本日が期限', overdue: '期限超過' };

function who(h: CasePageProps['history'][number]): string {
  if (h.actorKind === 'scheduler') return 'システム（期限タイマー）';
  const role = PARTY_JA[h.actorRole] ?? h.actorRole;
  return `${h.actorName ?? h.actorEmail ?? '（削除された利用者）'}（${role}）`;
}

export function CasePage(p: CasePageProps) {
  const v = p.view;
  const L = p.labels;
  const summary = p.definition.summary?.(v.context) ?? [];
  return (
    <Layout title={v.title} user={p.user}>
      {p.done && (
        <p class="notice" role="status">
          ✔ 「{L.event(v.procedure, p.done, v.definitionVersion)}」を受け付けました。現在の状態: {v.stateLabel}
        </p>
      )}
      {p.restored && (
        <p class="notice" role="status">
          ログイン前に入力した「{p.restored}」の内容を復元しました（まだ送信されていません）。内容を確認して送信してください。
        </p>
      )}
      {p.refused && (
        <div class="error-summary" role="alert">
          <p>
            <strong>✖ 受理できません</strong>
          </p>
          <p>{p.refused}</p>
        </div>
      )}
      {p.forms.some((f) => f.rejection) && (
        <p class="error-summary">
          <a href={`#form-${p.forms.find((f) => f.rejection)!.type}-error`}>送信された内容は受理されませんでした。理由はフォームの上に表示しています。</a>
        </p>
      )}
      <section aria-labelledby="h-state">
        <h2 id="h-state">現在の状態</h2>
        <p class="current-state">
          <strong>▶ {v.stateLabel}</strong>（{v.status === 'active' ? '進行中' : '終了'}
          {v.waitingOn ? `・${PARTY_JA[v.waitingOn]}の対応待ち` : ''}）
        </p>
        <figure>
          <div class="diagram">{raw(p.svg)}</div>
          <figcaption>{p.definition.title}の状態遷移図。現在の状態は「▶ 現在の状態」と太枠で示しています。◆は厳守期限、◇は目安期限です。</figcaption>
        </figure>
      </section>

      <section aria-labelledby="h-facts">
        <h2 id="h-facts">案件の情報</h2>
        <dl class="facts">
          <dt>手続</dt>
          <dd>
            {p.definition.title}（定義 第{v.definitionVersion}版）
          </dd>
          <dt>訓練校</dt>
          <dd>{p.schoolName ?? '—'}</dd>
          <dt>管轄センター</dt>
          <dd>{p.centerName ?? '—'}</dd>
          <dt>年度</dt>
          <dd>{fiscalYearLabel(v.fiscalYear)}（{v.fiscalYear}年度）</dd>
          {[...p.definition.facts(v.context), ...keyFacts(p.definition, v.context)].filter(([k], i, all) => all.findIndex(([x]) => x === k) === i).map(([k, val]) => (
            <>
              <dt>{k}</dt>
              <dd>{val}</dd>
            </>
          ))}
          <dt>作成・更新</dt>
          <dd>
            {dateTimeJa(v.createdAt)} 作成／{dateTimeJa(v.updatedAt)} 更新（第{v.version}版）
          </dd>
        </dl>
      </section>

      {summary.length > 0 && (
        <section aria-labelledby="h-summary">
          <h2 id="h-summary">現在の記録</h2>
          <PayloadView items={summary} />
        </section>
      )}

      <section aria-labelledby="h-deadlines">
        <h2 id="h-deadlines">期限</h2>
        {v.deadlines.length === 0 ? (
          <p>現在の状態に期限はありません。</p>
        ) : (
          <table class="cards">
            <thead>
              <tr>
                <th scope="col">期限</th>
                <th scope="col">対応する者</th>
                <th scope="col">種別</th>
                <th scope="col">期限日（暦の上）</th>
                <th scope="col">実質の期限</th>
                <th scope="col">状況</th>
              </tr>
            </thead>
            <tbody>
              {v.deadlines.map((d) => (
                <tr>
                  <td data-label="期限">
                    {d.label}
                    {d.form ? `〔${d.form}〕` : ''}
                  </td>
                  <td data-label="対応する者">{PARTY_JA[d.party]}</td>
                  <td data-label="種別">{ENFORCEMENT_JA[d.enforcement]}</td>
                  <td data-label="期限日（暦の上）">{d.nominalJa}</td>
                  <td data-label="実質の期限">
                    {d.effectiveJa}
                    {d.closedReason ? `（${dateJa(d.nominal)} は${d.closedReason}のため前の開庁日）` : ''}
                  </td>
                  <td data-label="状況">
                    <DueBadge effective={d.effective} today={p.today} />
                    <span class="hint">{STATUS_JA[d.status]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {(p.timeline?.length ?? 0) > 0 && (
        <section aria-labelledby="h-timeline">
          <h2 id="h-timeline">この案件の期限の全体</h2>
          <p class="hint">手続のすべての期限を、案件の現在の内容から計算しています（「今後」の期限は、その段階に進むと確定します）。</p>
          <table class="cards">
            <thead>
              <tr>
                <th scope="col">段階</th>
                <th scope="col">期限</th>
                <th scope="col">対応する者</th>
                <th scope="col">種別</th>
                <th scope="col">期限日（暦の上）</th>
                <th scope="col">実質の期限</th>
              </tr>
            </thead>
            <tbody>
              {p.timeline!.map((t) => (
                <tr class={`phase-${t.phase}`}>
                  <td data-label="段階">
                    {t.phase === 'current' ? '▶ 現在' : t.phase === 'past' ? '済' : '今後'}
                    {t.daysLate ? `（${t.daysLate}日遅れて提出）` : ''}
                  </td>
                  <td data-label="期限">
                    {t.rule.label}
                    {t.rule.form ? `〔${t.rule.form}〕` : ''}
                  </td>
                  <td data-label="対応する者">{PARTY_JA[t.rule.party]}</td>
                  <td data-label="種別">{ENFORCEMENT_JA[t.rule.enforcement]}</td>
                  <td data-label="期限日（暦の上）">{t.nominal ? dateJa(t.nominal) : '未定'}</td>
                  <td data-label="実質の期限">
                    {t.effective ? dateJa(t.effective) : '未定'}
                    {t.closedReason && t.nominal ? `（${dateJa(t.nominal)} は${t.closedReason}のため前の開庁日）` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {(p.documents?.documents.length ?? 0) > 0 && (
        <section aria-labelledby="h-documents">
          <h2 id="h-documents">書類（PDF）</h2>
          <ul>
            {p.documents!.documents.map((d) => (
              <li>
                <a href={`/cases/${v.id}/${d.path}`}>
                  {d.title}〔{d.form}〕
                </a>
              </li>
            ))}
          </ul>
          {p.documents!.submissions.length > 0 && (
            <ul>
              {p.documents!.submissions.map((s) => (
                <li>
                  <a href={`/cases/${v.id}/${s.path}`}>{s.label}の書類一式</a>（{s.forms.join('・')}）
                </li>
              ))}
            </ul>
          )}
          <p class="hint">書類は現在の記録（第{v.version}版）から作成され、各ページの下に案件番号・版・作成日時が入ります。</p>
        </section>
      )}

      <section aria-labelledby="h-actions">
        <h2 id="h-actions">手続の操作</h2>
        {p.forms.length === 0 ? (
          <p>あなたが現在この案件で行える操作はありません。</p>
        ) : (
          p.forms.map((f) => <EventForm {...f} csrf={p.user.csrf} />)
        )}
      </section>

      <section aria-labelledby="h-history">
        <h2 id="h-history">経過</h2>
        <ol class="timeline">
          {p.history.map((h) => (
            <li>
              <time datetime={new Date(h.at).toISOString()}>{dateTimeJa(h.at)}</time>
              {' — '}
              <strong>{L.event(v.procedure, h.type, v.definitionVersion)}</strong>
              {' — '}
              {who(h)}
              <br />
              {h.fromState ? `${L.state(v.procedure, h.fromState, v.definitionVersion)} → ` : ''}
              {L.state(v.procedure, h.toState, v.definitionVersion)}
              {h.payload && Object.keys(h.payload as object).length > 0 && (
                <details>
                  <summary>送信内容</summary>
                  <PayloadView items={displayPayload(schemaOf(p.definition, h.type), h.payload)} />
                </details>
              )}
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}
