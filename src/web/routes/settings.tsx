/** GET/POST /settings/:fy: the fiscal-year settings page (everyone signed in reads; HQ and admins change). */
import { Hono } from 'hono';
import { fiscalYearOf } from '../../domain/fiscal-year.js';
import { tokyoDate } from '../../domain/dates.js';
import { AppError, notFound } from '../../errors.js';
import { readSettings, updateSettings } from '../../engine/settings-update.js';
import { requireUser, verifyCsrf } from '../auth/middleware.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { SettingsPage } from '../pages/settings.js';
import { page } from '../ui/page.js';

const yearOf = (raw: string) => {
  const fy = Number(raw);
  if (!/^\d{4}$/.test(raw) || fy < 2019 || fy > 2100) throw notFound('その年度の設定はありません（2019〜2100年度）');
  return fy;
};

export function settingsRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get('/settings', requireUser(), (c) => c.redirect(`/settings/${fiscalYearOf(tokyoDate(deps.clock.now()))}`, 303));
  app.get('/settings/:fy', requireUser(), async (c) => {
    const user = c.get('user')!;
    const fiscalYear = yearOf(c.req.param('fy'));
    const view = await readSettings(deps.db, deps.registry, fiscalYear);
    const editable = user.role === 'hq' || user.role === 'admin';
    // Dates kept when the session expired come back entered (nothing was saved).
    const kept = c.get('restoredForm')?.fields;
    const entered = kept ? Object.fromEntries(view.settings.map((s) => [s.name, kept[s.name] ?? s.value])) : undefined;
    return page(c, <SettingsPage user={user} fiscalYear={fiscalYear} settings={view.settings} editable={editable} saved={c.req.query('saved') === '1'} entered={entered} />);
  });
  app.post('/settings/:fy', requireUser('hq', 'admin'), verifyCsrf, async (c) => {
    const user = c.get('user')!;
    const fiscalYear = yearOf(c.req.param('fy'));
    const body = await c.req.parseBody();
    const view = await readSettings(deps.db, deps.registry, fiscalYear);
    const entered = Object.fromEntries(view.settings.map((s) => [s.name, typeof body[s.name] === 'string' ? (body[s.name] as string) : s.value]));
    // Only what changed is saved, so an untouched default stays a default.
    const changed = Object.fromEntries(view.settings.filter((s) => entered[s.name] !== s.value).map((s) => [s.name, entered[s.name]]));
    try {
      if (Object.keys(changed).length) await updateSettings(deps.db, deps.registry, fiscalYear, changed, user.userId, deps.clock.now());
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return page(c, <SettingsPage user={user} fiscalYear={fiscalYear} settings={view.settings} editable error={err.message} entered={entered} />, err.status as 400);
    }
    return c.redirect(`/settings/${fiscalYear}?saved=1`, 303);
  });
  return app;
}
