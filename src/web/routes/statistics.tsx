/**
 * HQ statistics (hq, analyst, admin): the registered procedures that declare `statistics`, and per procedure and
 * fiscal year the sums of their figures (total, per school, per course, per centre, 合格率) with a bar chart per
 * figure, exported as CSV and xlsx. Nothing here names a procedure: figures and labels come from the definitions.
 */
import { Hono, type Context } from 'hono';
import type { AnyProcedureDefinition } from '../../../definitions/types.js';
import { tokyoDate } from '../../domain/dates.js';
import { fiscalYearOf } from '../../domain/fiscal-year.js';
import { badRequest, notFound } from '../../errors.js';
import { requireUser } from '../auth/middleware.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { StatisticsIndexPage, StatisticsPage, type StatisticsProcedure } from '../pages/statistics.js';
import { barChart, topBars } from '../statistics/chart.js';
import { statisticsCsv, statisticsXlsx } from '../statistics/export.js';
import { caseCoverage, figureGroups, ratesOf, statisticsChoices, type FigureGroup, type StatisticsFilter } from '../statistics/queries.js';
import { page } from '../ui/page.js';

const CHART_BARS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function describe(d: AnyProcedureDefinition): StatisticsProcedure {
  return { id: d.id, title: d.title, description: d.description, figures: d.statistics!.figures, rates: ratesOf(d.statistics!) };
}

/** What the page and the exports say counts, from the figures' own labels. */
function notesOf(p: StatisticsProcedure): string[] {
  const label = (key: string) => p.figures.find((f) => f.key === key)?.label ?? key;
  return [
    '各案件が今記録している数値（手続が案件ごと・訓練科ごとに数えたもの）を、案件の年度ごとに合計しています。数値は案件が進むたびに更新されます。',
    '数値のない案件（取下げた案件や、まだ数える結果のない案件）は含まれません。進行中の案件は現時点の数値で含まれます（「完了した案件のみ」で除けます）。',
    '訓練校・センターは案件の訓練校とその管轄センター、系・科は案件の訓練科です。',
    ...p.rates.map((r) => `${r.label}＝${label(r.numerator)}÷${label(r.denominator)}（${label(r.denominator)}が0の区分は「—」）。`),
  ];
}

export function statisticsRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  const allowed = requireUser('hq', 'analyst', 'admin');
  const withStatistics = () => deps.registry.list().filter((d) => d.statistics);
  const definition = (id: string) => {
    const d = deps.registry.latest(id);
    if (!d) throw notFound(`手続「${id.slice(0, 40)}」はありません`);
    if (!d.statistics) throw notFound(`手続「${d.title}」には集計する数値がありません`);
    return d;
  };

  async function read(c: Context<WebEnv>, d: AnyProcedureDefinition) {
    const q = c.req.query();
    const fy = q.fy?.trim() ?? '';
    if (fy && !/^\d{4}$/.test(fy)) throw badRequest('bad_fiscal_year', `年度「${fy.slice(0, 20)}」は西暦4桁で指定してください（例：2026）`);
    const center = q.center?.trim() ?? '';
    if (center && !UUID.test(center)) throw badRequest('bad_center', 'センターの指定が正しくありません');
    const school = q.school?.trim() ?? '';
    if (school && !UUID.test(school)) throw badRequest('bad_school', '訓練校の指定が正しくありません');
    const done = q.done?.trim() ?? '';
    if (done && done !== '1') throw badRequest('bad_done', '対象の案件の指定が正しくありません');
    const by = q.by?.trim() || 'school';
    if (by !== 'school' && by !== 'center') throw badRequest('bad_by', 'グラフの区分は訓練校別（school）かセンター別（center）で指定してください');
    const choices = await statisticsChoices(deps.db, d.id);
    const now = deps.clock.now();
    // Without a year: the latest year the procedure has cases in, else the current fiscal year.
    const fiscalYear = fy ? Number(fy) : (choices.fiscalYears.at(-1) ?? fiscalYearOf(tokyoDate(now)));
    const filter: StatisticsFilter = { fiscalYear, centerId: center || null, schoolId: school || null, doneOnly: done === '1' };
    if (filter.centerId && !choices.centers.some((x) => x.id === filter.centerId)) throw notFound('指定のセンターはありません');
    if (filter.schoolId && !choices.schools.some((x) => x.id === filter.schoolId)) throw notFound('指定の訓練校はありません');
    const query = new URLSearchParams({
      fy: String(fiscalYear),
      ...(filter.centerId ? { center: filter.centerId } : {}),
      ...(filter.schoolId ? { school: filter.schoolId } : {}),
      ...(filter.doneOnly ? { done: '1' } : {}),
      by,
    });
    return { filter, choices, chartBy: by as 'school' | 'center', now, query: query.toString() };
  }

  app.get('/statistics', allowed, (c) => page(c, <StatisticsIndexPage user={c.get('user')!} procedures={withStatistics().map(describe)} />));

  app.get('/statistics/:id', allowed, async (c) => {
    const d = definition(c.req.param('id'));
    const p = describe(d);
    const { filter, choices, chartBy, now, query } = await read(c, d);
    const result = await figureGroups(deps.db, d.id, p.figures, p.rates, filter);
    const coverage = await caseCoverage(deps.db, d.id, filter);
    const rates = p.rates;
    const groups = chartBy === 'school' ? result.bySchool : result.byCenter;
    const name = (g: FigureGroup) => (chartBy === 'school' ? g.schoolName : g.centerName || '（センターなし）');
    // A chart shows the largest CHART_BARS groups (200 schools would be a page of bars); the tables list them all.
    const ordered = (value: (g: FigureGroup) => number | null) => topBars(groups.map((g) => ({ label: name(g), value: value(g) })), CHART_BARS);
    const unit = chartBy === 'school' ? '校' : 'センター';
    const by = `${chartBy === 'school' ? '訓練校別' : 'センター別'}${groups.length > CHART_BARS ? `、上位${CHART_BARS}${unit}（全${groups.length}${unit}は表のとおり）` : ''}`;
    const charts = [
      ...p.figures.map((f) => ({
        key: f.key,
        label: f.label,
        svg: barChart({ id: `chart-${f.key}`, title: `${f.label}（${by}）`, bars: ordered((g) => g.values[f.key] ?? 0), scale: 'count', unit: '' }),
      })),
      ...rates.map((r) => ({
        key: r.key,
        label: r.label,
        svg: barChart({ id: `chart-${r.key}`, title: `${r.label}（${by}）`, bars: ordered((g) => g.rates[r.key] ?? null), scale: 'percent', unit: '%' }),
      })),
    ];
    return page(
      c,
      <StatisticsPage user={c.get('user')!} procedure={p} rates={rates} filter={filter} choices={choices} result={result} coverage={coverage} chartBy={chartBy} charts={charts} notes={notesOf(p)} madeAt={now} query={query} />,
    );
  });

  const exported = async (c: Context<WebEnv>) => {
    const d = definition(c.req.param('id')!);
    const p = describe(d);
    const { filter, choices, now } = await read(c, d);
    const result = await figureGroups(deps.db, d.id, p.figures, p.rates, filter);
    const meta = {
      procedureTitle: d.title,
      filter,
      centerName: choices.centers.find((x) => x.id === filter.centerId)?.name ?? '',
      schoolName: choices.schools.find((x) => x.id === filter.schoolId)?.name ?? '',
      madeAt: now,
    };
    const file = `${d.id}-statistics-${filter.fiscalYear}`;
    return { p, result, meta, file };
  };

  app.get('/statistics/:id/figures.csv', allowed, async (c) => {
    const { p, result, meta, file } = await exported(c);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${file}.csv"`);
    return c.body(statisticsCsv(p.figures, p.rates, result, meta));
  });

  app.get('/statistics/:id/figures.xlsx', allowed, async (c) => {
    const { p, result, meta, file } = await exported(c);
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    c.header('Content-Disposition', `attachment; filename="${file}.xlsx"`);
    return c.body(new Uint8Array(await statisticsXlsx(p.figures, p.rates, result, meta, notesOf(p))));
  });

  return app;
}
