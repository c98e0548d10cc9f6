/** Every case the viewer may see, most recently changed first, with a text search, filters and paging. */
import type { IsoDate } from '../../domain/dates.js';
import type { WebUser } from '../env.js';
import type { Labeller } from '../labels.js';
import type { CaseListFilters, CaseListRow } from '../queries.js';
import { dateJa, dateTimeJa, DueBadge, PARTY_JA } from '../ui/dates.js';
import { FiscalYearSelect, ProcedureAndState, SchoolSelect, SearchField } from '../ui/case-filters.js';
import { Layout } from '../ui/layout.js';

export interface CaseListProps {
  user: WebUser;
  today: IsoDate;
  filters: CaseListFilters;
  rows: CaseListRow[];
  hasNext: boolean;
  page: number;
  procedures: { id: string; title: string; states: { path: string; label: string }[] }[];
  schools: { id: string; name: string }[];
  fiscalYears: number[];
  labels: Labeller;
}

export function caseListHref(f: CaseListFilters, page: number): string {
  const q = new URLSearchParams();
  if (f.text) q.set('q', f.text);
  if (f.procedure) q.set('procedure', f.procedure);
  if (f.state) q.set('state', f.state);
  if (f.schoolOrgId) q.set('school', f.schoolOrgId);
  if (f.fiscalYear) q.set('fy', String(f.fiscalYear));
  if (f.status) q.set('status', f.status);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/cases?${s}` : '/cases';
}

const SCOPE_JA: Record<string, string> = {
  school: '貴校の案件',
  center: '管内の訓練校の案件',
  hq: 'すべての案件',
  analyst: 'すべての案件（閲覧のみ）',
  admin: 'すべての案件',
};

export function CaseListPage(p: CaseListProps) {
  const f = p.filters;
  const L = p.labels;
  return (
    <Layout title="案件一覧" user={p.user}>
      <p class="case-list-summary">{SCOPE_JA[p.user.role]}を、更新が新しい順に表示しています。</p>
      <form method="get" action="/cases" class="filters" aria-label="検索と絞り込み">
        <SearchField value={f.text} label="検索（案件名・訓練校名・訓練科・訓練生の氏名など）" />
        <ProcedureAndState choices={p} values={f} />
        <div>
          <label for="f-status">進行</label>
          <select id="f-status" name="status">
            <option value="">すべて</option>
            <option value="active" selected={f.status === 'active'}>
              進行中
            </option>
            <option value="done" selected={f.status === 'done'}>
              終了
            </option>
          </select>
        </div>
        <FiscalYearSelect choices={p} values={f} />
        {p.schools.length > 1 && <SchoolSelect choices={p} values={f} />}
        <button type="submit">検索</button>
        <a href="/cases">条件をクリア</a>
      </form>
      {p.rows.length === 0 ? (
        <p role="status">該当する案件はありません。</p>
      ) : (
        <table class="cards case-list">
          <caption>
            {p.page}ページ目（{p.rows.length}件{p.hasNext ? '、次のページあり' : ''}）
          </caption>
          <thead>
            <tr>
              <th scope="col">案件</th>
              <th scope="col">手続</th>
              <th scope="col">状態</th>
              <th scope="col">訓練校</th>
              <th scope="col">年度</th>
              <th scope="col">実質の期限</th>
              <th scope="col">更新</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td data-label="案件">
                  <a href={`/cases/${r.id}`}>{r.title}</a>
                </td>
                <td data-label="手続">{L.procedure(r.procedure)}</td>
                <td data-label="状態">
                  {L.state(r.procedure, r.state, r.definitionVersion)}
                  <span class="hint">
                    {r.status === 'active' ? `進行中${r.waitingOn ? `・${PARTY_JA[r.waitingOn]}の対応待ち` : ''}` : '終了'}
                  </span>
                </td>
                <td data-label="訓練校">{r.schoolName ?? '—'}</td>
                <td data-label="年度" class="num">
                  {r.fiscalYear}年度
                </td>
                <td data-label="実質の期限">
                  {r.status === 'active' && r.nextDue ? (
                    <>
                      {dateJa(r.nextDue)}
                      <br />
                      <DueBadge effective={r.nextDue} today={p.today} />
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td data-label="更新">{dateTimeJa(r.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label="ページ送り">
        {p.page > 1 && <a href={caseListHref(f, p.page - 1)}>← 前のページ</a>}
        <span>{p.page}ページ目</span>
        {p.hasNext && <a href={caseListHref(f, p.page + 1)}>次のページ →</a>}
      </nav>
    </Layout>
  );
}
