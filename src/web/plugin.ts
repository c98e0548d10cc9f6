/** Web pages plugin: sign-in, inbox, case pages, dashboards, analyst pages; diagram routes on the JSON API. */
import { createDiagrams } from '../diagrams/diagrams.js';
import { diagramRoutes } from '../http/routes/diagrams.js';
import type { Plugin, PluginContext } from '../plugin.js';
import { createFormStash } from './auth/form-stash.js';
import { createRateLimiter } from './auth/rate-limit.js';
import type { WebDeps } from './deps.js';
import { webApp } from './app.js';

const WINDOW_MS = 15 * 60_000;

export function webDeps(ctx: PluginContext): WebDeps {
  return {
    db: ctx.db,
    clock: ctx.clock,
    engine: ctx.engine,
    registry: ctx.registry,
    logger: ctx.logger,
    mailer: ctx.mailer,
    diagrams: createDiagrams(),
    publicUrl: ctx.config.PUBLIC_URL,
    signInLimiter: {
      byEmail: createRateLimiter({ limit: 5, windowMs: WINDOW_MS, clock: ctx.clock }),
      byClient: createRateLimiter({ limit: 30, windowMs: WINDOW_MS, clock: ctx.clock }),
    },
    formStash: createFormStash(ctx.clock),
  };
}

export function webPlugin(ctx: PluginContext): Plugin {
  const deps = webDeps(ctx);
  return {
    name: 'web',
    mount(app, api) {
      api.route('/', diagramRoutes(ctx.registry, deps.diagrams));
      app.route('/', webApp(deps));
    },
  };
}
