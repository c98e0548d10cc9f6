/** The officer's inbox: cases waiting on the office, soonest effective due date first, with filters and paging. */
import type { IsoDate } from '../../domain/dates.js';
import type { WebUser } from '../env.js';
import type { Labeller } from '../labels.js';
import type { InboxFilters, InboxRow } from '../queries.js';
import { dateJa, DueBadge } from '../ui/dates.js';
import { Layout } from '../ui/layout.js';

export interface InboxProps {
  user: WebUser;
  today: IsoDate;
  filters: InboxFilters;
  rows: InboxRow[];
  hasNext: boolean;
  page: number;
  procedures: { id: string; title: string; states: { path: string; label: string }[] }[];
  schools: { id: string; name: string }[];
  fiscalYears: number[];
  labels: Labeller;
}

function query(f: InboxFilters, page: number): string {
  const q = new URLSearchParams();
  if (f.scope === 'region') q.set('scope', 'region');
  if (f.procedure) q.set('procedure', f.procedure);
  if (f.state) q.set('state', f.state);
  if (f.schoolOrgId) q.set('school', f.schoolOrgId);
  if (f.fiscalYear) q.set('fy', String(f.fiscalYear));
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/inbox?${s}` : '/inbox';
}

export function InboxPage(p: InboxProps) {
  const f = p.filters;
  const office = p.user.role === 'hq' ? '本庁' : 'センター';
  const title = f.scope === 'region' ? '管内の進行中の案件' : `受付箱（${office}の対応待ち）`;
  return (
    <Layout title={title} user={p.user}>
      {p.user.role === 'center' && (
        <p>
          <a href="/inbox" aria-current={f.scope !== 'region' ? 'page' : undefined}>センターの対応待ち</a>
          {' ｜ '}
          <a href="/inbox?scope=region" aria-current={f.scope === 'region' ? 'page' : undefined}>管内の進行中の案件</a>
        </p>
      )}
      <form method="get" action="/inbox" class="filters" aria-label="絞り込み">
        {f.scope === 'region' && <input type="hidden" name="scope" value="region" />}
        <div>
          <label for="f-procedure">手続</label>
          <select id="f-procedure" name="procedure">
            <option value="">すべて</option>
            {p.procedures.map((d) => (
              <option value={d.id} selected={f.procedure === d.id}>
                {d.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-state">状態</label>
          <select id="f-state" name="state">
            <option value="">すべて</option>
            {p.procedures.map((d) => (
              <optgroup label={d.title}>
                {d.states.map((s) => (
                  <option value={s.path} selected={f.state === s.path}>
                    {s.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div>
          <label for="f-school">訓練校</label>
          <select id="f-school" name="school">
            <option value="">すべて</option>
            {p.schools.map((s) => (
              <option value={s.id} selected={f.schoolOrgId === s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-fy">年度</label>
          <select id="f-fy" name="fy">
            <option value="">すべて</option>
            {p.fiscalYears.map((y) => (
              <option value={String(y)} selected={f.fiscalYear === y}>
                {y}年度
              </option>
            ))}
          </select>
        </div>
        <button type="submit">絞り込む</button>
        <a href={f.scope === 'region' ? '/inbox?scope=region' : '/inbox'}>条件をクリア</a>
      </form>
      {p.rows.length === 0 ? (
        <p role="status">該当する案件はありません。</p>
      ) : (
        <table class="cards">
          <caption>実質の期限が早い順（期限超過 ⚠・今週が期限 ● を表示）</caption>
          <thead>
            <tr>
              <th scope="col">実質の期限</th>
              <th scope="col">期限の状況</th>
              <th scope="col">案件</th>
              <th scope="col">手続</th>
              <th scope="col">状態</th>
              <th scope="col">訓練校</th>
              <th scope="col">年度</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td data-label="実質の期限">{dateJa(r.nextDue)}</td>
                <td data-label="期限の状況">
                  <DueBadge effective={r.nextDue} today={p.today} />
                </td>
                <td data-label="案件">
                  <a href={`/cases/${r.id}`}>{r.title}</a>
                </td>
                <td data-label="手続">{p.labels.procedure(r.procedure)}</td>
                <td data-label="状態">{p.labels.state(r.procedure, r.state, r.definitionVersion)}</td>
                <td data-label="訓練校">{r.schoolName ?? '—'}</td>
                <td data-label="年度" class="num">{r.fiscalYear}年度</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label="ページ送り">
        {p.page > 1 && <a href={query(f, p.page - 1)}>← 前のページ</a>}
        <span>{p.page}ページ目</span>
        {p.hasNext && <a href={query(f, p.page + 1)}>次のページ →</a>}
      </nav>
    </Layout>
  );
}
