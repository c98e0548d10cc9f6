/**
 * Keeps a form posted after the session expired, so nothing typed is lost: the fields are kept on the server
 * under a random id (only the id goes to the browser, in an httpOnly cookie; form data never goes into a URL),
 * the visitor signs in and comes back to the form's page, which is shown refilled for them to check and send.
 *
 * One store per process, in memory: entries live STASH_TTL_MS (time to ask for and open a sign-in link),
 * the store holds at most MAX_ENTRIES and each entry at most MAX_BYTES of text; the oldest go
 * first. An entry is taken once, only on the page it belongs to, and only by the user whose session expired
 * (when the browser still had that session's cookie).
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Clock } from '../../clock.js';

export const FORM_COOKIE = 'swe_form';
/** The sign-in link's 15 minutes (session-store.ts LINK_TTL_MS) and as long again to ask for and open it. */
export const STASH_TTL_MS = 30 * 60_000;
const MAX_ENTRIES = 500;
const MAX_BYTES = 512 * 1024;

export interface StashedForm {
  /** Where the form was posted (/cases/…/events/…). */
  action: string;
  /** The page the form is on, where the visitor returns after signing in. */
  page: string;
  /** The posted text fields (files are not kept); the form token is dropped. */
  fields: Record<string, string>;
  /** The user whose session had expired, when the browser still sent its cookie. */
  userId: string | null;
  at: number;
}

export interface FormStash {
  put(form: Omit<StashedForm, 'at'>): string | null;
  take(id: string, page: string, userId: string): StashedForm | null;
}

export function createFormStash(clock: Clock, ttlMs = STASH_TTL_MS): FormStash {
  const entries = new Map<string, StashedForm>();
  const sweep = (now: number) => {
    for (const [k, e] of entries) if (now - e.at >= ttlMs) entries.delete(k);
    while (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  };
  return {
    put(form) {
      const size = Object.entries(form.fields).reduce((n, [k, v]) => n + k.length + v.length, 0);
      if (size > MAX_BYTES) return null;
      const now = clock.now().getTime();
      sweep(now);
      const id = randomBytes(32).toString('base64url');
      entries.set(id, { ...form, at: now });
      return id;
    },
    take(id, page, userId) {
      const e = entries.get(id);
      if (!e) return null;
      if (clock.now().getTime() - e.at >= ttlMs || (e.userId && e.userId !== userId)) {
        entries.delete(id);
        return null;
      }
      if (e.page !== page) return null;
      entries.delete(id);
      return e;
    },
  };
}

/**
 * The page a form is posted from: a case's event forms post to <page>/events/<type>[/<step>], the school's calendar
 * feed button to /school/calendar-feed; every other form posts to its own page.
 */
export function formPageOf(action: string): string {
  const events = /^(\/cases\/[^/]+)\/events\/[^/]+(\/[^/]+)?$/.exec(action);
  if (events) return events[1]!;
  if (action === '/school/calendar-feed') return '/school';
  return action;
}

/** Keeps the posted form; sets the cookie naming it. */
export async function stashPostedForm(c: Context, stash: FormStash, userId: string | null, secure: boolean): Promise<string> {
  const action = new URL(c.req.url).pathname;
  const page = formPageOf(action);
  let body: Record<string, unknown> = {};
  try {
    body = await c.req.parseBody();
  } catch {
    /* an unreadable body keeps nothing */
  }
  const fields = Object.fromEntries(Object.entries(body).filter(([k, v]) => typeof v === 'string' && k !== '_csrf')) as Record<string, string>;
  const id = Object.keys(fields).length ? stash.put({ action, page, fields, userId }) : null;
  if (id) setCookie(c, FORM_COOKIE, id, { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: Math.floor(STASH_TTL_MS / 1000) });
  return page;
}

/** The form kept for this page and this user, once; the cookie is cleared when it is used. */
export function takeStashedForm(c: Context, stash: FormStash, page: string, userId: string): StashedForm | null {
  const id = getCookie(c, FORM_COOKIE);
  if (!id) return null;
  const form = stash.take(id, page, userId);
  if (form) deleteCookie(c, FORM_COOKIE, { path: '/' });
  return form;
}
