/**
 * 障害対応: notifications the dispatcher gave up on and timers whose firing failed, each with its error and a
 * retry button; then what is stuck in the queue long past its moment (read only: a running worker takes it).
 */
import { explainError, type IncidentOverview, type NotificationIncident, type TimerIncident } from '../admin/incidents.js';
import type { WebUser } from '../env.js';
import { dateJa, dateTimeJa } from '../ui/dates.js';
import { Layout } from '../ui/layout.js';
import { ActionButton, Crumbs, Notice } from './admin-parts.js';

function CaseLink(p: { id: string | null; title: string | null }) {
  if (!p.id) return <>—（案件に属さない通知）</>;
  return <a href={`/cases/${p.id}`}>{p.title ?? '（削除された案件）'}</a>;
}

/** The recorded error as it was (for whoever fixes the cause), after what it means in Japanese when known. */
function ErrorText(p: { text: string | null }) {
  if (!p.text) return <>（記録なし）</>;
  const meaning = explainError(p.text);
  return (
    <>
      {meaning && <span class="error-meaning">{meaning}</span>}
      <code class="error-text" title="記録されたエラー（原文）">{p.text}</code>
    </>
  );
}

function NotificationTable(p: { rows: NotificationIncident[]; csrf: string; retry: boolean; caption: string }) {
  return (
    <table class="cards incidents">
      <caption class="sr-only">{p.caption}</caption>
      <thead>
        <tr>
          <th scope="col">通知</th>
          <th scope="col">宛先</th>
          <th scope="col">案件</th>
          <th scope="col">作成</th>
          <th scope="col">{p.retry ? '最後の試行' : '次の送信予定'}</th>
          <th scope="col">試行</th>
          <th scope="col">エラー（原因と記録）</th>
          {p.retry && <th scope="col">操作</th>}
        </tr>
      </thead>
      <tbody>
        {p.rows.map((n) => (
          <tr>
            <th scope="row">
              {n.kindLabel}
              <span class="hint">{n.what}</span>
            </th>
            <td data-label="宛先">{n.to}</td>
            <td data-label="案件">
              <CaseLink id={n.caseId} title={n.caseTitle} />
            </td>
            <td data-label="作成">{dateTimeJa(n.createdAt)}</td>
            <td data-label={p.retry ? '最後の試行' : '次の送信予定'}>{p.retry ? (n.lastTriedAt ? dateTimeJa(n.lastTriedAt) : '—') : dateTimeJa(n.nextAttemptAt)}</td>
            <td data-label="試行" class="num">{n.attempts}回</td>
            <td data-label="エラー">
              <ErrorText text={n.lastError} />
            </td>
            {p.retry && (
              <td data-label="操作">
                <ActionButton action="/admin/incidents" csrf={p.csrf} fields={{ _action: 'retry-notification', id: n.id }} label="再送する" />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TimerTable(p: { rows: TimerIncident[]; csrf: string; retry: boolean; caption: string }) {
  return (
    <table class="cards incidents">
      <caption class="sr-only">{p.caption}</caption>
      <thead>
        <tr>
          <th scope="col">期限</th>
          <th scope="col">案件</th>
          <th scope="col">期限日</th>
          <th scope="col">実行予定</th>
          <th scope="col">{p.retry ? '失敗した日時' : '状況'}</th>
          <th scope="col">試行</th>
          <th scope="col">エラー</th>
          {p.retry && <th scope="col">操作</th>}
        </tr>
      </thead>
      <tbody>
        {p.rows.map((t) => (
          <tr>
            <th scope="row">
              {t.deadlineLabel}
              <span class="hint">
                {t.kindLabel}・{t.procedureTitle}
              </span>
            </th>
            <td data-label="案件">
              <CaseLink id={t.caseId} title={t.caseTitle} />
            </td>
            <td data-label="期限日">
              {dateJa(t.effective)}
              {t.nominal !== t.effective ? `（本来 ${dateJa(t.nominal)}）` : ''}
            </td>
            <td data-label="実行予定">{dateTimeJa(t.fireAt)}</td>
            <td data-label={p.retry ? '失敗した日時' : '状況'}>
              {p.retry ? (t.failedAt ? dateTimeJa(t.failedAt) : '—') : t.attempts ? '失敗を繰り返しています（再試行中）' : 'スケジューラーが処理していません'}
            </td>
            <td data-label="試行" class="num">{t.attempts}回</td>
            <td data-label="エラー">
              <ErrorText text={t.lastError} />
            </td>
            {p.retry && (
              <td data-label="操作">
                <ActionButton action="/admin/incidents" csrf={p.csrf} fields={{ _action: 'retry-timer', id: t.id }} label="再実行する" />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function IncidentsPage(p: { user: WebUser; overview: IncidentOverview; notice?: string | null }) {
  const o = p.overview;
  const hours = o.stuckAfterMs / 3_600_000;
  return (
    <Layout title="障害対応" user={p.user}>
      <Crumbs here="障害対応" />
      <Notice text={p.notice} />
      <p>
        送信できなかった通知と、実行に失敗した期限タイマーです。エラーの原因（宛先のメールアドレス、メールサーバー、手続の定義など）を直してから再実行してください。再実行した通知は次の送信処理で、期限タイマーは次のスケジューラーの処理で実行されます。
      </p>
      <h2 id="failed-notifications">送信できなかった通知（{o.failedNotifications.length}件）</h2>
      {o.failedNotifications.length === 0 ? (
        <p>ありません。</p>
      ) : (
        <NotificationTable rows={o.failedNotifications} csrf={p.user.csrf} retry caption="送信できなかった通知" />
      )}
      <h2 id="failed-timers">実行に失敗した期限タイマー（{o.failedTimers.length}件）</h2>
      <p class="hint">
        再実行すると、案件がまだその期限を持つときは待ち行列に戻します。案件が先へ進んで期限がなくなったとき、又は同じ通知が済んでいるときは、二重に通知しないよう取り消します。
      </p>
      {o.failedTimers.length === 0 ? <p>ありません。</p> : <TimerTable rows={o.failedTimers} csrf={p.user.csrf} retry caption="実行に失敗した期限タイマー" />}
      <h2 id="stuck">滞留（予定から{hours}時間以上、処理されていないもの）</h2>
      <p class="hint">
        通常は数秒で処理されます。滞留が続くときは、スケジューラーと送信処理が動いているか（SCHEDULER_ENABLED・DISPATCHER_ENABLED）、エラーが繰り返されていないかを確かめてください。動き出せば自動で処理されます。
      </p>
      <h3>期限タイマー（{o.stuckTimers.length}件）</h3>
      {o.stuckTimers.length === 0 ? <p>ありません。</p> : <TimerTable rows={o.stuckTimers} csrf={p.user.csrf} retry={false} caption="滞留している期限タイマー" />}
      <h3>通知（{o.stuckNotifications.length}件）</h3>
      {o.stuckNotifications.length === 0 ? (
        <p>ありません。</p>
      ) : (
        <NotificationTable rows={o.stuckNotifications} csrf={p.user.csrf} retry={false} caption="滞留している通知" />
      )}
    </Layout>
  );
}
