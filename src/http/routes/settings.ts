/** Fiscal-year settings: everyone reads them, HQ and admins set them; the keys are those the definitions declare. */
import { Hono } from 'hono';
import type { Registry } from '../../../definitions/registry.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { badRequest } from '../../errors.js';
import { readSettings, updateSettings } from '../../engine/settings-update.js';
import { requireRole } from '../auth.js';
import type { AppEnv } from '../env.js';
import { jsonBody } from '../json-body.js';

function fiscalYearParam(raw: string): number {
  const fy = Number(raw);
  if (!Number.isInteger(fy) || fy < 2019 || fy > 2100) throw badRequest('invalid_fiscal_year', `「${raw.slice(0, 20)}」は年度ではありません（例: 2026）`);
  return fy;
}

export function settingsRoutes(db: Db, clock: Clock, registry: Registry) {
  const app = new Hono<AppEnv>();
  app.get('/:fy', async (c) => c.json(await readSettings(db, registry, fiscalYearParam(c.req.param('fy')))));
  app.put('/:fy', requireRole('hq', 'admin'), async (c) => {
    const fiscalYear = fiscalYearParam(c.req.param('fy'));
    const body = await jsonBody(c);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('invalid_settings', '設定は { "項目名": "YYYY-MM-DD" } の形で送ってください');
    // The view's own fields may be sent back unchanged.
    const { fiscalYear: _fy, settings: _list, ...values } = body as Record<string, unknown>;
    return c.json(await updateSettings(db, registry, fiscalYear, values, c.get('principal').userId, clock.now()));
  });
  return app;
}
