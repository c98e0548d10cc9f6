/** The one error mapping: AppError -> its status; database outage -> 503; anything unknown -> logged, 500 with no stack or SQL. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../errors.js';
import { errorChain, type Logger } from '../logger.js';

export const errorBody = (code: string, message: string, details?: unknown) => ({
  error: { code, message, ...(details === undefined ? {} : { details }) },
});

/**
 * Codes meaning "the database is not reachable right now": socket errors (Node), postgres.js connection
 * errors, and PostgreSQL's class 08 (connection exception), 57P01-57P03 (shutdown, crash, starting up)
 * and 53300 (too many connections). drizzle wraps driver errors (DrizzleQueryError.cause) and Node wraps
 * dual-stack connect failures (AggregateError.errors), so the whole chain is searched.
 */
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

export function isDatabaseOutage(err: unknown): boolean {
  return errorChain(err).some((e) => OUTAGE_CODES.has(String((e as { code?: unknown }).code ?? '')));
}

/**
 * PostgreSQL "data exception" codes (class 22) that only a client's value can cause: an impossible date
 * that passed a format check (2027-13-01), a NUL character in text or jsonb, a number out of range. The
 * value is refused with 400 rather than answered as a server fault; it is logged (without the value) so
 * the missing validation can be added where the value entered.
 */
const BAD_VALUE_CODES = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05', '22023', '2201B', '22025', '22019']);

function badValueCode(err: unknown): string | null {
  for (const e of errorChain(err)) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (BAD_VALUE_CODES.has(code)) return code;
  }
  return null;
}

export function errorHandler(logger: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof AppError) return c.json(errorBody(err.code, err.message, err.details), err.status);
    if (err instanceof HTTPException) {
      const status = err.status;
      const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : status < 500 ? 'bad_request' : 'http_error';
      return c.json(errorBody(code, status < 500 ? err.message || 'request refused' : 'request refused'), status);
    }
    if (isDatabaseOutage(err)) {
      logger.error({ requestId: c.get('requestId'), err }, 'database unavailable');
      c.header('Retry-After', '5');
      return c.json(errorBody('database_unavailable', 'the database is not reachable right now; try again shortly (send If-Match with the case version to retry an event safely)'), 503);
    }
    const badValue = badValueCode(err);
    if (badValue) {
      logger.warn({ requestId: c.get('requestId'), sqlstate: badValue, err }, 'value refused by the database');
      return c.json(errorBody('invalid_value', 'a value in the request is not acceptable (an impossible date, a NUL character or a number out of range)', { sqlstate: badValue }), 400);
    }
    logger.error({ requestId: c.get('requestId'), err }, 'unhandled error');
    return c.json(errorBody('internal', 'internal error; the request id is in the X-Request-Id header'), 500);
  };
}
