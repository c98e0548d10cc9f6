/**
 * The officer's inbox: cases of the office, soonest effective due date first, with a text search, filters,
 * days in the current state, the next action the definition allows, the case's own dates, the latest filing
 * the office received, and who took the case on (claim / give up, "only mine").
 */
import type { IsoDate } from '../../domain/dates.js';
import type { WebUser } from '../env.js';
import type { InboxFilters } from '../queries.js';
import { dateJa, DueBadge, PARTY_JA } from '../ui/dates.js';
import { Layout } from '../ui/layout.js';
import { FiscalYearSelect, ProcedureAndState, SchoolSelect, SearchField } from '../ui/case-filters.js';

export interface InboxItem {
  id: string;
  title: string;
  procedure: string;
  state: string;
  schoolName: string | null;
  fiscalYear: number;
  nextDue: IsoDate | null;
  waitingOn: string | null;
  /** The Tokyo day the case entered its current state (from its history), and the days since. */
  enteredOn: IsoDate | null;
  daysInState: number | null;
  /** Labels of the events the viewer may send now (only when the case waits on the viewer's office): a running deadline's first. */
  actions: string[];
  otherActions: string[];
  deadline: { label: string; form: string | null; effective: IsoDate; party: string } | null;
  /** The case's own dates from today on (exam day...). */
  dates: { label: string; date: IsoDate }[];
  /** The latest filing the viewer's office was told it received. */
  received: { label: string; on: IsoDate } | null;
  assignee: { mine: boolean; name: string } | null;
}

export interface InboxProps {
  user: WebUser;
  today: IsoDate;
  filters: InboxFilters;
  /** This page's path and query, where the claim buttons come back to. */
  here: string;
  items: InboxItem[];
  hasNext: boolean;
  page: number;
  procedures: { id: string; title: string; states: { path: string; label: string }[] }[];
  schools: { id: string; name: string }[];
  fiscalYears: number[];
}

export function inboxHref(f: InboxFilters, page: number, role: string): string {
  const q = new URLSearchParams();
  if (role === 'center' && f.scope === 'waiting') q.set('scope', 'waiting');
  if (f.text) q.set('q', f.text);
  if (f.mine) q.set('mine', '1');
  if (f.procedure) q.set('procedure', f.procedure);
  if (f.state) q.set('state', f.state);
  if (f.schoolOrgId) q.set('school', f.schoolOrgId);
  if (f.fiscalYear) q.set('fy', String(f.fiscalYear));
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/inbox?${s}` : '/inbox';
}

/** One hidden form for the page's claim buttons (each names its case with formaction): a row carries no token. */
const ASSIGN_FORM = 'assign-form';

function AssignButton(p: { item: InboxItem }) {
  const a = p.item.assignee;
  const action = `/cases/${p.item.id}/assignee`;
  return (
    <div class="assign">
      {a ? <span class={a.mine ? 'assignee mine' : 'assignee'}>{a.mine ? '★ あなた' : a.name}</span> : <span class="assignee none">未割当</span>}
      {!a && (
        <button type="submit" form={ASSIGN_FORM} formaction={action} name="action" value="claim" class="secondary small">
          担当になる
        </button>
      )}
      {a?.mine && (
        <button type="submit" form={ASSIGN_FORM} formaction={action} name="action" value="release" class="secondary small">
          担当を外す
        </button>
      )}
    </div>
  );
}

export function InboxPage(p: InboxProps) {
  const f = p.filters;
  const center = p.user.role === 'center';
  const office = p.user.role === 'hq' ? '本庁' : 'センター';
  const region = center && f.scope !== 'waiting';
  const title = region ? '受付箱（管内の進行中の案件）' : `受付箱（${office}の対応待ち）`;
  const tab = (scope: 'region' | 'waiting') => (scope === 'waiting' ? '/inbox?scope=waiting' : '/inbox');
  return (
    <Layout title={title} user={p.user}>
      {center && (
        <nav class="tabs" aria-label="表示する案件">
          <a href={tab('region')} aria-current={region ? 'page' : undefined}>
            管内の進行中の案件
          </a>
          <a href={tab('waiting')} aria-current={!region ? 'page' : undefined}>
            センターの対応待ち
          </a>
        </nav>
      )}
      <form method="get" action="/inbox" class="filters" aria-label="検索と絞り込み">
        {center && !region && <input type="hidden" name="scope" value="waiting" />}
        <SearchField value={f.text} label="検索（訓練校名・訓練科・訓練生の氏名など）" placeholder="例: 機械加工　山田" />
        <ProcedureAndState choices={p} values={f} />
        <SchoolSelect choices={p} values={f} />
        <FiscalYearSelect choices={p} values={f} />
        <div class="check">
          <label>
            <input type="checkbox" name="mine" value="1" checked={!!f.mine} /> 自分が担当の案件だけ
          </label>
        </div>
        <button type="submit">検索</button>
        <a href={tab(region ? 'region' : 'waiting')}>条件をクリア</a>
      </form>
      {p.items.length === 0 ? (
        <p role="status">該当する案件はありません。</p>
      ) : (
        <table class="cards inbox">
          <caption>
            実質の期限が早い順（期限超過 ⚠・今週が期限 ● を表示）。「経過日数」は現在の状態になった日（案件の経過の記録）からの日数です。
          </caption>
          <thead>
            <tr>
              <th scope="col">実質の期限</th>
              <th scope="col">案件</th>
              <th scope="col">状態・経過日数</th>
              <th scope="col">次の対応</th>
              <th scope="col">予定日・受付</th>
              <th scope="col">担当</th>
            </tr>
          </thead>
          <tbody>
            {p.items.map((r) => (
              <tr>
                <td data-label="実質の期限">
                  {r.nextDue || r.dates.length === 0 ? (
                    <>
                      {dateJa(r.nextDue)}
                      <br />
                      <DueBadge effective={r.nextDue} today={p.today} />
                    </>
                  ) : (
                    <>
                      期限なし
                      <span class="hint">
                        次の予定: {r.dates[0]!.label} {dateJa(r.dates[0]!.date)}
                      </span>
                    </>
                  )}
                </td>
                <td data-label="案件">
                  <a href={`/cases/${r.id}`}>{r.title}</a>
                  <span class="hint">
                    {r.schoolName ?? '—'}・{r.procedure}・{r.fiscalYear}年度
                  </span>
                </td>
                <td data-label="状態・経過日数">
                  {r.state}
                  <span class="hint">
                    {r.daysInState === null ? '経過日数不明' : `この状態になって ${r.daysInState}日（${dateJa(r.enteredOn)}から）`}
                  </span>
                </td>
                <td data-label="次の対応">
                  {r.actions.length > 0 ? (
                    <>
                      <strong>{r.actions.join('、')}</strong>
                      {r.otherActions.length > 0 && <span class="hint">ほかに: {r.otherActions.join('、')}</span>}
                      {r.deadline && r.deadline.party === p.user.role && <span class="hint">期限: {r.deadline.label}{r.deadline.form ? `〔${r.deadline.form}〕` : ''}</span>}
                    </>
                  ) : r.waitingOn ? (
                    <>
                      {PARTY_JA[r.waitingOn]}の対応待ち
                      {r.deadline && <span class="hint">{r.deadline.label}{r.deadline.form ? `〔${r.deadline.form}〕` : ''}</span>}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td data-label="予定日・受付">
                  {r.dates.map((d) => (
                    <span class="date-line">
                      {d.label}: {dateJa(d.date)}
                    </span>
                  ))}
                  {r.received && (
                    <span class="date-line received">
                      受付: {r.received.label}（{dateJa(r.received.on)}）
                    </span>
                  )}
                  {r.dates.length === 0 && !r.received && '—'}
                </td>
                <td data-label="担当">
                  <AssignButton item={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form id={ASSIGN_FORM} method="post" action="/inbox" hidden>
        <input type="hidden" name="_csrf" value={p.user.csrf} />
        <input type="hidden" name="back" value={p.here} />
      </form>
      <nav class="pager" aria-label="ページ送り">
        {p.page > 1 && <a href={inboxHref(f, p.page - 1, p.user.role)}>← 前のページ</a>}
        <span>{p.page}ページ目</span>
        {p.hasNext && <a href={inboxHref(f, p.page + 1, p.user.role)}>次のページ →</a>}
      </nav>
    </Layout>
  );
}
