/** A world with the web plugin mounted, a mailer that keeps what it sends, and a cookie-keeping form client. */
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { MailTransport, OutgoingMail } from '../../src/notify/transport.js';
import { webPlugin } from '../../src/web/plugin.js';
import { appFor } from '../support/http.js';
import { makeWorld, type World } from '../support/world.js';

export const ORIGIN = 'http://localhost:3000';

export function capturingMailer(): MailTransport & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return { kind: 'mailbox', sent, send: async (m) => void sent.push(m), close: async () => {} };
}

export function webAppFor(w: World, mailer: MailTransport, publicUrl = ORIGIN) {
  const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: publicUrl });
  const plugin = webPlugin({ config, db: w.db, clock: w.clock, engine: w.engine, registry: w.registry, logger: createLogger('silent'), mailer });
  return appFor(w, (root, api) => plugin.mount!(root, api));
}

export async function webWorld(start?: string) {
  const w = await makeWorld(start);
  const mailer = capturingMailer();
  return { w, mailer, app: webAppFor(w, mailer) };
}

type App = ReturnType<typeof webAppFor>;

export interface Page {
  status: number;
  location: string | null;
  text: string;
  headers: Headers;
}

/** A browser without a browser: keeps the session cookie, sends forms with this site's Origin. */
export function visitor(app: App) {
  let cookie = '';
  async function go(method: string, path: string, form?: Record<string, string>, headers: Record<string, string> = {}): Promise<Page> {
    const res = await app.request(path, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN } : {}),
        ...headers,
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const set = res.headers.get('set-cookie');
    if (set) {
      const [pair] = set.split(';');
      cookie = pair!.endsWith('=') ? '' : pair!;
    }
    return { status: res.status, location: res.headers.get('location'), text: await res.text(), headers: res.headers };
  }
  return {
    get: (path: string) => go('GET', path),
    post: (path: string, form: Record<string, string>, headers?: Record<string, string>) => go('POST', path, form, headers),
    get cookie() {
      return cookie;
    },
  };
}

export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
export const linkIn = (mail: OutgoingMail) => /https?:\/\/\S+\/auth\/link\?\S+/.exec(mail.text)?.[0] ?? '';

/** Signs in through the e-mailed one-time link, as a person would. */
export async function signIn(app: App, mailer: { sent: OutgoingMail[] }, email: string) {
  const v = visitor(app);
  await v.post('/sign-in', { email });
  const mail = mailer.sent.filter((m) => m.to.includes(email)).at(-1);
  if (!mail) throw new Error(`no sign-in mail for ${email}`);
  const url = new URL(linkIn(mail));
  const token = url.searchParams.get('token')!;
  await v.get(url.pathname + url.search);
  const done = await v.post('/auth/link', { token, next: url.searchParams.get('next') ?? '/' });
  if (done.status !== 303) throw new Error(`sign-in failed: ${done.status}`);
  return v;
}
