/** GET /api/procedures and /api/procedures/:id: the definitions as JSON. */
import { Hono } from 'hono';
import type { Registry } from '../../../definitions/registry.js';
import { describeDefinition, machineJson } from '../../../definitions/describe.js';
import { notFound } from '../../errors.js';
import type { AppEnv } from '../env.js';

export function procedureRoutes(registry: Registry) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) =>
    c.json(registry.list().map((d) => ({ id: d.id, version: d.version, title: d.title, description: d.description }))),
  );
  const definition = (id: string) => {
    const d = registry.latest(id);
    if (!d) throw notFound(`手続「${id.slice(0, 40)}」はありません`);
    return d;
  };
  app.get('/:id', (c) => c.json(describeDefinition(definition(c.req.param('id')))));
  // The statechart as plain XState config, for Stately's editor and inspector.
  app.get('/:id/machine.json', (c) => c.json(machineJson(definition(c.req.param('id')))));
  return app;
}
