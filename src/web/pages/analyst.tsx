/** Analyst pages: the procedures, and per procedure its diagram with an overlay, figures per state and transition, deadline rules. */
import { raw } from 'hono/html';
import type { describeDefinition } from '../../../definitions/describe.js';
import type { ProcedureGraph } from '../../diagrams/graph.js';
import type { diagramLinks } from '../analyst/links.js';
import { filterQuery } from '../analyst/links.js';
import { lateHistogramSvg } from '../analyst/histogram.js';
import { OVERLAYS, median, percentile, tookCount, type Overlay } from '../analyst/overlays.js';
import type { AnalystFilter, CasePath, DeadlineLateness, StateFigure, WayCount } from '../analyst/queries.js';
import type { WebUser } from '../env.js';
import { ENFORCEMENT_JA, PARTY_JA } from '../ui/dates.js';
import { Layout } from '../ui/layout.js';
import { FilterForm, type Choices } from './analyst-filters.js';

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
                <a href={`/analyst/procedures/${d.id}/diagram.svg?download`}>図（SVG）</a>・<a href={`/analyst/procedures/${d.id}/diagram.png?download`}>図（PNG）</a>・
                <a href={`/analyst/procedures/${d.id}/diagram.mmd?download`}>Mermaid</a>・
                <a href={`/analyst/procedures/${d.id}/cases.csv`}>案件CSV</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export const days = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n.toFixed(1)}日`);

export function ProcedurePage(p: {
  user: WebUser;
  described: ReturnType<typeof describeDefinition>;
  graph: ProcedureGraph;
  figures: Map<string, StateFigure>;
  ways: WayCount[];
  lateness: Map<string, DeadlineLateness>;
  paths: CasePath[];
  selectedPath: number | null;
  svg: string;
  overlay: Overlay;
  filter: AnalystFilter;
  choices: Choices;
  links: ReturnType<typeof diagramLinks>;
}) {
  const d = p.described;
  const base = `/analyst/procedures/${d.id}`;
  const fq = filterQuery(p.filter);
  const overlayHref = (k: string) =>
    `${base}?${new URLSearchParams([...new URLSearchParams(fq), ['overlay', k], ...(p.selectedPath ? [['path', String(p.selectedPath)]] : [])]).toString()}`;
  const pathHref = (i: number | null) => `${base}?${new URLSearchParams([...new URLSearchParams(fq), ['overlay', p.overlay.key], ...(i ? [['path', String(i)]] : [])]).toString()}#h-diagram`;
  const stateName = (path: string) => p.graph.states.find((s) => s.path === path)?.label ?? path;
  const eventName = (type: string) => p.graph.transitions.find((t) => t.event === type)?.label ?? p.graph.groups.find((g) => g.event === type)?.label ?? '（自動）';
  const byId = (id: string) => p.graph.states.find((s) => s.id === id);
  return (
    <Layout title={`${d.title}の状態遷移図と分析`} user={p.user}>
      <div class="analyst-wide">
        <p class="lead">{d.description}</p>
        <div class="analyst-controls">
          <FilterForm action={base} filter={p.filter} choices={p.choices} keep={{ overlay: p.overlay.key }} />
          <nav class="overlay-switch" aria-label="図に重ねる数値">
            <strong>図に重ねる数値：</strong>
            {Object.entries(OVERLAYS).map(([k, v]) => (
              <a href={overlayHref(k)} aria-current={p.overlay.key === k ? 'true' : undefined} data-overlay={k}>
                {p.overlay.key === k ? `● ${v.label}` : v.label}
              </a>
            ))}
          </nav>
        </div>
        <section aria-labelledby="h-diagram">
          <h2 id="h-diagram" class="compact">状態遷移図：{p.overlay.label}</h2>
          <div class="heat-key" data-legend={p.overlay.key}>
            <ul class="heat-legend">
              <li>
                <strong>凡例</strong>
              </li>
              {p.overlay.legend.map((l) =>
                p.overlay.key === 'share' ? (
                  <li>{l.text}</li>
                ) : (
                  <li>
                    <span class="swatch" style={`background:${l.color}`}></span>
                    {l.text}
                  </li>
                ),
              )}
            </ul>
            <details class="notation">
              <summary>図の記号の説明</summary>
              <ul class="heat-legend">
                <li>◆ 厳守期限（遅れた届出は受け付けない）</li>
                <li>◇ 目安期限（遅れは記録して連絡）</li>
                <li>破線と時計＝期限の到来による自動の遷移</li>
                <li>点線＝自動の遷移</li>
                <li>［条件］＝条件を満たすときだけ</li>
                <li>↻＝状態を変えずに受け付ける操作</li>
                <li>紫の記号（A・B…）＝その記号の付いた状態のどれからでも</li>
                <li>黒い点＝開始、二重枠＝終了</li>
              </ul>
            </details>
          </div>
          <figure class="diagram-figure">
            <div class="diagram" data-diagram>
              {raw(p.svg)}
            </div>
            <figcaption>
              マシン定義から生成した図です。状態をクリックするとその状態にある案件の一覧、遷移をクリックするとその遷移をした案件の一覧を開きます（絞り込みの条件を引き継ぎます）。拡大・縮小はボタン、Ctrl＋ホイール、＋／－キーで、移動はドラッグ・ホイール・矢印キーでできます。
              <span class="exports">
                図の書き出し：<a href={`${base}/diagram.svg?download`}>SVG</a>
                <a href={`${base}/diagram.png?download`}>PNG</a>
                <a href={`${base}/diagram.mmd?download`}>Mermaid（テキスト）</a>
                <a href={`${base}/cases.csv`}>案件一覧（CSV）</a>
              </span>
            </figcaption>
          </figure>
          <script src="/assets/diagram.js" defer></script>
        </section>
        <section aria-labelledby="h-paths">
          <h2 id="h-paths">案件が実際にたどった経路（履歴から）</h2>
          <p>
            経路を選ぶと、図の上でその経路の状態を黄色で、遷移を太線で示します。{p.selectedPath ? <a href={pathHref(null)}>経路の表示をやめる</a> : null}
          </p>
          {p.paths.length === 0 ? (
            <p>この条件の案件の履歴はありません。</p>
          ) : (
            <table id="paths" class="cards">
              <thead>
                <tr>
                  <th scope="col">経路</th>
                  <th scope="col">たどった状態</th>
                  <th scope="col">案件数</th>
                  <th scope="col">開始から最後の遷移までの日数（中央値）</th>
                </tr>
              </thead>
              <tbody>
                {p.paths.map((path, i) => (
                  <tr data-path={String(i + 1)} aria-current={p.selectedPath === i + 1 ? 'true' : undefined}>
                    <th scope="row" data-label="経路">
                      <a href={pathHref(i + 1)}>{p.selectedPath === i + 1 ? `● 経路${i + 1}（表示中）` : `経路${i + 1}を図に表示`}</a>
                    </th>
                    <td data-label="たどった状態">
                      {path.states.map((st, j) => (j === 0 ? stateName(st) : ` →〔${eventName(path.events[j - 1] ?? '')}〕→ ${stateName(st)}`)).join('')}
                    </td>
                    <td data-label="案件数" class="num">
                      {path.cases}件
                    </td>
                    <td data-label="開始から最後の遷移までの日数（中央値）" class="num">
                      {days(path.medianDays)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="h-lateness">
          <h2 id="h-lateness">期限ごとの遅れ</h2>
          <table id="lateness" class="cards">
            <thead>
              <tr>
                <th scope="col">期限</th>
                <th scope="col">種別</th>
                <th scope="col">期限内</th>
                <th scope="col">期限超過</th>
                <th scope="col">期限前（進行中）</th>
                <th scope="col">期限内の割合</th>
                <th scope="col">遅れた届出の日数（件数・中央値・90%点・最大）</th>
              </tr>
            </thead>
            <tbody>
              {d.deadlines.map((r) => {
                const l = p.lateness.get(r.name);
                const decided = (l?.onTime ?? 0) + (l?.missed ?? 0);
                const late = l?.daysLate ?? [];
                return (
                  <tr data-deadline={r.name}>
                    <th scope="row" data-label="期限">
                      {r.label}
                    </th>
                    <td data-label="種別">{r.enforcement === 'hard' ? '◆厳守' : '◇目安'}</td>
                    <td data-label="期限内" class="num" data-count="on-time">
                      {l?.onTime ?? 0}件
                    </td>
                    <td data-label="期限超過" class="num" data-count="missed">
                      {l?.missed ?? 0}件
                    </td>
                    <td data-label="期限前（進行中）" class="num">
                      {l?.pending ?? 0}件
                    </td>
                    <td data-label="期限内の割合" class="num">
                      {decided ? `${Math.round(((l?.onTime ?? 0) / decided) * 100)}%` : '—'}
                    </td>
                    <td data-label="遅れた届出" class="num">
                      {late.length ? `${late.length}件・${median(late)}日・${percentile(late, 0.9).toFixed(1)}日・${Math.max(...late)}日` : '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h3 id="h-late-days">遅れた届出の日数の分布（期限ごと）</h3>
          {d.deadlines.some((r) => (p.lateness.get(r.name)?.daysLate.length ?? 0) > 0) ? (
            <div class="late-histograms">
              {d.deadlines
                .filter((r) => (p.lateness.get(r.name)?.daysLate.length ?? 0) > 0)
                .map((r) => (
                  <figure class="late-histogram-figure" data-deadline={r.name}>
                    <figcaption>
                      {r.enforcement === 'hard' ? '◆' : '◇'}
                      {r.label}：遅れた届出 {p.lateness.get(r.name)!.daysLate.length}件の遅れた日数
                    </figcaption>
                    {raw(lateHistogramSvg(r.label, p.lateness.get(r.name)!.daysLate))}
                  </figure>
                ))}
            </div>
          ) : (
            <p>この条件の案件に、遅れて届け出た記録はありません。</p>
          )}
        </section>
        <section aria-labelledby="h-figures">
          <h2 id="h-figures">状態ごとの数値</h2>
          <table id="state-figures" class="cards">
            <thead>
              <tr>
                <th scope="col">状態</th>
                <th scope="col">現在の案件数</th>
                <th scope="col">うち期限超過</th>
                <th scope="col">滞在日数の中央値</th>
                <th scope="col">滞在日数の90%点</th>
                <th scope="col">入った案件数（履歴）</th>
              </tr>
            </thead>
            <tbody>
              {p.graph.states.map((s) => {
                const f = p.figures.get(s.path);
                return (
                  <tr data-state={s.path}>
                    <th scope="row" data-label="状態">
                      <a href={p.links.state(s)}>{s.parent ? `${byId(s.parent)?.label ?? ''} ＞ ${s.label}` : s.label}</a>
                    </th>
                    <td data-label="現在の案件数" class="num" data-count="total">
                      {f?.total ?? 0}
                    </td>
                    <td data-label="うち期限超過" class="num" data-count="overdue">
                      {f?.overdue ?? 0}
                    </td>
                    <td data-label="滞在日数の中央値" class="num">{s.kind === 'final' ? '—（終了状態）' : days(f?.median)}</td>
                    <td data-label="滞在日数の90%点" class="num">{s.kind === 'final' ? '—（終了状態）' : days(f?.p90)}</td>
                    <td data-label="入った案件数（履歴）" class="num">{f?.entered ?? 0}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="h-ways">
          <h2 id="h-ways">遷移ごとの件数（履歴から）</h2>
          <table id="transition-figures" class="cards">
            <thead>
              <tr>
                <th scope="col">遷移元</th>
                <th scope="col">操作</th>
                <th scope="col">遷移先</th>
                <th scope="col">遷移した案件数</th>
              </tr>
            </thead>
            <tbody>
              {p.graph.transitions
                .filter((t) => t.kind !== 'auto')
                .map((t) => (
                  <tr>
                    <td data-label="遷移元">{byId(t.from)?.label}</td>
                    <td data-label="操作">
                      <a href={p.links.transition(t) ?? '#'}>
                        {t.label}
                        {t.guarded ? '［条件］' : ''}
                      </a>
                    </td>
                    <td data-label="遷移先">{t.internal ? '（状態は変わらない）' : byId(t.to)?.label}</td>
                    <td data-label="遷移した案件数" class="num">{tookCount(p.graph, p.ways, t)}</td>
                  </tr>
                ))}
              {p.graph.groups.map((g) => (
                <tr>
                  <td data-label="遷移元">{g.marker}印の状態（{g.from.map((id) => byId(id)?.label).join('・')}）</td>
                  <td data-label="操作">
                    <a href={p.links.group(g)}>
                      {g.label}
                      {g.guarded ? '［条件］' : ''}
                    </a>
                  </td>
                  <td data-label="遷移先">{g.to ? byId(g.to)?.label : '（状態は変わらない）'}</td>
                  <td data-label="遷移した案件数" class="num">{tookCount(p.graph, p.ways, g)}</td>
                </tr>
              ))}
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
                  {e.label}
                </td>
                <td data-label="様式">{e.form ?? '—'}</td>
                <td data-label="行う者">{e.roles.map((r) => PARTY_JA[r] ?? r).join('・')}</td>
                <td data-label="法定ルール数" class="num">{e.rules.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      </div>
    </Layout>
  );
}
