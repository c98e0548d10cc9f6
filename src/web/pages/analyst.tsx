/** Analyst pages: the procedures, and per procedure its live diagram, figures per state and deadline rules. */
import { raw } from 'hono/html';
import type { describeDefinition } from '../../../definitions/describe.js';
import type { WebUser } from '../env.js';
import type { StateFigures } from '../queries.js';
import { ENFORCEMENT_JA, PARTY_JA } from '../ui/dates.js';
import { Layout } from '../ui/layout.js';

export function ProceduresPage(p: { user: WebUser; procedures: { id: string; title: string; description: string; version: number; active: number; done: number }[] }) {
  return (
    <Layout title="手続の一覧" user={p.user}>
      <table class="cards">
        <thead>
          <tr>
            <th scope="col">手続</th>
            <th scope="col">説明</th>
            <th scope="col">版</th>
            <th scope="col">進行中</th>
            <th scope="col">終了</th>
            <th scope="col">資料</th>
          </tr>
        </thead>
        <tbody>
          {p.procedures.map((d) => (
            <tr>
              <td data-label="手続">
                <a href={`/analyst/procedures/${d.id}`}>{d.title}</a>
              </td>
              <td data-label="説明">{d.description}</td>
              <td data-label="版" class="num">{d.version}</td>
              <td data-label="進行中" class="num">{d.active}件</td>
              <td data-label="終了" class="num">{d.done}件</td>
              <td data-label="資料">
                <a href={`/analyst/procedures/${d.id}/diagram.svg`}>図（SVG）</a>・<a href={`/analyst/procedures/${d.id}/diagram.mmd`}>Mermaid</a>・
                <a href={`/analyst/procedures/${d.id}/cases.csv`}>案件CSV</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export const days = (n: number | null) => (n === null ? '—' : `${n.toFixed(1)}日`);

export function ProcedurePage(p: {
  user: WebUser;
  described: ReturnType<typeof describeDefinition>;
  figures: Map<string, StateFigures>;
  svg: string;
}) {
  const d = p.described;
  return (
    <Layout title={`${d.title}（${d.id}）`} user={p.user}>
      <p>{d.description}</p>
      <p>
        <a href={`/analyst/procedures/${d.id}/cases.csv`}>案件一覧をCSVでダウンロード</a>・<a href={`/analyst/procedures/${d.id}/diagram.mmd`}>Mermaid 形式</a>・
        <a href={`/analyst/procedures/${d.id}/diagram.svg`}>SVG 形式</a>
      </p>
      <section aria-labelledby="h-diagram">
        <h2 id="h-diagram">状態遷移図（現在の件数つき）</h2>
        <figure>
          <div class="diagram">{raw(p.svg)}</div>
          <figcaption>
            マシン定義から生成した図です。各状態に、その状態にある案件数・期限超過の件数・滞在日数の中央値を示します。◆は厳守期限、◇は目安期限です（下の表にも同じ数値があります）。
          </figcaption>
        </figure>
      </section>
      <section aria-labelledby="h-figures">
        <h2 id="h-figures">状態ごとの件数</h2>
        <table id="state-figures" class="cards">
          <thead>
            <tr>
              <th scope="col">状態</th>
              <th scope="col">状態ID</th>
              <th scope="col">案件数</th>
              <th scope="col">うち期限超過</th>
              <th scope="col">滞在日数の中央値（滞在中を含む）</th>
            </tr>
          </thead>
          <tbody>
            {d.states.map((s) => {
              const f = p.figures.get(s.path);
              return (
                <tr data-state={s.path}>
                  <th scope="row" data-label="状態">{s.label}</th>
                  <td data-label="状態ID">
                    <code>{s.path}</code>
                  </td>
                  <td data-label="案件数" class="num" data-count="total">
                    {f?.total ?? 0}
                  </td>
                  <td data-label="うち期限超過" class="num" data-count="overdue">
                    {f?.overdue ?? 0}
                  </td>
                  <td data-label="滞在日数の中央値（滞在中を含む）" class="num">{s.final ? '—（終了状態）' : days(f?.medianDays ?? null)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="h-rules">
        <h2 id="h-rules">期限の定め</h2>
        <table class="cards">
          <thead>
            <tr>
              <th scope="col">期限</th>
              <th scope="col">様式</th>
              <th scope="col">定め</th>
              <th scope="col">対応する者</th>
              <th scope="col">遅延時の連絡先</th>
              <th scope="col">種別</th>
              <th scope="col">リマインダー</th>
            </tr>
          </thead>
          <tbody>
            {d.deadlines.map((r) => (
              <tr>
                <td data-label="期限">{r.label}</td>
                <td data-label="様式">{r.form ?? '—'}</td>
                <td data-label="定め">{r.rule}</td>
                <td data-label="対応する者">{PARTY_JA[r.party]}</td>
                <td data-label="遅延時の連絡先">{PARTY_JA[r.supervisor]}</td>
                <td data-label="種別">{ENFORCEMENT_JA[r.enforcement]}</td>
                <td data-label="リマインダー">{r.reminders.length ? `${r.reminders.join('・')}日前` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="h-events">
        <h2 id="h-events">操作（イベント）</h2>
        <table class="cards">
          <thead>
            <tr>
              <th scope="col">操作</th>
              <th scope="col">様式</th>
              <th scope="col">行う者</th>
              <th scope="col">法定ルール数</th>
            </tr>
          </thead>
          <tbody>
            {d.events.map((e) => (
              <tr>
                <td data-label="操作">
                  {e.label}（<code>{e.type}</code>）
                </td>
                <td data-label="様式">{e.form ?? '—'}</td>
                <td data-label="行う者">{e.roles.map((r) => PARTY_JA[r] ?? r).join('・')}</td>
                <td data-label="法定ルール数" class="num">{e.rules.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
