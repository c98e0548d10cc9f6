/**
 * Analyst pages (analyst, hq, admin): the procedures; per procedure its diagram with a switchable heatmap overlay
 * under filters (fiscal year, school, centre), every state and transition linking to its cases; the case lists;
 * exports of each diagram (SVG, PNG, Mermaid) and of the cases (CSV); /assets/diagram.js (zoom and pan).
 */
import { Hono, type Context } from 'hono';
import { describeDefinition } from '../../../definitions/describe.js';
import type { AnyProcedureDefinition } from '../../../definitions/types.js';
import { tokyoDate } from '../../domain/dates.js';
import { badRequest, notFound } from '../../errors.js';
import { DIAGRAM_SCRIPT } from '../analyst/diagram-script.js';
import { diagramLinks, filterQuery, readFilter, readSelection } from '../analyst/links.js';
import { buildOverlay, overlayKey, withPath } from '../analyst/overlays.js';
import { casePaths, filterChoices, latenessByDeadline, selectedCases, stateFigures, wayCounts } from '../analyst/queries.js';
import { requireUser } from '../auth/middleware.js';
import { casesCsv } from '../csv.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { labeller } from '../labels.js';
import { ProcedurePage, ProceduresPage } from '../pages/analyst.js';
import { CasesPage } from '../pages/analyst-cases.js';
import { procedureTotals } from '../queries.js';
import { page } from '../ui/page.js';

export function analystRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  const labels = labeller(deps.registry);
  const allowed = requireUser('analyst', 'hq', 'admin');
  const definition = (id: string) => {
    const d = deps.registry.latest(id);
    if (!d) throw notFound(`手続「${id.slice(0, 40)}」はありません`);
    return d;
  };

  app.get('/assets/diagram.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(DIAGRAM_SCRIPT);
  });

  app.get('/analyst', allowed, async (c) => {
    const totals = await procedureTotals(deps.db);
    const count = (id: string, status: string) => totals.find((t) => t.procedure === id && t.status === status)?.n ?? 0;
    const procedures = deps.registry.list().map((d) => ({ id: d.id, title: d.title, description: d.description, version: d.version, active: count(d.id, 'active'), done: count(d.id, 'done') }));
    return page(c, <ProceduresPage user={c.get('user')!} procedures={procedures} />);
  });

  app.get('/analyst/procedures/:id', allowed, async (c) => {
    const d = definition(c.req.param('id'));
    const filter = readFilter(c.req.query());
    const overlay = overlayKey(c.req.query('overlay'));
    const now = deps.clock.now();
    const graph = deps.diagrams.graph(d);
    const pathParam = c.req.query('path')?.trim() ?? '';
    if (pathParam && !/^\d{1,2}$/.test(pathParam)) throw badRequest('bad_path', `経路の番号「${pathParam.slice(0, 20)}」が正しくありません`);
    // One query at a time: a PGlite connection runs them one by one anyway, and postgres.js keeps the pool small.
    // Times in state are shown for states a case rests in; a final state's are never shown (and never computed).
    const timed = graph.states.filter((s) => s.kind !== 'final').map((s) => s.path);
    const figures = await stateFigures(deps.db, d.id, filter, tokyoDate(now), now, timed);
    const ways = await wayCounts(deps.db, d.id, filter);
    const lateness = await latenessByDeadline(deps.db, d.id, filter);
    const paths = await casePaths(deps.db, d.id, filter);
    const choices = await filterChoices(deps.db, d.id);
    const selectedPath = pathParam ? (paths[Number(pathParam) - 1] ?? null) : null;
    if (pathParam && !selectedPath) throw notFound(`経路 ${pathParam} はありません（この条件で案件がたどった経路は ${paths.length}通りです）`);
    const o = withPath(buildOverlay(overlay, graph, figures, ways, lateness), graph, selectedPath);
    const links = diagramLinks(d.id, graph, filter);
    const svg = deps.diagrams.drawn(d, `${overlay}|${filterQuery(filter)}|${o.key2}|${JSON.stringify(graph.states.map(o.annotate))}`, {
      links,
      annotate: o.annotate,
      heat: o.heat,
      annotateEdge: o.annotateEdge,
      weight: o.weight,
      legend: false,
    });
    return page(
      c,
      <ProcedurePage
        user={c.get('user')!}
        described={describeDefinition(d)}
        graph={graph}
        figures={figures}
        ways={ways}
        lateness={lateness}
        paths={paths}
        selectedPath={selectedPath ? Number(pathParam) : null}
        svg={svg}
        overlay={o}
        filter={filter}
        choices={choices}
        links={links}
      />,
    );
  });

  app.get('/analyst/procedures/:id/cases', allowed, async (c) => {
    const d = definition(c.req.param('id'));
    const filter = readFilter(c.req.query());
    const graph = deps.diagrams.graph(d);
    const selection = readSelection(c.req.query(), graph, d);
    const [found, choices] = await Promise.all([selectedCases(deps.db, d.id, filter, selection), filterChoices(deps.db, d.id)]);
    return page(c, <CasesPage user={c.get('user')!} definition={d} graph={graph} selection={selection} filter={filter} choices={choices} found={found} labels={labels} today={tokyoDate(deps.clock.now())} />);
  });

  const exportName = (d: AnyProcedureDefinition, ext: string) => `attachment; filename="${d.id}-v${d.version}.${ext}"`;
  const svgOf = (c: Context) => {
    const d = definition(c.req.param('id')!);
    c.header('Content-Type', 'image/svg+xml; charset=utf-8');
    if (c.req.query('download') !== undefined) c.header('Content-Disposition', exportName(d, 'svg'));
    return c.body(deps.diagrams.plain(d).svg);
  };
  app.get('/analyst/procedures/:id/diagram.svg', allowed, svgOf);
  app.get('/analyst/procedures/:id/diagram.png', allowed, (c) => {
    const d = definition(c.req.param('id'));
    c.header('Content-Type', 'image/png');
    if (c.req.query('download') !== undefined) c.header('Content-Disposition', exportName(d, 'png'));
    return c.body(new Uint8Array(deps.diagrams.png(d)));
  });
  app.get('/analyst/procedures/:id/diagram.mmd', allowed, (c) => {
    const d = definition(c.req.param('id'));
    c.header('Content-Type', 'text/plain; charset=utf-8');
    if (c.req.query('download') !== undefined) c.header('Content-Disposition', exportName(d, 'mmd'));
    return c.body(deps.diagrams.plain(d).mermaid);
  });

  app.get('/analyst/procedures/:id/cases.csv', allowed, (c) => {
    const d = definition(c.req.param('id'));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${d.id}-cases.csv"`);
    return c.body(casesCsv(deps.db, d.id, labels));
  });
  return app;
}
