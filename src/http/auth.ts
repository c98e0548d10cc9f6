/** Bearer tokens for the JSON API; the token is looked up by its SHA-256 hash. */
import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { authenticate } from '../db/directory.js';
import { AppError } from '../engine/errors.js';
import type { AppEnv } from './env.js';

export function bearerAuth(db: Db, clock: Clock): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError(401, 'unauthorized', 'send Authorization: Bearer <token>');
    const principal = await authenticate(db, match[1]!, clock.now());
    if (!principal) throw new AppError(401, 'unauthorized', 'the token is unknown, expired or revoked');
    c.set('principal', principal);
    await next();
  };
}

export function requireRole(...roles: string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = c.get('principal');
    if (!roles.includes(p.role)) throw new AppError(403, 'forbidden', `this needs one of the roles: ${roles.join(', ')}`);
    await next();
  };
}
