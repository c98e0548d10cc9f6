/** Analyst pages (analyst, hq, admin): procedures, live diagrams, figures per state, CSV export. */
import { Hono } from 'hono';
import { describeDefinition } from '../../../definitions/describe.js';
import { tokyoDate } from '../../domain/dates.js';
import { notFound } from '../../errors.js';
import { requireUser } from '../auth/middleware.js';
import { casesCsv } from '../csv.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { labeller } from '../labels.js';
import { days, ProcedurePage, ProceduresPage } from '../pages/analyst.js';
import { procedureFigures, procedureTotals } from '../queries.js';
import { page } from '../ui/page.js';

export function analystRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  const labels = labeller(deps.registry);
  const allowed = requireUser('analyst', 'hq', 'admin');
  const definition = (id: string) => {
    const d = deps.registry.latest(id);
    if (!d) throw notFound(`手続「${id}」はありません`);
    return d;
  };

  app.get('/analyst', allowed, async (c) => {
    const totals = await procedureTotals(deps.db);
    const count = (id: string, status: string) => totals.find((t) => t.procedure === id && t.status === status)?.n ?? 0;
    const procedures = deps.registry.list().map((d) => ({ id: d.id, title: d.title, description: d.description, version: d.version, active: count(d.id, 'active'), done: count(d.id, 'done') }));
    return page(c, <ProceduresPage user={c.get('user')!} procedures={procedures} />);
  });

  app.get('/analyst/procedures/:id', allowed, async (c) => {
    const d = definition(c.req.param('id'));
    const now = deps.clock.now();
    const figures = await procedureFigures(deps.db, d.id, tokyoDate(now), now);
    const { svg } = deps.diagrams.annotated(d, (s) => {
      const f = figures.get(s.path);
      const line = `案件 ${f?.total ?? 0}件（期限超過 ${f?.overdue ?? 0}件）`;
      return s.kind === 'final' ? [line] : [line, `滞在 中央値 ${days(f?.medianDays ?? null)}`];
    });
    return page(c, <ProcedurePage user={c.get('user')!} described={describeDefinition(d)} figures={figures} svg={svg} />);
  });

  app.get('/analyst/procedures/:id/diagram.svg', allowed, (c) => {
    c.header('Content-Type', 'image/svg+xml; charset=utf-8');
    return c.body(deps.diagrams.plain(definition(c.req.param('id'))).svg);
  });
  app.get('/analyst/procedures/:id/diagram.mmd', allowed, (c) => {
    c.header('Content-Type', 'text/plain; charset=utf-8');
    return c.body(deps.diagrams.plain(definition(c.req.param('id'))).mermaid);
  });

  app.get('/analyst/procedures/:id/cases.csv', allowed, (c) => {
    const d = definition(c.req.param('id'));
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${d.id}-cases.csv"`);
    return c.body(casesCsv(deps.db, d.id, labels));
  });
  return app;
}
