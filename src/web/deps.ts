/** What the web routes need, built once by the plugin. */
import type { Registry } from '../../definitions/registry.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import type { Diagrams } from '../diagrams/diagrams.js';
import type { Engine } from '../engine/engine.js';
import type { Logger } from '../logger.js';
import type { MailTransport } from '../notify/transport.js';
import type { FormStash } from './auth/form-stash.js';
import type { RateLimiter } from './auth/rate-limit.js';

export interface WebDeps {
  db: Db;
  clock: Clock;
  engine: Engine;
  registry: Registry;
  logger: Logger;
  mailer: MailTransport;
  diagrams: Diagrams;
  publicUrl: string;
  /** Sign-in requests, counted per e-mail address and per client address. */
  signInLimiter: { byEmail: RateLimiter; byClient: RateLimiter };
  /** Forms posted after the session expired, kept until the visitor has signed in again. */
  formStash: FormStash;
}
