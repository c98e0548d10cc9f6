/**
 * The world of a procedure's end-to-end test: the web app on the test database, a JSON API client, and a local
 * SMTP server with a real nodemailer transport to it; made before the file's tests and closed after them.
 */
import { afterAll, beforeAll } from 'vitest';
import type { MailTransport } from '../../src/notify/transport.js';
import { smtpMailer } from '../notify/harness.js';
import { startSmtp, type Smtp } from '../notify/smtp.js';
import { webWorld } from '../web/harness.js';
import { client } from './http.js';

export interface SmtpWorld {
  t: Awaited<ReturnType<typeof webWorld>>;
  api: ReturnType<typeof client>;
  smtp: Smtp;
  mailer: MailTransport;
}

/** Registers the set-up and tear-down; `ready` receives the parts once they exist. */
export function useSmtpWorld(start: string, ready: (world: SmtpWorld) => void) {
  let world: SmtpWorld | null = null;
  beforeAll(async () => {
    const t = await webWorld(start);
    const smtp = await startSmtp();
    world = { t, api: client(t.app), smtp, mailer: smtpMailer(smtp.url) };
    ready(world);
  });
  afterAll(async () => {
    await world?.mailer.close();
    await world?.smtp.stop();
    await world?.t.w.database.close();
  });
}
