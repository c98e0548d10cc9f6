/** Session cookie -> signed-in user; role checks that send a signed-out visitor to the sign-in page; CSRF token check. */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Role } from '../../../definitions/types.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { AppError, forbidden } from '../../errors.js';
import { roleLabels } from '../../roles.js';
import type { WebEnv, WebUser } from '../env.js';
import { formPageOf, stashPostedForm, takeStashedForm, type FormStash } from './form-stash.js';
import { SESSION_TTL_MS, sameToken, sessionOwner, sessionUser } from './session-store.js';

export const SESSION_COOKIE = 'swe_session';

/** Why the visitor is sent to the sign-in page: the session ended (expired or signed out elsewhere). */
export const EXPIRED_REASON = 'expired';

export function loadUser(db: Db, clock: Clock, opts: { stash?: FormStash; secure?: boolean } = {}): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const sid = getCookie(c, SESSION_COOKIE);
    const user = sid ? await sessionUser(db, sid, clock.now()) : null;
    c.set('user', user);
    c.set('formStash', opts.stash ? { stash: opts.stash, secure: opts.secure ?? false, ownerOf: () => (sid ? sessionOwner(db, sid) : Promise.resolve(null)) } : null);
    if (user) c.set('principal', { userId: user.userId, role: user.role, orgId: user.orgId });
    await next();
  };
}

export function setSessionCookie(c: Context, sessionId: string, secure: boolean) {
  setCookie(c, SESSION_COOKIE, sessionId, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: SESSION_TTL_MS / 1000 });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export function currentUser(c: Context<WebEnv>): WebUser {
  const user = c.get('user');
  if (!user) throw new AppError(401, 'unauthorized', 'ログインしてください');
  return user;
}

/**
 * Signed-out visitors go to the sign-in page and come back afterwards; other roles get 403. A form posted
 * without a valid session (it expired while the visitor typed) is kept (form-stash.ts): after signing in the
 * visitor returns to the form's page, which finds it as `restoredForm` and shows it refilled.
 */
export function requireUser(...roles: Role[]): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const user = c.get('user');
    const here = new URL(c.req.url);
    const kept = c.get('formStash');
    if (!user) {
      const posted = c.req.method !== 'GET' && c.req.method !== 'HEAD';
      let back = here.pathname + here.search;
      if (posted) back = kept ? await stashPostedForm(c, kept.stash, await kept.ownerOf(), kept.secure) : formPageOf(here.pathname);
      // A posted form or a session cookie that no longer opens a session: the session ended while in use.
      const reason = posted || getCookie(c, SESSION_COOKIE) ? `&reason=${EXPIRED_REASON}` : '';
      return c.redirect(`/sign-in?next=${encodeURIComponent(back)}${reason}`, 303);
    }
    if (roles.length && !roles.includes(user.role)) throw forbidden(`この画面は${roleLabels(roles)}の担当者用です`, { roles });
    if (kept && c.req.method === 'GET') {
      const form = takeStashedForm(c, kept.stash, here.pathname, user.userId);
      if (form) c.set('restoredForm', form);
    }
    await next();
  };
}

/** Every state-changing form carries the session's token (on top of hono/csrf's Origin check). */
export const verifyCsrf: MiddlewareHandler<WebEnv> = async (c, next) => {
  if (c.req.method === 'POST') {
    const body = await c.req.parseBody();
    const sent = typeof body._csrf === 'string' ? body._csrf : '';
    const user = c.get('user');
    if (!user || !sameToken(sent, user.csrf)) throw forbidden('フォームの有効期限が切れたか、不正な送信です。画面を開き直してください。');
  }
  await next();
};
