/**
 * The web pages as one Hono app mounted on the root: Origin check (hono/csrf) and session lookup for page
 * paths only (never /api or /healthz), HTML error pages, and the routes of each audience.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { AppError } from '../errors.js';
import { describeError, isPagePath, statusTitle } from '../http/errors.js';
import { loadUser } from './auth/middleware.js';
import { formPageOf } from './auth/form-stash.js';
import type { WebDeps } from './deps.js';
import type { WebEnv } from './env.js';
import { adminRoutes } from './routes/admin.js';
import { analystRoutes } from './routes/analyst.js';
import { caseRoutes } from './routes/cases.js';
import { inboxRoutes } from './routes/inbox.js';
import { homeOf } from './routes/sign-in.js';
import { schoolRoutes } from './routes/school.js';
import { settingsRoutes } from './routes/settings.js';
import { signInRoutes } from './routes/sign-in.js';
import { statisticsRoutes } from './routes/statistics.js';
import { Layout } from './ui/layout.js';
import { page } from './ui/page.js';

const onPages =
  (mw: MiddlewareHandler<WebEnv>): MiddlewareHandler<WebEnv> =>
  (c, next) =>
    isPagePath(c.req.path) ? mw(c, next) : next();

/** Where "back" leads from an error page: the form's page after a refused post, else the viewer's home. */
function wayBack(c: Context<WebEnv>): { href: string; label: string } {
  const user = c.get('user') ?? null;
  const path = c.req.path;
  if (c.req.method === 'POST' && user) {
    const page = formPageOf(path);
    if (page !== path && !page.startsWith('/cases/new')) return { href: page, label: '元の画面に戻る' };
  }
  if (user) return { href: homeOf(user), label: 'ホーム画面に戻る' };
  return { href: '/sign-in', label: 'ログイン画面へ' };
}

/** An error page in the site's layout: Japanese title and message, the request id, and a way back. */
export function errorPage(c: Context<WebEnv>, status: number, message: string) {
  const user = c.get('user') ?? null;
  const back = wayBack(c);
  const requestId = c.get('requestId');
  return page(
    c,
    <Layout title={statusTitle(status)} user={user}>
      <p class="error-summary" role="alert">
        {message}
      </p>
      <p>
        <a href={back.href}>{back.label}</a>
        {back.href !== '/' && (
          <>
            {'　'}
            <a href="/">トップページ</a>
          </>
        )}
      </p>
      {requestId && (
        <p class="hint">
          問い合わせ番号: <code>{requestId}</code>
        </p>
      )}
    </Layout>,
    status as 400,
  );
}

export function webApp(deps: WebDeps) {
  const web = new Hono<WebEnv>();
  const publicOrigin = new URL(deps.publicUrl).origin;
  // Forms must come from this site: its own origin as requested, or the public URL behind a proxy.
  web.use('*', onPages(csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicOrigin })));
  web.use('*', onPages(loadUser(deps.db, deps.clock, { stash: deps.formStash, secure: deps.publicUrl.startsWith('https:') })));

  web.onError((err, c) => {
    if (err instanceof AppError && err.status === 401) {
      const here = new URL(c.req.url);
      return c.redirect(`/sign-in?next=${encodeURIComponent(c.req.method === 'GET' ? here.pathname + here.search : formPageOf(here.pathname))}`, 303);
    }
    const e = describeError(err, c, deps.logger);
    for (const [k, v] of Object.entries(e.headers ?? {})) c.header(k, v);
    return errorPage(c, e.status, e.message);
  });

  web.route('/', signInRoutes(deps));
  web.route('/', inboxRoutes(deps));
  web.route('/', schoolRoutes(deps));
  web.route('/', caseRoutes(deps));
  web.route('/', analystRoutes(deps));
  web.route('/', statisticsRoutes(deps));
  web.route('/', settingsRoutes(deps));
  web.route('/', adminRoutes(deps));
  // Last: a page path no route answered is a Japanese 404 page in the layout (API paths go on to /api).
  web.all('*', (c, next) => {
    if (!isPagePath(c.req.path)) return next();
    return errorPage(c, 404, 'お探しのページは見つかりません。アドレスを確認するか、メニューから開き直してください。');
  });
  return web;
}
