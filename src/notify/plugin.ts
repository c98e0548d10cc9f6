/**
 * Notifications plugin: the outbox dispatcher and the daily digest run in one background loop started and
 * stopped with the server. The notification routes belong to the HTTP layer (src/http/app.ts mounts them).
 */
import { createLoop } from '../loop.js';
import type { Plugin, PluginContext } from '../plugin.js';
import { createDigest } from './digest.js';
import { createDispatcher } from './dispatcher.js';


export function notifyPlugin(ctx: PluginContext) {
  const { config, db, clock, logger, mailer, registry } = ctx;
  const dispatcher = createDispatcher({
    db,
    clock,
    mailer,
    publicUrl: config.PUBLIC_URL,
    maxAttempts: config.DISPATCH_MAX_ATTEMPTS,
    leaseMs: config.DISPATCH_LEASE_MS,
    backoff: { baseMs: config.DISPATCH_BACKOFF_MS, maxMs: config.DISPATCH_BACKOFF_MAX_MS },
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
    start() {
      // DISPATCHER_ENABLED=false: no pass at all, not even at start-up; the outbox waits for a node that dispatches.
      if (!config.DISPATCHER_ENABLED) {
        logger.info('notification dispatcher disabled (DISPATCHER_ENABLED=false)');
        return;
      }
      logger.info({ transport: mailer.kind }, 'notification dispatcher started');
      loop.start(config.DISPATCH_INTERVAL_MS);
    },
    stop: () => loop.stop(),
  };
  return plugin;
}
