/**
 * A real SMTP server on a loopback port (smtp-server) that parses what arrives (mailparser), so tests read
 * the messages exactly as a mail client would. It can be stopped and started again on the same port.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  messageId: string;
  to: string[];
  subject: string;
  date: Date;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
  headers: Map<string, unknown>;
}

const addresses = (a: ParsedMail['to']) => (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? ''));

/** What the server answers instead of accepting: a 5xx (permanent) or 4xx (temporary) SMTP reply. */
export interface Refusal {
  responseCode: number;
  message: string;
  /** RCPT TO (each recipient) or DATA (after the message was transferred). */
  at?: 'rcpt' | 'data';
}

const refusalError = (r: Refusal) => Object.assign(new Error(r.message), { responseCode: r.responseCode });

export async function startSmtp() {
  const received: Received[] = [];
  let refusal: Refusal | null = null;
  const pending = new Set<Promise<void>>();
  let server: SMTPServer;
  let port = 0;

  const listen = async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        if (refusal && (refusal.at ?? 'rcpt') === 'rcpt') return callback(refusalError(refusal));
        callback();
      },
      onData(stream, _session, callback) {
        if (refusal?.at === 'data') {
          const r = refusal;
          stream.on('end', () => callback(refusalError(r)));
          stream.resume();
          return;
        }
        const job = simpleParser(stream).then((mail) => {
          received.push({
            messageId: mail.messageId ?? '',
            to: addresses(mail.to).sort(),
            subject: mail.subject ?? '',
            date: mail.date ?? new Date(0),
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            attachments: mail.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content.toString('utf8') })),
            headers: mail.headers as Map<string, unknown>,
          });
        });
        pending.add(job);
        job.then(() => callback(), callback).finally(() => pending.delete(job));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    port = (server.server.address() as AddressInfo).port;
  };
  await listen();

  return {
    received,
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    /** Waits until parsing of everything accepted so far has finished. */
    async settle() {
      await Promise.all([...pending]);
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    restart: listen,
    /** From now on, answer every message with this SMTP error (null: accept again). */
    refuse(r: Refusal | null) {
      refusal = r;
    },
    clear() {
      received.length = 0;
    },
  };
}

export type Smtp = Awaited<ReturnType<typeof startSmtp>>;
