/**
 * The school's dashboard: first what the school must do (and, for a deadline already missed, whether it can
 * still be met and what the definition says can be done), then what waits on HQ or the centre (their dates,
 * never marked as the school's lateness), the school's own deadlines of the next 14 days, and the calendar feed.
 */
import { addDays, compareDates, daysBetween, type IsoDate } from '../../domain/dates.js';
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
  /** What the definition says the party can do when a deadline cannot be met. */
  remedy?: (v: CaseView, deadline: string) => string | undefined;
  /** The case's own coming dates (an exam day...), shown where no deadline runs. */
  datesOf?: (v: CaseView) => { label: string; date: IsoDate }[];
}

const WEEKDAY = ['日', '月', '火', '水', '木', '金', '土'];
const weekday = (d: IsoDate) => WEEKDAY[new Date(`${d}T00:00:00Z`).getUTCDay()];

export const OUTLOOK_DAYS = 14;

type Deadline = CaseView['deadlines'][number];
const soonest = (ds: Deadline[]) => [...ds].sort((a, b) => compareDates(a.effective, b.effective))[0];
const formOf = (d: Deadline) => (d.form ? `〔${d.form}〕` : '');

/** A missed hard deadline of the school, said plainly: it can no longer be met as it is, and what can be done. */
function MissedHard(p: { v: CaseView; d: Deadline; today: IsoDate; remedy?: string }) {
  return (
    <div class="deadline-passed" role="alert">
      <p>
        <strong>
          ⚠ {p.d.label}
          {formOf(p.d)} の期限（{dateJa(p.d.effective)}）を{daysBetween(p.d.effective, p.today)}日過ぎています
        </strong>
        {' — '}
        <a href={`/cases/${p.v.id}`}>{p.v.title}</a>
      </p>
      <p>
        厳守の期限のため、このままでは提出しても受理されません。
        {p.remedy ? <>できること: {p.remedy}</> : 'できることを管轄の職業能力開発センターまたは本庁に相談してください。'}
      </p>
    </div>
  );
}

/** Missed soft deadlines: late, still accepted; one box for all of them. */
function MissedSoft(p: { items: { v: CaseView; d: Deadline }[]; today: IsoDate }) {
  return (
    <div class="deadline-late" role="status">
      <p>
        <strong>目安の期限を過ぎたもの（{p.items.length}件）</strong>：目安の期限のため、今から提出しても受け付けられます（遅れた日数が記録されます）。できるだけ早く提出してください。
      </p>
      <ul>
        {p.items.map((x) => (
          <li>
            {x.d.label}
            {formOf(x.d)}：{dateJa(x.d.effective)}から{daysBetween(x.d.effective, p.today)}日経過 — <a href={`/cases/${x.v.id}`}>{x.v.title}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function DashboardPage(p: DashboardProps) {
  const L = p.labels;
  const ours = p.views.filter((v) => v.waitingOn === 'school');
  const theirs = p.views.filter((v) => v.waitingOn !== 'school');
  const schoolDeadlines = (v: CaseView) => v.deadlines.filter((d) => d.party === 'school');
  const missed = ours.flatMap((v) => schoolDeadlines(v).filter((d) => compareDates(d.effective, p.today) < 0).map((d) => ({ v, d })));
  const outlook = p.views
    .flatMap((v) => schoolDeadlines(v).map((d) => ({ v, d })))
    .filter((x) => compareDates(x.d.effective, p.today) >= 0 && compareDates(x.d.effective, addDays(p.today, OUTLOOK_DAYS - 1)) <= 0)
    .sort((a, b) => compareDates(a.d.effective, b.d.effective));
  const outlookDays = [...new Set(outlook.map((x) => x.d.effective))];
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
        <h2 id="h-todo">あなたの対応が必要なもの（{ours.length}件）</h2>
        {missed
          .filter((x) => x.d.enforcement === 'hard')
          .map((x) => (
            <MissedHard v={x.v} d={x.d} today={p.today} remedy={p.remedy?.(x.v, x.d.name)} />
          ))}
        {missed.some((x) => x.d.enforcement !== 'hard') && <MissedSoft items={missed.filter((x) => x.d.enforcement !== 'hard')} today={p.today} />}
        {ours.length === 0 ? (
          <p>いま貴校が対応する案件はありません。</p>
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
              {ours.map((v) => {
                const mine = soonest(schoolDeadlines(v));
                const actions = v.allowedEvents.map((t) => L.event(v.procedure, t, v.definitionVersion));
                return (
                  <tr>
                    <td data-label="案件">
                      <a href={`/cases/${v.id}`}>{v.title}</a>
                    </td>
                    <td data-label="状態">{v.stateLabel}</td>
                    <td data-label="次に行うこと">
                      <strong>{mine ? `${mine.label}${formOf(mine)}` : '貴校の対応が必要です'}</strong>
                      {actions.length > 0 && <span class="hint">行える操作: {actions.join('、')}</span>}
                    </td>
                    <td data-label="期限（実質）">
                      {mine ? (
                        `${dateJa(mine.effective)}（${ENFORCEMENT_JA[mine.enforcement].slice(0, 3)}）`
                      ) : (
                        <>
                          期限なし
                          {(p.datesOf?.(v) ?? []).slice(0, 1).map((d) => (
                            <span class="hint">
                              {d.label}: {dateJa(d.date)}
                            </span>
                          ))}
                        </>
                      )}
                    </td>
                    <td data-label="状況">{mine ? <DueBadge effective={mine.effective} today={p.today} /> : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="h-waiting">
        <h2 id="h-waiting">本庁・センターの対応待ち（{theirs.length}件）</h2>
        {theirs.length === 0 ? (
          <p>本庁・センターの対応を待っている案件はありません。</p>
        ) : (
          <>
            <p class="hint">貴校の対応は不要です。本庁・センターの期限を参考に示します（期限を過ぎても貴校の遅れにはなりません）。</p>
            <table class="cards">
              <thead>
                <tr>
                  <th scope="col">案件</th>
                  <th scope="col">状態</th>
                  <th scope="col">対応する機関</th>
                  <th scope="col">機関の期限（実質）</th>
                </tr>
              </thead>
              <tbody>
                {theirs.map((v) => {
                  const d = soonest(v.deadlines.filter((x) => x.party !== 'school'));
                  return (
                    <tr>
                      <td data-label="案件">
                        <a href={`/cases/${v.id}`}>{v.title}</a>
                      </td>
                      <td data-label="状態">{v.stateLabel}</td>
                      <td data-label="対応する機関">{v.waitingOn ? `${PARTY_JA[v.waitingOn]}の対応待ち` : '—'}</td>
                      <td data-label="機関の期限（実質）">
                        {d ? (
                          <>
                            {d.label}: {dateJa(d.effective)}
                            {compareDates(d.effective, p.today) < 0 && <span class="hint">（{PARTY_JA[d.party]}の期限を過ぎています。貴校の対応は不要です）</span>}
                          </>
                        ) : (
                          '期限なし'
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section aria-labelledby="h-outlook">
        <h2 id="h-outlook">今後{OUTLOOK_DAYS}日間の貴校の期限</h2>
        {outlookDays.length === 0 ? (
          <p>
            {dateJa(p.today)}から{OUTLOOK_DAYS}日間に、貴校の期限はありません。
          </p>
        ) : (
          <table class="cards">
            <thead>
              <tr>
                <th scope="col">日付</th>
                <th scope="col">期限</th>
              </tr>
            </thead>
            <tbody>
              {outlookDays.map((day) => (
                <tr>
                  <th scope="row" data-label="日付">
                    {dateJa(day)}（{weekday(day)}）{day === p.today ? ' 本日' : ''}
                  </th>
                  <td data-label="期限">
                    {outlook
                      .filter((x) => x.d.effective === day)
                      .map((x) => (
                        <div>
                          <a href={`/cases/${x.v.id}`}>{x.v.title}</a>：{x.d.label}{formOf(x.d)}（{ENFORCEMENT_JA[x.d.enforcement]}）
                        </div>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
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
