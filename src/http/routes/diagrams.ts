/** GET /api/procedures/:id/diagram.svg, .png and .mmd, mounted on the bearer-authenticated API. */
import { Hono } from 'hono';
import type { Registry } from '../../../definitions/registry.js';
import { notFound } from '../../errors.js';
import type { AppEnv } from '../env.js';
import type { Diagrams } from '../../diagrams/diagrams.js';

export function diagramRoutes(registry: Registry, diagrams: Diagrams) {
  const app = new Hono<AppEnv>();
  const definition = (id: string) => {
    const d = registry.latest(id);
    if (!d) throw notFound(`手続「${id.slice(0, 40)}」はありません`);
    return d;
  };
  app.get('/procedures/:id/diagram.svg', (c) => {
    c.header('Content-Type', 'image/svg+xml; charset=utf-8');
    return c.body(diagrams.plain(definition(c.req.param('id'))).svg);
  });
  app.get('/procedures/:id/diagram.png', (c) => {
    c.header('Content-Type', 'image/png');
    return c.body(new Uint8Array(diagrams.png(definition(c.req.param('id')))));
  });
  app.get('/procedures/:id/diagram.mmd', (c) => {
    c.header('Content-Type', 'text/vnd.mermaid; charset=utf-8');
    return c.body(diagrams.plain(definition(c.req.param('id'))).mermaid);
  });
  return app;
}
