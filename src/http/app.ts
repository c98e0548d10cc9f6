/** The Hono application: JSON API under /api, health, OpenAPI. Everything it needs is passed in. */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Registry } from '../../definitions/registry.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { organizations } from '../db/schema.js';
import type { Engine } from '../engine/engine.js';
import type { Logger } from '../logger.js';
import type { MailTransport } from '../notify/transport.js';
import { bearerAuth } from './auth.js';
import type { AppEnv } from './env.js';
import { errorBody, errorHandler, htmlErrorPage, isPagePath, tooLargeMessage } from './errors.js';
import { openApiDocument } from './openapi.js';
import { caseRoutes } from './routes/cases.js';
import { documentRoutes } from './routes/documents.js';
import { createDocumentService } from '../documents/service.js';
import { incidentRoutes } from './routes/incidents.js';
import { mailboxRoutes, meNotificationRoutes, notificationRoutes } from './routes/notifications.js';
import { procedureRoutes } from './routes/procedures.js';
import { settingsRoutes } from './routes/settings.js';
import { tokenRoutes } from './routes/tokens.js';

export interface AppDeps {
  db: Db;
  clock: Clock;
  engine: Engine;
  registry: Registry;
  logger: Logger;
  publicUrl: string;
  bodyLimitBytes: number;
  /** The mail transport GET /api/mailbox reads; without one that route is not mounted. */
  mailer?: MailTransport;
  /** Sub-apps added by later parts (web pages) without touching this file's core. */
  mount?: (app: Hono<AppEnv>, api: Hono<AppEnv>) => void;
}

/** Whether an Accept-Encoding header names gzip, deflate or `*` (q=0 included: hono's compress decides the rest). */
export function acceptsCompression(header: string | undefined): boolean {
  return header !== undefined && /gzip|deflate|\*/i.test(header);
}

export function createApp(deps: AppDeps) {
  const { db, clock, engine, registry, logger } = deps;
  const app = new Hono<AppEnv>();
  app.use('*', requestId());
  app.use('*', secureHeaders());
  // gzip/deflate for text (HTML, JSON, CSV, SVG, ics) when the client accepts it; PDF, xlsx and small bodies as they are.
  // A client that accepts neither skips the middleware: it would otherwise add `Vary` to the finished response,
  // which makes @hono/node-server rebuild it as a web-stream Response (CPU per request, see bench/http-run.ts).
  const gzip = compress();
  app.use('*', (c, next) => (acceptsCompression(c.req.header('accept-encoding')) ? gzip(c, next) : next()));
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    logger.info({ requestId: c.get('requestId'), method: c.req.method, path: c.req.routePath, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });
  const tooLarge = (c: Context<AppEnv>) => {
    const message = tooLargeMessage(deps.bodyLimitBytes);
    return isPagePath(c.req.path) ? htmlErrorPage(c, { status: 413, message }) : c.json(errorBody('payload_too_large', message, { limitBytes: deps.bodyLimitBytes }), 413);
  };
  const streamedLimit = bodyLimit({ maxSize: deps.bodyLimitBytes, onError: tooLarge });
  // The limit from Content-Length when the request has one (no transfer-encoding), read from the headers only:
  // hono's bodyLimit touches `c.req.raw.body`, which makes @hono/node-server build a web Request and a
  // ReadableStream for every request and read the JSON body through it instead of straight from the socket.
  // Without a length (chunked, or a body-less GET) hono's bodyLimit counts the bytes as before.
  app.use('*', (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && /^\d{1,15}$/.test(length) && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > deps.bodyLimitBytes ? Promise.resolve(tooLarge(c)) : next();
    }
    return streamedLimit(c, next);
  });
  app.onError(errorHandler(logger));
  // Page paths the web pages do not answer get a Japanese HTML page (the web app renders its own inside the
  // layout); /api and /healthz keep JSON.
  app.notFound((c) => {
    if (isPagePath(c.req.path)) return htmlErrorPage(c, { status: 404, message: 'お探しのページは見つかりません。アドレスを確認するか、トップページから開き直してください。' });
    return c.json(errorBody('not_found', `${c.req.method} ${c.req.path.slice(0, 200)} という API はありません`, { method: c.req.method, path: c.req.path.slice(0, 200) }), 404);
  });

  app.get('/healthz', async (c) => {
    try {
      await db.select({ id: organizations.id }).from(organizations).limit(1);
      return c.json({ status: 'ok', time: clock.now().toISOString() });
    } catch {
      return c.json({ status: 'unavailable', database: 'unreachable' }, 503);
    }
  });
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(registry, deps.publicUrl)));

  const api = new Hono<AppEnv>();
  api.use('*', bearerAuth(db, clock));
  api.route('/procedures', procedureRoutes(registry));
  api.route('/cases', caseRoutes(engine));
  api.route('/cases', documentRoutes(createDocumentService({ engine, db, clock })));
  api.route('/settings', settingsRoutes(db, clock, registry));
  api.route('/tokens', tokenRoutes(db, clock));
  api.route('/notifications', notificationRoutes(db, clock));
  api.route('/incidents', incidentRoutes(db, registry));
  if (deps.mailer) api.route('/mailbox', mailboxRoutes(deps.mailer));
  api.route('/me', meNotificationRoutes(db));
  deps.mount?.(app, api);
  app.route('/api', api);
  return app;
}
