/**
 * Notifications plugin: the outbox dispatcher and the daily digest run in one background loop started and
 * stopped with the server; the notification routes mount under /api.
 */
import type { Principal } from '../engine/access.js';
import { mailboxRoutes, meNotificationRoutes, notificationRoutes } from '../http/routes/notifications.js';
import type { Plugin, PluginContext } from '../plugin.js';
import { createDigest } from './digest.js';
import { createDispatcher } from './dispatcher.js';
import { createLoop } from './loop.js';
import type { UpcomingDeadline } from './templates.js';

/** Reads a case's current deadlines for message bodies; sees every case, like HQ. */
const SYSTEM: Principal = { userId: '00000000-0000-0000-0000-000000000000', role: 'admin', orgId: null };

export function notifyPlugin(ctx: PluginContext) {
  const { config, db, clock, engine, logger, mailer, registry } = ctx;
  const dispatcher = createDispatcher({
    db,
    clock,
    mailer,
    publicUrl: config.PUBLIC_URL,
    maxAttempts: config.DISPATCH_MAX_ATTEMPTS,
    leaseMs: config.DISPATCH_LEASE_MS,
    backoff: { baseMs: config.DISPATCH_BACKOFF_MS, maxMs: config.DISPATCH_BACKOFF_MAX_MS },
    upcoming: async (caseId): Promise<UpcomingDeadline[]> => (await engine.getCase(SYSTEM, caseId)).deadlines,
    onError: (err, rowId) => logger.warn({ outboxId: rowId, err }, 'notification not delivered'),
  });
  const digest = createDigest({ db, clock, registry, hour: config.DIGEST_HOUR });
  const loop = createLoop(
    async () => {
      await digest.runOnce();
      await dispatcher.runOnce();
    },
    (err) => logger.error({ err }, 'notification loop failed'),
  );
  const plugin: Plugin & { dispatcher: typeof dispatcher; digest: typeof digest } = {
    name: 'notify',
    dispatcher,
    digest,
    mount(_app, api) {
      api.route('/notifications', notificationRoutes(db, clock));
      api.route('/mailbox', mailboxRoutes(mailer));
      api.route('/me', meNotificationRoutes(db));
    },
    start() {
      logger.info({ transport: mailer.kind }, 'notification dispatcher started');
      loop.start(config.DISPATCH_INTERVAL_MS);
    },
    stop: () => loop.stop(),
  };
  return plugin;
}
