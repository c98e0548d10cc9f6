/** Fiscal-year settings: everyone reads them, HQ and admins set them. */
import { Hono } from 'hono';
import { z } from 'zod';
import { isoDate } from '../../../definitions/common/form-fields.js';
import { fiscalYearEnd, fiscalYearStart } from '../../domain/fiscal-year.js';
import { isWithin } from '../../domain/submit-by.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { AppError, badRequest } from '../../engine/errors.js';
import { loadSettings, saveSettings } from '../../engine/settings.js';
import { zodDetails } from '../../engine/zod-details.js';
import { requireRole } from '../auth.js';
import type { AppEnv } from '../env.js';
import { jsonBody } from '../json-body.js';

export const settingsBody = z
  .object({
    skillCheckQuestionFiling: isoDate('技能照査試験問題等の提出日'),
    skillCheckReviewResult: isoDate('試験問題審査結果の通知日'),
    suspensionRefiling: isoDate('休止届の再提出日'),
  })
  .strict();

function fiscalYearParam(raw: string): number {
  const fy = Number(raw);
  if (!Number.isInteger(fy) || fy < 2019 || fy > 2100) throw badRequest('invalid_fiscal_year', `'${raw.slice(0, 20)}' is not a fiscal year (e.g. 2026)`);
  return fy;
}

export function settingsRoutes(db: Db, clock: Clock) {
  const app = new Hono<AppEnv>();
  app.get('/:fy', async (c) => c.json((await loadSettings(db, fiscalYearParam(c.req.param('fy')))).settings));
  app.put('/:fy', requireRole('hq', 'admin'), async (c) => {
    const fiscalYear = fiscalYearParam(c.req.param('fy'));
    const body = settingsBody.safeParse(await jsonBody(c));
    if (!body.success) throw badRequest('invalid_settings', 'invalid fiscal-year settings', zodDetails(body.error));
    const outside = Object.entries(body.data).filter(([, d]) => !isWithin(d, fiscalYearStart(fiscalYear), fiscalYearEnd(fiscalYear)));
    if (outside.length) {
      throw new AppError(422, 'outside_fiscal_year', `dates must fall within fiscal year ${fiscalYear} (${fiscalYearStart(fiscalYear)} to ${fiscalYearEnd(fiscalYear)}): ${outside.map(([k]) => k).join(', ')}`);
    }
    await saveSettings(db, { fiscalYear, ...body.data }, c.get('principal').userId, clock.now());
    return c.json((await loadSettings(db, fiscalYear)).settings);
  });
  return app;
}
