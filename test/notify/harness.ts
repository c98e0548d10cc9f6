/** Builds a dispatcher and digest over a test world, sending through real SMTP (or any transport). */
import { createDigest } from '../../src/notify/digest.js';
import { createDispatcher, type DispatcherDeps } from '../../src/notify/dispatcher.js';
import { createSmtpTransport, type MailTransport } from '../../src/notify/transport.js';
import type { Principal } from '../../src/db/directory.js';
import type { World } from '../support/world.js';

export const PUBLIC_URL = 'https://kunren.example.jp';
const SYSTEM: Principal = { userId: '00000000-0000-0000-0000-000000000000', role: 'admin', orgId: null };

export function smtpMailer(url: string, query = ''): MailTransport {
  return createSmtpTransport(`${url}?ignoreTLS=true&connectionTimeout=2000&socketTimeout=5000${query}`, '認定訓練ワークフロー <no-reply@kunren.example.jp>');
}

export function notifier(w: World, mailer: MailTransport, over: Partial<DispatcherDeps> = {}) {
  const dispatcher = createDispatcher({
    db: w.db,
    clock: w.clock,
    mailer,
    publicUrl: PUBLIC_URL,
    maxAttempts: 5,
    backoff: { baseMs: 60_000, maxMs: 3_600_000 },
    random: () => 0.5,
    ...over,
  });
  const digest = createDigest({ db: w.db, clock: w.clock, registry: w.registry, hour: 8 });
  return { dispatcher, digest };
}
