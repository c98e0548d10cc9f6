/**
 * The web pages as one Hono app mounted on the root: Origin check (hono/csrf) and session lookup for page
 * paths only (never /api or /healthz), HTML error pages, and the routes of each audience.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../errors.js';
import { loadUser } from './auth/middleware.js';
import type { WebDeps } from './deps.js';
import type { WebEnv } from './env.js';
import { analystRoutes } from './routes/analyst.js';
import { caseRoutes } from './routes/cases.js';
import { inboxRoutes } from './routes/inbox.js';
import { schoolRoutes } from './routes/school.js';
import { settingsRoutes } from './routes/settings.js';
import { signInRoutes } from './routes/sign-in.js';
import { Layout } from './ui/layout.js';
import { page } from './ui/page.js';

const isPagePath = (path: string) => !(path === '/api' || path.startsWith('/api/') || path === '/healthz');

const onPages =
  (mw: MiddlewareHandler<WebEnv>): MiddlewareHandler<WebEnv> =>
  (c, next) =>
    isPagePath(c.req.path) ? mw(c, next) : next();

export function webApp(deps: WebDeps) {
  const web = new Hono<WebEnv>();
  const publicOrigin = new URL(deps.publicUrl).origin;
  // Forms must come from this site: its own origin as requested, or the public URL behind a proxy.
  web.use('*', onPages(csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicOrigin })));
  web.use('*', onPages(loadUser(deps.db, deps.clock)));

  web.onError((err, c) => {
    const user = c.get('user') ?? null;
    let status = 500;
    let message = 'システムエラーが発生しました。時間をおいてもう一度お試しください。';
    if (err instanceof AppError) {
      if (err.status === 401) return c.redirect('/sign-in', 303);
      status = err.status;
      message = err.message;
    } else if (err instanceof HTTPException) {
      status = err.status;
      message = status === 403 ? 'この送信は受け付けられません（送信元を確認できません）。画面を開き直してください。' : err.message || 'リクエストを処理できません。';
    } else {
      deps.logger.error({ requestId: c.get('requestId'), err: { name: err.name, message: err.message, stack: err.stack } }, 'page failed');
    }
    const title = status === 404 ? 'ページが見つかりません' : status === 403 ? '権限がありません' : status >= 500 ? 'エラー' : '処理できませんでした';
    return page(
      c,
      <Layout title={title} user={user}>
        <p role="alert">{message}</p>
        <p>
          <a href="/">トップへ戻る</a>
        </p>
      </Layout>,
      status as 400,
    );
  });

  web.route('/', signInRoutes(deps));
  web.route('/', inboxRoutes(deps));
  web.route('/', schoolRoutes(deps));
  web.route('/', caseRoutes(deps));
  web.route('/', analystRoutes(deps));
  web.route('/', settingsRoutes(deps));
  return web;
}
