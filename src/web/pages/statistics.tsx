/** HQ statistics pages: the procedures that declare figures, and per procedure and fiscal year the figures and their charts. */
import { raw } from 'hono/html';
import type { FigureDefinition, RateDefinition } from '../../../definitions/types.js';
import { fiscalYearLabel } from '../../domain/fiscal-year.js';
import type { WebUser } from '../env.js';
import { formatValue } from '../statistics/chart.js';
import type { FigureGroup, StatisticsChoices, StatisticsFilter, StatisticsResult } from '../statistics/queries.js';
import { STATISTICS_STYLE } from '../statistics/style.js';
import { dateTimeJa } from '../ui/dates.js';
import { Layout } from '../ui/layout.js';

export interface StatisticsProcedure {
  id: string;
  title: string;
  description: string;
  figures: FigureDefinition[];
  /** The rates the definition declares over its figures (合格率). */
  rates: RateDefinition[];
}

export function StatisticsIndexPage(p: { user: WebUser; procedures: StatisticsProcedure[] }) {
  return (
    <Layout title="統計" user={p.user}>
      <style>{STATISTICS_STYLE}</style>
      <p>数値を集計できる手続です。手続を選ぶと、年度ごとの合計、訓練校別・訓練科別・センター別の数値とグラフを表示し、CSV・Excel で出力できます。</p>
      {p.procedures.length === 0 ? (
        <p>集計できる手続はありません。</p>
      ) : (
        <table class="cards">
          <thead>
            <tr>
              <th scope="col">手続</th>
              <th scope="col">説明</th>
              <th scope="col">集計する数値</th>
            </tr>
          </thead>
          <tbody>
            {p.procedures.map((d) => (
              <tr data-procedure={d.id}>
                <td data-label="手続">
                  <a href={`/statistics/${d.id}`}>{d.title}</a>
                </td>
                <td data-label="説明">{d.description}</td>
                <td data-label="集計する数値">{d.figures.map((f) => f.label).join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export interface StatisticsPageProps {
  user: WebUser;
  procedure: StatisticsProcedure;
  rates: RateDefinition[];
  filter: StatisticsFilter;
  choices: StatisticsChoices;
  result: StatisticsResult;
  coverage: { all: number; counted: number };
  chartBy: 'school' | 'center';
  charts: { key: string; label: string; svg: string }[];
  notes: string[];
  madeAt: Date;
  query: string;
}

const yearLabel = (fy: number) => `${fiscalYearLabel(fy)}（${fy}年度）`;

function FiguresTable(p: { caption: string; head: [string, (g: FigureGroup) => string][]; groups: FigureGroup[]; figures: FigureDefinition[]; rates: RateDefinition[]; level: string }) {
  if (!p.groups.length) return <p>集計する案件がありません。</p>;
  return (
    <div class="table-scroll">
      <p class="hint">{p.caption}</p>
      <table class="cards stat-table" data-level={p.level}>
        <thead>
          <tr>
            {p.head.map(([h]) => (
              <th scope="col">{h}</th>
            ))}
            <th scope="col">案件数</th>
            {p.figures.map((f) => (
              <th scope="col">{f.label}</th>
            ))}
            {p.rates.map((r) => (
              <th scope="col">{r.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.groups.map((g) => (
            <tr>
              {p.head.map(([h, get], i) =>
                i === 0 ? (
                  <th scope="row" data-label={h}>
                    {get(g)}
                  </th>
                ) : (
                  <td data-label={h}>{get(g)}</td>
                ),
              )}
              <td data-label="案件数" class="num">
                {g.cases}件
              </td>
              {p.figures.map((f) => (
                <td data-label={f.label} data-figure={f.key} class="num">
                  {formatValue(g.values[f.key] ?? 0, '')}
                </td>
              ))}
              {p.rates.map((r) => (
                <td data-label={r.label} data-rate={r.key} class="num">
                  {formatValue(g.rates[r.key] ?? null, '%')}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StatisticsPage(p: StatisticsPageProps) {
  const { procedure: d, filter: f } = p;
  const years = [...new Set([...p.choices.fiscalYears, f.fiscalYear])].sort();
  const centerName = p.choices.centers.find((c) => c.id === f.centerId)?.name;
  const schoolName = p.choices.schools.find((c) => c.id === f.schoolId)?.name;
  // Under a centre, its schools (and the chosen one, should it belong to another centre).
  const schools = p.choices.schools.filter((c) => !f.centerId || c.centerId === f.centerId || c.id === f.schoolId);
  const base = `/statistics/${d.id}`;
  const keep = (extra: Record<string, string>) => {
    const q = new URLSearchParams(p.query);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return q.toString();
  };
  const t = p.result.total;
  return (
    <Layout title={`統計：${d.title}（${yearLabel(f.fiscalYear)}）`} user={p.user}>
      <style>{STATISTICS_STYLE}</style>
      <p>
        <a href="/statistics">統計の一覧へ戻る</a>
      </p>
      <form method="get" action={base} class="filters" aria-label="集計の条件">
        <div>
          <label for="s-fy">年度</label>
          <select id="s-fy" name="fy">
            {years.map((y) => (
              <option value={String(y)} selected={f.fiscalYear === y}>
                {yearLabel(y)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="s-center">センター</label>
          <select id="s-center" name="center">
            <option value="">すべてのセンター</option>
            {p.choices.centers.map((c) => (
              <option value={c.id} selected={f.centerId === c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="s-school">訓練校</label>
          <select id="s-school" name="school">
            <option value="">すべての訓練校</option>
            {schools.map((c) => (
              <option value={c.id} selected={f.schoolId === c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="s-done">対象の案件</label>
          <select id="s-done" name="done">
            <option value="">すべての案件</option>
            <option value="1" selected={f.doneOnly}>
              完了した案件のみ
            </option>
          </select>
        </div>
        <input type="hidden" name="by" value={p.chartBy} />
        <div>
          <button type="submit">集計する</button>
        </div>
      </form>

      <h2>集計の考え方</h2>
      <ul class="stat-notes">
        {p.notes.map((n) => (
          <li>{n}</li>
        ))}
      </ul>
      <p data-coverage={`${p.coverage.counted}/${p.coverage.all}`}>
        この条件の案件 {p.coverage.all}件のうち、数値のある {p.coverage.counted}件を集計しました（うち完了 {t.done}件）。作成日時：{dateTimeJa(p.madeAt)}
      </p>
      <p class="stat-exports">
        <a href={`${base}/figures.csv?${p.query}`} download>
          CSV で出力（UTF-8）
        </a>
        <a href={`${base}/figures.xlsx?${p.query}`} download>
          Excel で出力（xlsx）
        </a>
      </p>

      <h2>合計{schoolName || centerName ? `（${[centerName, schoolName].filter(Boolean).join('・')}）` : ''}</h2>
      <ul class="stat-total" data-level="total">
        {d.figures.map((fig) => (
          <li data-figure={fig.key}>
            <span class="k">{fig.label}</span>
            <span class="v">{formatValue(t.values[fig.key] ?? 0, '')}</span>
          </li>
        ))}
        {p.rates.map((r) => (
          <li data-rate={r.key}>
            <span class="k">{r.label}</span>
            <span class="v">{formatValue(t.rates[r.key] ?? null, '%')}</span>
          </li>
        ))}
      </ul>

      <h2>グラフ</h2>
      <nav class="stat-by" aria-label="グラフの区分">
        <span>区分：</span>
        <a href={`${base}?${keep({ by: 'school' })}#charts`} aria-current={p.chartBy === 'school' ? 'true' : undefined}>
          訓練校別
        </a>
        <a href={`${base}?${keep({ by: 'center' })}#charts`} aria-current={p.chartBy === 'center' ? 'true' : undefined}>
          センター別
        </a>
      </nav>
      <div class="stat-charts" id="charts">
        {p.charts.map((c) => (
          <figure data-chart={c.key}>
            <figcaption>
              {c.label}（{p.chartBy === 'school' ? '訓練校別' : 'センター別'}）
            </figcaption>
            {raw(c.svg)}
          </figure>
        ))}
      </div>

      <h2>訓練校別</h2>
      <FiguresTable
        level="school"
        caption="訓練校ごと（案件の管轄センター）"
        head={[
          ['訓練校', (g) => g.schoolName],
          ['センター', (g) => g.centerName || '（なし）'],
        ]}
        groups={p.result.bySchool}
        figures={d.figures}
        rates={p.rates}
      />
      <h2>訓練科別（系・科）</h2>
      <FiguresTable
        level="course"
        caption="系・科ごと（案件の訓練科）"
        head={[['系・科', (g) => [g.family, g.course].filter(Boolean).join(' ') || '（なし）']]}
        groups={p.result.byCourse}
        figures={d.figures}
        rates={p.rates}
      />
      <h2>センター別</h2>
      <FiguresTable level="center" caption="管轄センターごと" head={[['センター', (g) => g.centerName || '（なし）']]} groups={p.result.byCenter} figures={d.figures} rates={p.rates} />
    </Layout>
  );
}
