/** /api/incidents: timers that failed TIMER_MAX_ATTEMPTS times (admin, hq), and their retry. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Registry } from '../../../definitions/registry.js';
import type { Db } from '../../db/client.js';
import { badRequest } from '../../errors.js';
import { listIncidents, retryIncident } from '../../engine/incidents.js';
import { zodDetails } from '../../engine/zod-details.js';
import { requireRole } from '../auth.js';
import type { AppEnv } from '../env.js';

const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).optional(),
    offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
  })
  .strict();

export function incidentRoutes(db: Db, registry: Registry) {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole('admin', 'hq'));
  app.get('/', async (c) => {
    const q = listQuery.safeParse(c.req.query());
    if (!q.success) throw badRequest('invalid_query', '検索条件に誤りがあります', zodDetails(q.error));
    return c.json({ incidents: await listIncidents(db, q.data) });
  });
  app.post('/:id/retry', async (c) => {
    const id = c.req.param('id');
    if (!z.string().uuid().safeParse(id).success) throw badRequest('invalid_id', '期限タイマーの番号が正しくありません（UUID の形式で指定してください）', { id: id.slice(0, 60) });
    return c.json(await retryIncident(db, registry, id));
  });
  return app;
}
