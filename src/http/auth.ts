/** Bearer tokens for the JSON API; the token is looked up by its SHA-256 hash. */
import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { authenticate } from '../db/directory.js';
import { AppError } from '../errors.js';
import { roleLabels } from '../roles.js';
import type { AppEnv } from './env.js';

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S{1,512})$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

export function bearerAuth(db: Db, clock: Clock): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new AppError(401, 'unauthorized', '認証が必要です（Authorization: Bearer <token> を送ってください）');
    const principal = await authenticate(db, token, clock.now());
    if (!principal) throw new AppError(401, 'unauthorized', 'トークンが無効です（存在しない、有効期限切れ、又は失効済みです）');
    c.set('principal', principal);
    await next();
  };
}

export function requireRole(...roles: string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = c.get('principal');
    if (!roles.includes(p.role)) throw new AppError(403, 'forbidden', `この操作は${roleLabels(roles)}の担当者だけが行えます`, { roles });
    await next();
  };
}
