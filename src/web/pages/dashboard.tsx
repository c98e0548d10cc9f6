/** The school's dashboard: what to do next and by when, a 14-day outlook, and the calendar feed. */
import { addDays, compareDates, type IsoDate } from '../../domain/dates.js';
import type { CaseView } from '../../engine/case-view.js';
import type { WebUser } from '../env.js';
import type { Labeller } from '../labels.js';
import { dateJa, dateTimeJa, DueBadge, ENFORCEMENT_JA, PARTY_JA } from '../ui/dates.js';
import { Layout } from '../ui/layout.js';

export interface DashboardProps {
  user: WebUser;
  today: IsoDate;
  views: CaseView[];
  recentlyDone: { id: string; title: string; state: string; procedure: string; updatedAt: Date }[];
  creatable: { id: string; title: string }[];
  labels: Labeller;
  feedUrl?: string;
}

const WEEKDAY = ['日', '月', '火', '水', '木', '金', '土'];
const weekday = (d: IsoDate) => WEEKDAY[new Date(`${d}T00:00:00Z`).getUTCDay()];

export const OUTLOOK_DAYS = 14;

export function DashboardPage(p: DashboardProps) {
  const L = p.labels;
  const deadlines = p.views.flatMap((v) => v.deadlines.map((d) => ({ v, d }))).sort((a, b) => compareDates(a.d.effective, b.d.effective));
  const overdue = deadlines.filter((x) => compareDates(x.d.effective, p.today) < 0);
  const days = Array.from({ length: OUTLOOK_DAYS }, (_, i) => addDays(p.today, i));
  return (
    <Layout title={`${p.user.orgName ?? '訓練校'} のダッシュボード`} user={p.user}>
      {p.feedUrl && (
        <div class="notice" role="status">
          <p>カレンダー配信URLを発行しました。カレンダーアプリに登録してください（このURLは再表示できません。以前のURLは無効になりました）。</p>
          <label for="feed-url">カレンダー配信URL（iCalendar）</label>
          <input type="text" id="feed-url" readonly value={p.feedUrl} style="width:100%" />
        </div>
      )}
      <section aria-labelledby="h-todo">
        <h2 id="h-todo">次に行うこと</h2>
        {p.views.length === 0 ? (
          <p>進行中の案件はありません。</p>
        ) : (
          <table class="cards">
            <thead>
              <tr>
                <th scope="col">案件</th>
                <th scope="col">状態</th>
                <th scope="col">次に行うこと</th>
                <th scope="col">期限（実質）</th>
                <th scope="col">状況</th>
              </tr>
            </thead>
            <tbody>
              {p.views.map((v) => {
                const mine = v.deadlines.filter((d) => d.party === 'school').sort((a, b) => compareDates(a.effective, b.effective))[0];
                const actions = v.waitingOn === 'school' ? v.allowedEvents.map((t) => L.event(v.procedure, t, v.definitionVersion)) : [];
                return (
                  <tr>
                    <td data-label="案件">
                      <a href={`/cases/${v.id}`}>{v.title}</a>
                    </td>
                    <td data-label="状態">{v.stateLabel}</td>
                    <td data-label="次に行うこと">
                      {v.waitingOn === 'school' ? (
                        <>
                          <strong>貴校の対応が必要です</strong>
                          {mine ? `：${mine.label}${mine.form ? `〔${mine.form}〕` : ''}` : ''}
                          {actions.length > 0 && <span class="hint">行える操作: {actions.join('、')}</span>}
                        </>
                      ) : v.waitingOn ? (
                        `${PARTY_JA[v.waitingOn]}の対応待ち`
                      ) : (
                        '—'
                      )}
                    </td>
                    <td data-label="期限（実質）">{mine ? dateJa(mine.effective) : v.nextDue ? dateJa(v.nextDue) : '—'}</td>
                    <td data-label="状況">
                      <DueBadge effective={mine?.effective ?? v.nextDue ?? null} today={p.today} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="h-outlook">
        <h2 id="h-outlook">今後{OUTLOOK_DAYS}日間の期限</h2>
        {overdue.length > 0 && (
          <p class="status-overdue">
            ⚠ 期限を過ぎたものが {overdue.length} 件あります：
            {overdue.map((x) => `${x.d.label}（${x.v.title}、${dateJa(x.d.effective)}）`).join('、')}
          </p>
        )}
        <table class="cards">
          <thead>
            <tr>
              <th scope="col">日付</th>
              <th scope="col">期限</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => {
              const due = deadlines.filter((x) => x.d.effective === day);
              return (
                <tr class={due.length === 0 ? 'empty' : undefined}>
                  <th scope="row" data-label="日付">
                    {dateJa(day)}（{weekday(day)}）{day === p.today ? ' 本日' : ''}
                  </th>
                  <td data-label="期限">
                    {due.length === 0
                      ? '—'
                      : due.map((x) => (
                          <div>
                            <a href={`/cases/${x.v.id}`}>{x.v.title}</a>：{x.d.label}（{ENFORCEMENT_JA[x.d.enforcement]}・{PARTY_JA[x.d.party]}）
                          </div>
                        ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      {p.creatable.length > 0 && (
        <section aria-labelledby="h-new">
          <h2 id="h-new">新しい案件</h2>
          <ul>
            {p.creatable.map((d) => (
              <li>
                <a href={`/cases/new/${d.id}`}>{d.title}の案件を作成</a>
              </li>
            ))}
          </ul>
        </section>
      )}

      {p.recentlyDone.length > 0 && (
        <section aria-labelledby="h-done">
          <h2 id="h-done">最近終了した案件（30日以内）</h2>
          <ul>
            {p.recentlyDone.map((r) => (
              <li>
                <a href={`/cases/${r.id}`}>{r.title}</a>（{L.state(r.procedure, r.state)}、{dateTimeJa(r.updatedAt)}）
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="h-feed">
        <h2 id="h-feed">カレンダー配信</h2>
        <p>貴校の期限を、お使いのカレンダーアプリ（iCalendar 形式）で購読できます。URLは貴校専用です。他の人に知らせないでください。</p>
        <form method="post" action="/school/calendar-feed">
          <input type="hidden" name="_csrf" value={p.user.csrf} />
          <button type="submit" class="secondary">
            カレンダー配信URLを発行（再発行すると以前のURLは無効になります）
          </button>
        </form>
      </section>
    </Layout>
  );
}
