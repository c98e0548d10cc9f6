/**
 * Sign-in by one-time link: the visitor asks for a link by e-mail; the link opens a confirmation page whose
 * button signs in (so mail scanners that fetch links do not use them up); then a session cookie. Sign-out.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Db } from '../../db/client.js';
import { MESSAGE_ID_DOMAIN } from '../../db/message-id.js';
import { clearSessionCookie, setSessionCookie, verifyCsrf } from '../auth/middleware.js';
import { closeSession, consumeSignInLink, issueSignInLink, LINK_TTL_MS, openSession, userByEmail } from '../auth/session-store.js';
import { getCookie } from 'hono/cookie';
import { EXPIRED_REASON, SESSION_COOKIE } from '../auth/middleware.js';
import { FORM_COOKIE } from '../auth/form-stash.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv, WebUser } from '../env.js';
import { Layout } from '../ui/layout.js';
import { page } from '../ui/page.js';

/** Only paths on this site: never an absolute or protocol-relative URL. */
export const safeNext = (next: unknown) => (typeof next === 'string' && /^\/(?!\/|\\)/.test(next) ? next : '/');

export function homeOf(user: Pick<WebUser, 'role'>): string {
  if (user.role === 'school') return '/school';
  if (user.role === 'hq' || user.role === 'center') return '/inbox';
  if (user.role === 'admin') return '/admin';
  return '/analyst';
}

export function signInUrl(publicUrl: string, token: string, next = '/') {
  return `${publicUrl.replace(/\/$/, '')}/auth/link?token=${encodeURIComponent(token)}${next !== '/' ? `&next=${encodeURIComponent(next)}` : ''}`;
}

/** A link for a user by id (the demo prints these). */
export async function signInLinkFor(db: Db, userId: string, now: Date, publicUrl: string, ttlMs = LINK_TTL_MS) {
  return signInUrl(publicUrl, await issueSignInLink(db, userId, now, ttlMs));
}

function clientKey(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function SignInForm(props: { next: string; email?: string; message?: string; error?: string }) {
  return (
    <Layout title="ログイン" user={null}>
      {props.message && (
        <p class="notice" role="status">
          {props.message}
        </p>
      )}
      {props.error && (
        <p class="error-summary" role="alert">
          {props.error}
        </p>
      )}
      <p>登録されたメールアドレスを入力してください。ログイン用のリンク（15分間・1回限り有効）をお送りします。</p>
      <form method="post" action="/sign-in">
        <label for="email">メールアドレス</label>
        <input type="email" id="email" name="email" required autocomplete="email" value={props.email ?? ''} />
        <input type="hidden" name="next" value={props.next} />
        <p>
          <button type="submit">ログイン用リンクを送信</button>
        </p>
      </form>
    </Layout>
  );
}

export function signInRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  const secure = deps.publicUrl.startsWith('https:');

  app.get('/', (c) => {
    const user = c.get('user');
    return c.redirect(user ? homeOf(user) : '/sign-in', 303);
  });

  app.get('/sign-in', (c) => {
    const next = safeNext(c.req.query('next'));
    const expired = c.req.query('reason') === EXPIRED_REASON;
    const kept = !!getCookie(c, FORM_COOKIE);
    const message = [
      expired ? 'ログインの有効期限が切れました。もう一度ログインしてください。' : '',
      kept ? '入力中の内容は保存してあります（まだ送信されていません）。ログインすると元の画面に戻り、入力した内容が表示されますので、確認して送信してください。' : '',
    ]
      .filter(Boolean)
      .join('');
    return page(c, <SignInForm next={next} message={message || undefined} />);
  });

  app.post('/sign-in', async (c) => {
    const body = await c.req.parseBody();
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
    const next = safeNext(body.next);
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) return page(c, <SignInForm next={next} email={email} error="メールアドレスの形式が正しくありません。" />, 400);
    if (!deps.signInLimiter.byEmail.hit(email) || !deps.signInLimiter.byClient.hit(clientKey(c))) {
      return page(c, <SignInForm next={next} error="ログイン用リンクの請求が多すぎます。15分ほど待ってからもう一度お試しください。" />, 429);
    }
    const user = await userByEmail(deps.db, email);
    if (user) {
      const now = deps.clock.now();
      const url = signInUrl(deps.publicUrl, await issueSignInLink(deps.db, user.id, now), next);
      try {
        await deps.mailer.send({
          to: [user.email],
          subject: '【認定職業訓練 手続管理】ログイン用リンク',
          text: `次のリンクを開き、「ログイン」ボタンを押してください。\n\n${url}\n\nこのリンクは${LINK_TTL_MS / 60_000}分間、1回だけ有効です。心当たりのない場合は、このメールを破棄してください。\n`,
          messageId: `<signin-${randomUUID()}@${MESSAGE_ID_DOMAIN}>`,
          date: now,
        });
        deps.logger.info({ userId: user.id }, 'sign-in link sent');
      } catch (err) {
        // A failed send must not answer differently from an unknown address (that would reveal who has an
        // account); the user asks again once the mail server is back.
        deps.logger.error({ userId: user.id, err }, 'sign-in link not sent');
      }
    }
    // The same answer whether or not the address is registered: the page does not reveal who has an account.
    return page(c, <SignInForm next={next} message={`${email} 宛てにログイン用リンクを送信しました（登録されている場合）。メールをご確認ください。`} />);
  });

  app.get('/auth/link', (c) => {
    const token = c.req.query('token') ?? '';
    return page(
      c,
      <Layout title="ログインの確認" user={null}>
        <form method="post" action="/auth/link">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="next" value={safeNext(c.req.query('next'))} />
          <p>このブラウザでログインします。</p>
          <button type="submit">ログイン</button>
        </form>
      </Layout>,
    );
  });

  app.post('/auth/link', async (c) => {
    const body = await c.req.parseBody();
    const now = deps.clock.now();
    const userId = typeof body.token === 'string' && body.token ? await consumeSignInLink(deps.db, body.token, now) : null;
    if (!userId) {
      return page(c, <SignInForm next="/" error="このリンクは無効です（使用済み、又は有効期限切れ）。もう一度ログイン用リンクを請求してください。" />, 400);
    }
    setSessionCookie(c, await openSession(deps.db, userId, now), secure);
    const next = safeNext(body.next);
    return c.redirect(next === '/' ? '/' : next, 303);
  });

  app.post('/sign-out', async (c, next) => (c.get('user') ? verifyCsrf(c, next) : (clearSessionCookie(c), c.redirect('/sign-in', 303))), async (c) => {
    const sid = getCookie(c, SESSION_COOKIE);
    if (sid) await closeSession(deps.db, sid, deps.clock.now());
    clearSessionCookie(c);
    return c.redirect('/sign-in', 303);
  });

  return app;
}
