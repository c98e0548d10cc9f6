/**
 * A case, for action first: its state, who must act, the next deadline (and what a missed one means) and a
 * form per event the viewer may send; then every deadline of the case (met, current, ahead: nominal and
 * effective, 和暦), key data, the current record, documents, the diagram (collapsed) and the history.
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
import { caseDates, keyFacts } from './key-facts.js';
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
  /** Who in the office took the case on; canAssign: the viewer may claim or give it up (officers, active cases). */
  assignee?: { name: string; mine: boolean; since: Date | null } | null;
  canAssign?: boolean;
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
  const next = [...v.deadlines].sort((a, b) => a.effective.localeCompare(b.effective))[0];
  const passed = !!next && next.effective < p.today;
  const remedy = next ? p.definition.deadlines[next.name]?.remedy : undefined;
  const dates = v.status === 'active' ? caseDates(p.definition, v.context, p.today).slice(0, 3) : [];
  const actor = v.waitingOn === 'school' ? `訓練校（${p.schoolName ?? '—'}）` : v.waitingOn === 'center' ? `センター（${p.centerName ?? '—'}）` : v.waitingOn ? PARTY_JA[v.waitingOn] : null;
  const yours =
    !!v.waitingOn &&
    v.waitingOn === p.user.role &&
    (v.waitingOn === 'hq' || p.user.orgId === (v.waitingOn === 'school' ? v.schoolOrgId : v.centerOrgId));
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
      <section aria-labelledby="h-state" class="action-first">
        <h2 id="h-state">いまの状況</h2>
        <dl class="facts">
          <dt>現在の状態</dt>
          <dd>
            <strong class="current-state">▶ {v.stateLabel}</strong>（{v.status === 'active' ? '進行中' : '終了'}）
          </dd>
          <dt>対応する者</dt>
          <dd>
            {actor ? (
              <>
                {actor}
                {yours && <strong class="you">（あなたの対応が必要です）</strong>}
              </>
            ) : v.status === 'active' ? (
              '—'
            ) : (
              '手続は終了しています'
            )}
          </dd>
          <dt>次の期限</dt>
          <dd>
            {next ? (
              <>
                <strong>
                  {next.label}
                  {next.form ? `〔${next.form}〕` : ''}
                </strong>
                ：{PARTY_JA[next.party]}が {next.effectiveJa} まで
                {next.closedReason ? `（${dateJa(next.nominal)} は${next.closedReason}のため前の開庁日）` : ''}・{ENFORCEMENT_JA[next.enforcement]}
                <br />
                <DueBadge effective={next.effective} today={p.today} />
              </>
            ) : (
              '現在の状態に期限はありません'
            )}
          </dd>
          {dates.length > 0 && (
            <>
              <dt>案件の予定日</dt>
              <dd>
                {dates.map((d) => (
                  <span class="date-line">
                    {d.label}: {dateJa(d.date)}
                  </span>
                ))}
              </dd>
            </>
          )}
          {p.canAssign !== undefined && (p.canAssign || p.assignee) && (
            <>
              <dt>担当</dt>
              <dd>
                <form method="post" action={`/cases/${v.id}/assignee`} class="assign">
                  <input type="hidden" name="_csrf" value={p.user.csrf} />
                  <input type="hidden" name="back" value={`/cases/${v.id}`} />
                  <span class={p.assignee?.mine ? 'assignee mine' : p.assignee ? 'assignee' : 'assignee none'}>
                    {p.assignee ? (p.assignee.mine ? '★ あなた' : p.assignee.name) : '未割当'}
                    {p.assignee?.since ? `（${dateTimeJa(p.assignee.since)}から）` : ''}
                  </span>
                  {p.canAssign && !p.assignee && (
                    <button type="submit" name="action" value="claim" class="secondary small">
                      担当になる
                    </button>
                  )}
                  {p.canAssign && p.assignee?.mine && (
                    <button type="submit" name="action" value="release" class="secondary small">
                      担当を外す
                    </button>
                  )}
                </form>
              </dd>
            </>
          )}
        </dl>
        {next && passed && (
          <div class="deadline-passed" role="alert">
            <p>
              <strong>⚠ {next.label} の期限を過ぎています。</strong>
              {next.enforcement === 'hard'
                ? `厳守の期限のため、このままでは受理されません。${remedy ? `できること: ${remedy}` : '管轄の職業能力開発センターまたは本庁に相談してください。'}`
                : '目安の期限のため、今からでも受け付けられます（遅れた日数が記録されます）。'}
            </p>
          </div>
        )}
      </section>

      <section aria-labelledby="h-actions" class="actions">
        <h2 id="h-actions">行える操作</h2>
        {p.forms.length === 0 ? (
          <p>あなたが現在この案件で行える操作はありません。</p>
        ) : (
          <>
            {p.forms.length > 1 && (
              <p class="hint">
                {p.forms.length}件：{p.forms.map((f) => f.label).join('、')}（見出しを押すと入力欄が開きます）
              </p>
            )}
            {p.forms.map((f) => (
              <EventForm {...f} csrf={p.user.csrf} />
            ))}
          </>
        )}
      </section>

      {(p.timeline?.length ?? 0) > 0 && (
        <section aria-labelledby="h-timeline">
          <h2 id="h-timeline">この案件の期限の全体</h2>
          <p class="hint">手続のすべての期限を、案件の現在の内容から計算しています（「今後」の期限は、その段階に進むと確定します）。</p>
          <table class="cards deadline-timeline">
            <thead>
              <tr>
                <th scope="col">段階</th>
                <th scope="col">期限</th>
                <th scope="col">対応する者</th>
                <th scope="col">種別</th>
                <th scope="col">期限日（暦の上）</th>
                <th scope="col">実質の期限</th>
                <th scope="col">状況</th>
              </tr>
            </thead>
            <tbody>
              {p.timeline!.map((t) => (
                <tr class={`phase-${t.phase}`}>
                  <td data-label="段階">
                    {t.phase === 'current' ? '▶ 現在' : t.phase === 'past' ? '済' : '今後'}
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
                  <td data-label="状況">
                    {t.phase === 'current' ? (
                      <>
                        <DueBadge effective={t.effective} today={p.today} />
                        {t.status && <span class="hint">{STATUS_JA[t.status]}</span>}
                      </>
                    ) : t.phase === 'past' ? (
                      t.daysLate ? `${t.daysLate}日遅れて提出` : '対応済み'
                    ) : (
                      'その段階に進むと確定'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

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

      <section aria-labelledby="h-diagram">
        <h2 id="h-diagram">状態遷移図</h2>
        <details class="diagram-box">
          <summary>{p.definition.title}の状態遷移図を開く（現在の状態「{v.stateLabel}」を太枠で示します）</summary>
          <figure>
            <div class="diagram" data-diagram>
              {raw(p.svg)}
            </div>
            <figcaption>現在の状態は太枠、この案件が通った状態は塗りつぶしで示します。◆は厳守期限、◇は目安期限です。図が画面より大きいときは、枠の中でスクロールできます。</figcaption>
          </figure>
        </details>
        <script src="/assets/diagram.js" defer></script>
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
