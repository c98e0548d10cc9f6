/** Calls the Hono app in-process (no socket) with a bearer token, returning status, headers and JSON. */
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import type { World } from './world.js';

export function appFor(w: World, mount?: Parameters<typeof createApp>[0]['mount'], mailer?: Parameters<typeof createApp>[0]['mailer']) {
  return createApp({
    db: w.db,
    clock: w.clock,
    engine: w.engine,
    registry: w.registry,
    logger: createLogger('silent'),
    publicUrl: 'http://localhost:3000',
    bodyLimitBytes: 64 * 1024,
    mount,
    mailer,
  });
}

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export function client(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }) {
  async function call(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await app.request(path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON (SVG, Mermaid, HTML) */
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }
  return {
    get: (path: string, token: string | null, headers?: Record<string, string>) => call('GET', path, token, undefined, headers),
    post: (path: string, token: string | null, body: unknown, headers?: Record<string, string>) => call('POST', path, token, body, headers),
    put: (path: string, token: string | null, body: unknown, headers?: Record<string, string>) => call('PUT', path, token, body, headers),
  };
}
