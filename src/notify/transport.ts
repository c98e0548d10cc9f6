/**
 * Where mail goes: SMTP through nodemailer when SMTP_URL is set; otherwise a local mailbox folder under
 * DATA_DIR (one .eml and one .json per message) so a newcomer sees what would have been sent.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Stable per outbox row: a resend after a crash carries the same Message-ID. */
  messageId: string;
  date?: Date;
  attachments?: { filename: string; content: string; contentType: string }[];
  /** Extra headers (References for threading per case, X-* for filtering). */
  headers?: Record<string, string>;
}

export interface MailTransport {
  kind: 'smtp' | 'mailbox';
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

export interface MailboxEntry {
  file: string;
  messageId: string;
  to: string[];
  subject: string;
  date: string;
  text: string;
  /** Order of writing: mails stamped with the same (injected) date still list in the order they were sent. */
  seq?: number;
}

/**
 * SMTP_URL carries host, port, auth and TLS options, e.g.
 * smtps://user:pass@mail.example.jp:465 or smtp://mail.example.jp:587?requireTLS=true&tls.rejectUnauthorized=false&pool=true.
 * Timeouts default to 30 s (nodemailer's own are minutes) so a hung server fails one attempt and the row is
 * retried later, instead of stalling the dispatcher; the URL may override them (?socketTimeout=...).
 */
export function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 30_000 });
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail({ from, ...mail });
    },
    async close() {
      transporter.close();
    },
  };
}

export function createMailboxTransport(dir: string, from: string): MailTransport & { list(): MailboxEntry[] } {
  mkdirSync(dir, { recursive: true });
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const fileOf = (messageId: string) => messageId.replace(/[^A-Za-z0-9._-]/g, '_');
  // One writer per mailbox directory (like the data directory): counted once, then numbered in memory (a
  // directory listing per mail grew with the mailbox and led the dispatcher's CPU profile).
  let seq = readdirSync(dir).filter((f) => f.endsWith('.json')).length;
  return {
    kind: 'mailbox',
    async send(mail) {
      const info = await builder.sendMail({ from, ...mail });
      const name = fileOf(mail.messageId);
      seq += 1;
      writeFileSync(join(dir, `${name}.eml`), info.message as Buffer);
      const entry: MailboxEntry = { file: `${name}.eml`, messageId: mail.messageId, to: mail.to, subject: mail.subject, date: (mail.date ?? new Date()).toISOString(), text: mail.text, seq };
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(entry));
    },
    async close() {},
    list() {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as MailboxEntry)
        .sort((a, b) => a.date.localeCompare(b.date) || (a.seq ?? 0) - (b.seq ?? 0));
    },
  };
}

export function createTransport(opts: { smtpUrl?: string; dataDir: string; from: string }): MailTransport {
  return opts.smtpUrl ? createSmtpTransport(opts.smtpUrl, opts.from) : createMailboxTransport(join(opts.dataDir.replace(/^memory:\/\//, './data'), 'mailbox'), opts.from);
}
