/**
 * Token rotation and revocation. `POST /api/tokens/rotate` `{ ttlDays? }` issues the caller a new token and
 * revokes the one it called with, in one transaction, and answers the new token with its expiry;
 * `POST /api/tokens/revoke` revokes the caller's own token (sign out of the API);
 * `POST /api/tokens/users/:userId/revoke` (admin) revokes every token, web session and unused sign-in
 * link of a user.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { DEFAULT_TOKEN_TTL_DAYS, MAX_TOKEN_TTL_DAYS, revokeToken, revokeUserAccess, rotateToken } from '../../db/directory.js';
import { zodDetails } from '../../engine/zod-details.js';
import { AppError, badRequest, notFound } from '../../errors.js';
import { bearerToken, requireRole } from '../auth.js';
import type { AppEnv } from '../env.js';

const uuid = z.string().uuid();
const rotateBody = z.object({ ttlDays: z.number().int().min(1).max(MAX_TOKEN_TTL_DAYS).default(DEFAULT_TOKEN_TTL_DAYS) }).strict();

export function tokenRoutes(db: Db, clock: Clock) {
  const app = new Hono<AppEnv>();
  app.post('/rotate', async (c) => {
    // The body is optional: none (or {}) gives the new token the default lifetime.
    const raw = await c.req.text();
    let parsed: unknown = {};
    if (raw.trim()) {
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw badRequest('malformed_json', 'リクエスト本文は JSON オブジェクトで送ってください（Content-Type: application/json）');
      }
    }
    const body = rotateBody.safeParse(parsed);
    if (!body.success) throw badRequest('invalid_body', `本文は {} 又は { "ttlDays": 1〜${MAX_TOKEN_TTL_DAYS} } の形で送ってください`, zodDetails(body.error));
    const rotated = await rotateToken(db, bearerToken(c.req.header('authorization'))!, clock.now(), body.data.ttlDays);
    // bearerAuth accepted the token, so only a concurrent rotation or revocation of the same token lands here.
    if (!rotated) throw new AppError(401, 'unauthorized', 'トークンが無効です（存在しない、有効期限切れ、又は失効済みです）');
    return c.json({ token: rotated.token, expiresAt: rotated.expiresAt, userId: rotated.userId }, 201);
  });
  app.post('/revoke', async (c) => {
    // bearerAuth has already accepted this header, so the token is live.
    await revokeToken(db, bearerToken(c.req.header('authorization'))!, clock.now());
    return c.json({ revoked: true });
  });
  app.post('/users/:userId/revoke', requireRole('admin'), async (c) => {
    const userId = c.req.param('userId');
    if (!uuid.safeParse(userId).success) throw badRequest('invalid_id', '利用者IDの形式が正しくありません（UUID）。', { userId: userId.slice(0, 60) });
    const revoked = await revokeUserAccess(db, userId, clock.now());
    if (!revoked) throw notFound('指定された利用者は見つかりません');
    return c.json({ userId, revoked });
  });
  return app;
}
