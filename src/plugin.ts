/**
 * Parts of the product that plug into the server (notifications, web pages): each gets the same
 * dependencies, may mount routes, and may run a background loop started and stopped with the server.
 */
import type { Hono } from 'hono';
import type { Registry } from '../definitions/registry.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { Engine } from './engine/engine.js';
import type { AppEnv } from './http/env.js';
import type { Logger } from './logger.js';
import type { MailTransport } from './notify/transport.js';

export interface PluginContext {
  config: Config;
  db: Db;
  clock: Clock;
  engine: Engine;
  registry: Registry;
  logger: Logger;
  mailer: MailTransport;
}

export interface Plugin {
  name: string;
  /** `app` is the root (pages), `api` is mounted under /api behind bearer auth. */
  mount?(app: Hono<AppEnv>, api: Hono<AppEnv>): void;
  start?(): void;
  stop?(): Promise<void>;
}
