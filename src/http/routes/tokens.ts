/**
 * Token revocation. `POST /api/tokens/revoke` revokes the caller's own token (sign out of the API);
 * `POST /api/tokens/users/:userId/revoke` (admin) revokes every token, web session and unused sign-in
 * link of a user.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { revokeToken, revokeUserAccess } from '../../db/directory.js';
import { badRequest, notFound } from '../../errors.js';
import { bearerToken, requireRole } from '../auth.js';
import type { AppEnv } from '../env.js';

const uuid = z.string().uuid();

export function tokenRoutes(db: Db, clock: Clock) {
  const app = new Hono<AppEnv>();
  app.post('/revoke', async (c) => {
    // bearerAuth has already accepted this header, so the token is live.
    await revokeToken(db, bearerToken(c.req.header('authorization'))!, clock.now());
    return c.json({ revoked: true });
  });
  app.post('/users/:userId/revoke', requireRole('admin'), async (c) => {
    const userId = c.req.param('userId');
    if (!uuid.safeParse(userId).success) throw badRequest('invalid_id', `'${userId.slice(0, 60)}' is not a user id (UUID)`);
    const revoked = await revokeUserAccess(db, userId, clock.now());
    if (!revoked) throw notFound(`user ${userId} not found`);
    return c.json({ userId, revoked });
  });
  return app;
}
