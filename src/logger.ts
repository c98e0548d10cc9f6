/**
 * Structured JSON logs (pino). Personal data (names, emails, payloads, tokens) is never logged: call sites
 * log ids, codes and counts; the `err` serializer drops SQL, parameters and quoted values from error
 * messages, and the redaction below is the safety net for a field logged by mistake.
 */
import { pino } from 'pino';

export type Logger = pino.Logger;

const KEYS = ['authorization', 'cookie', 'token', 'email', 'name', 'payload', 'data', 'body', 'password'];
const REDACT = [...KEYS, ...KEYS.map((k) => `*.${k}`), 'req.headers.authorization', 'req.headers.cookie'];

/** An error, its causes and the members of an AggregateError, outermost first. */
export function errorChain(err: unknown): unknown[] {
  const out: unknown[] = [];
  const queue = [err];
  while (queue.length && out.length < 10) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || out.includes(e)) continue;
    out.push(e);
    const { cause, errors } = e as { cause?: unknown; errors?: unknown };
    queue.push(cause);
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return out;
}

/** Keeps the gist of a message: drops everything from "Failed query" / "params" on, and quoted or bracketed values. */
export function scrub(message: string): string {
  if (/^\s*Failed query:/.test(message)) return 'Failed query (SQL and parameters omitted)';
  return message
    .split(/\n|Failed query:|params:/)[0]!
    .replace(/"[^"]*"|'[^']*'|「[^」]*」|\([^)]*\)=\([^)]*\)/g, '…')
    .slice(0, 200)
    .trim();
}

/** What is logged about an error: names, codes, scrubbed messages and stack frames (no message text in them). */
export function describeError(err: unknown) {
  if (!err || typeof err !== 'object') return { chain: [{ message: scrub(String(err)) }], frames: [] };
  const chain = errorChain(err) as Array<{ name?: string; code?: unknown; message?: unknown; stack?: unknown }>;
  return {
    chain: chain.map((e) => ({
      ...(e.name === undefined ? {} : { type: String(e.name) }),
      ...(e.code === undefined ? {} : { code: String(e.code) }),
      message: scrub(typeof e.message === 'string' ? e.message : ''),
    })),
    frames: (typeof chain[0]?.stack === 'string' ? chain[0].stack : '')
      .split('\n')
      .filter((l) => /^\s+at /.test(l))
      .slice(0, 12)
      .map((l) => l.trim()),
  };
}

/**
 * `destination` lets tests read what would be written to stdout. Without one, lines are buffered and written
 * to stdout asynchronously, 4 KB at a time and at least every 250 ms, and flushed synchronously when the
 * process exits (pino's exit hook). pino's default writes each line with its own synchronous write(2) on the
 * event loop: one system call per request, and a slow reader of stdout stalls every request. A kill -9 loses
 * at most the last 250 ms of lines.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: describeError },
    redact: { paths: REDACT, censor: '[redacted]' },
  };
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 250 }));
}
