/** The one error mapping: AppError -> its status; anything unknown -> logged, 500 with no stack or SQL. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../engine/errors.js';
import type { Logger } from '../logger.js';

export const errorBody = (code: string, message: string, details?: unknown) => ({
  error: { code, message, ...(details === undefined ? {} : { details }) },
});

/** PostgreSQL / driver errors that mean "the database is not reachable right now". */
function isDatabaseOutage(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  const code = e?.code ?? e?.cause?.code;
  return ['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006', '08001'].includes(code ?? '');
}

export function errorHandler(logger: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof AppError) return c.json(errorBody(err.code, err.message, err.details), err.status);
    if (err instanceof HTTPException) {
      const status = err.status;
      const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'http_error';
      return c.json(errorBody(code, err.message || 'request refused'), status);
    }
    if (isDatabaseOutage(err)) {
      logger.error({ requestId: c.get('requestId'), err: { message: err.message } }, 'database unavailable');
      return c.json(errorBody('database_unavailable', 'the database is not reachable right now; try again shortly'), 503);
    }
    logger.error({ requestId: c.get('requestId'), err: { name: err.name, message: err.message, stack: err.stack } }, 'unhandled error');
    return c.json(errorBody('internal', 'internal error; the request id is in the X-Request-Id header'), 500);
  };
}
