/** GET /api/procedures and /api/procedures/:id: the definitions as JSON. */
import { Hono } from 'hono';
import type { Registry } from '../../../definitions/registry.js';
import { describeDefinition } from '../../../definitions/describe.js';
import { notFound } from '../../engine/errors.js';
import type { AppEnv } from '../env.js';

export function procedureRoutes(registry: Registry) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) =>
    c.json(registry.list().map((d) => ({ id: d.id, version: d.version, title: d.title, description: d.description }))),
  );
  app.get('/:id', (c) => {
    const d = registry.latest(c.req.param('id'));
    if (!d) throw notFound(`unknown procedure '${c.req.param('id')}'`);
    return c.json(describeDefinition(d));
  });
  return app;
}
