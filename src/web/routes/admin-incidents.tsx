/** /admin/incidents: failed and stuck notifications and deadline timers, and the retry of a failed one (admin, HQ). */
import { Hono } from 'hono';
import { AppError, conflict, notFound } from '../../errors.js';
import { RETRY_CANCEL_JA, retryIncident, type RetryCancelCode } from '../../engine/incidents.js';
import { retryNotification } from '../../notify/queries.js';
import { INCIDENT_ROLES } from '../admin/access.js';
import { isId, postedFields } from '../admin/form.js';
import { incidentOverview } from '../admin/incidents.js';
import { requireUser, verifyCsrf } from '../auth/middleware.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { IncidentsPage } from '../pages/admin-incidents.js';
import { page } from '../ui/page.js';

const DONE: Record<string, string> = {
  'notification-retried': '通知を送信の待ち行列に戻しました。次の送信処理で送られます。',
  'timer-retried': '期限タイマーを待ち行列に戻しました。次のスケジューラーの処理で実行されます。',
  ...Object.fromEntries(Object.entries(RETRY_CANCEL_JA).map(([code, text]) => [`timer-cancelled-${code}`, text])),
};

/** The retry functions speak for the API; a person reads these. */
function inJapanese(err: unknown, what: '通知' | '期限タイマー'): never {
  if (err instanceof AppError && err.status === 404) throw notFound(`指定された${what}は見つかりません。画面を開き直してください。`);
  if (err instanceof AppError && err.status === 409) throw conflict('not_failed', `この${what}は失敗の状態ではないため、再実行しませんでした（既に再実行されたか、送信済みです）。画面を開き直して確かめてください。`);
  throw err;
}

export function adminIncidentRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  const allowed = requireUser(...INCIDENT_ROLES);

  app.get('/admin/incidents', allowed, async (c) => {
    const overview = await incidentOverview(deps.db, deps.registry, c.get('principal'), deps.clock.now());
    return page(c, <IncidentsPage user={c.get('user')!} overview={overview} notice={DONE[c.req.query('done') ?? '']} />);
  });

  app.post('/admin/incidents', allowed, verifyCsrf, async (c) => {
    const f = postedFields(await c.req.parseBody());
    const log = { requestId: c.get('requestId'), by: c.get('user')!.userId };
    if (f._action === 'retry-notification') {
      if (!isId(f.id)) inJapanese(notFound(''), '通知');
      await retryNotification(deps.db, f.id, deps.clock.now()).catch((err) => inJapanese(err, '通知'));
      deps.logger.info({ ...log, outboxId: f.id }, 'notification retried by an officer');
      return c.redirect('/admin/incidents?done=notification-retried', 303);
    }
    if (f._action === 'retry-timer') {
      if (!isId(f.id)) inJapanese(notFound(''), '期限タイマー');
      const r = await retryIncident(deps.db, deps.registry, f.id).catch((err) => inJapanese(err, '期限タイマー'));
      deps.logger.info({ ...log, timerId: f.id, status: r.status, reason: r.reasonCode }, 'timer incident retried');
      return c.redirect(`/admin/incidents?done=${r.status === 'pending' ? 'timer-retried' : `timer-cancelled-${r.reasonCode as RetryCancelCode}`}`, 303);
    }
    throw new AppError(400, 'unknown_action', 'この操作は受け付けられません。画面を開き直してください。');
  });
  return app;
}
