/**
 * Builds the running product from a config: database (migrated), engine, HTTP app, scheduler. main.ts starts
 * it; tests start and stop it to prove a restart keeps every case and timer.
 */
import { serve, type ServerType } from '@hono/node-server';
import { defaultRegistry } from '../definitions/index.js';
import { fixedClock, systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { openDatabase } from './db/client.js';
import { createEngine } from './engine/engine.js';
import { backfillFigures } from './engine/figures-backfill.js';
import { createOpenings } from './engine/openings.js';
import { createScheduler } from './engine/scheduler.js';
import { createApp } from './http/app.js';
import { createLogger, type Logger } from './logger.js';
import { notifyPlugin } from './notify/plugin.js';
import { createTransport, type MailTransport } from './notify/transport.js';
import type { PluginContext } from './plugin.js';
import { webPlugin } from './web/plugin.js';

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  mailer?: MailTransport;
  /** Tests drive the scheduler (and dispatcher) themselves. */
  runScheduler?: boolean;
  listen?: boolean;
}

export async function startServer(config: Config, opts: StartOptions = {}) {
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  const clock = opts.clock ?? (config.NOW ? fixedClock(config.NOW) : systemClock);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DATABASE_POOL_SIZE });
  await database.migrate();
  // PGlite: CLI commands reach this process's database through a socket in DATA_DIR while it runs.
  const shared = await database.share?.();
  const registry = defaultRegistry();
  // In the background: a large database written before its definitions declared statistics must not hold up the
  // start (a million cases take minutes); the statistics count such a case once its figures are in.
  let stopping = false;
  const backfill = backfillFigures(database.db, registry, { stopped: () => stopping })
    .then((n) => void (n && logger.info({ cases: n }, 'figures computed for cases written before their statistics existed')))
    .catch((err: unknown) => logger.error({ err }, 'computing figures of older cases failed'));
  const engine = createEngine({ db: database.db, clock, registry });
  const scheduler = createScheduler({
    db: database.db,
    clock,
    registry,
    maxAttempts: config.TIMER_MAX_ATTEMPTS,
    onError: (err, caseId) => logger.error({ caseId, err }, 'timer failed'),
  });
  const openings = createOpenings({
    db: database.db,
    clock,
    registry,
    engine,
    onError: (err, procedure) => logger.error({ procedure, err }, 'automatic opening failed'),
  });
  const mailer = opts.mailer ?? createTransport({ smtpUrl: config.SMTP_URL, dataDir: config.DATA_DIR, from: config.MAIL_FROM });
  const context: PluginContext = { config, db: database.db, clock, engine, registry, logger, mailer };
  const plugins = [notifyPlugin(context), webPlugin(context)];
  const app = createApp({
    db: database.db,
    clock,
    engine,
    registry,
    logger,
    publicUrl: config.PUBLIC_URL,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    mailer,
    mount: (root, api) => plugins.forEach((p) => p.mount?.(root, api)),
  });
  const background = opts.runScheduler ?? true;
  if (background) {
    // SCHEDULER_ENABLED=false: an API-only node; not even one pass at start-up (the loop's first tick is that pass).
    if (config.SCHEDULER_ENABLED) {
      scheduler.start(config.SCHEDULER_INTERVAL_MS);
      // Cases a definition opens each fiscal year: the day matters, not the minute.
      openings.start(Math.max(config.SCHEDULER_INTERVAL_MS, 60_000));
    } else logger.info('timer scheduler disabled (SCHEDULER_ENABLED=false)');
    plugins.forEach((p) => p.start?.());
  }
  let server: ServerType | null = null;
  if (opts.listen ?? true) {
    server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST });
    logger.info({ port: config.PORT, driver: database.driver, ...(shared ? { shared } : {}) }, 'listening');
  }
  return {
    app,
    engine,
    mailer,
    plugins,
    scheduler,
    openings,
    database,
    clock,
    async stop() {
      stopping = true;
      await scheduler.stop();
      await openings.stop();
      await backfill;
      for (const p of plugins) await p.stop?.();
      await mailer.close();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await database.close();
    },
  };
}
