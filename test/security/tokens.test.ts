/** API tokens: stored as SHA-256 only, expire, revocable by their holder, by an admin and from the CLI. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { authenticate, hashToken, issueToken } from '../../src/db/directory.js';
import { apiTokens } from '../../src/db/schema.js';
import { webSessions } from '../../src/db/schema-web.js';
import { appFor, client } from '../support/http.js';
import { makeWorld, type World } from '../support/world.js';

let w: World;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  w = await makeWorld();
  api = client(appFor(w));
});
afterAll(async () => {
  await w.database.close();
});

const rowsOf = async (table: string) => {
  const r = (await w.db.execute(sql.raw(`select * from ${table}`))) as unknown as { rows?: unknown[] } | unknown[];
  return Array.isArray(r) ? r : (r.rows ?? []);
};

describe('API tokens', () => {
  it('are stored as SHA-256 hashes only: the token itself is in no table', async () => {
    const token = w.users.school.token;
    const stored = await w.db.select().from(apiTokens);
    expect(stored.map((t) => t.tokenHash)).toContain(hashToken(token));
    const tables = ['api_tokens', 'users', 'organizations', 'cases', 'case_events', 'outbox', 'timers'];
    for (const t of tables) expect(JSON.stringify(await rowsOf(t))).not.toContain(token.slice(4));
  });

  it('expire', async () => {
    const token = await issueToken(w.db, w.users.hq.principal.userId, w.clock.now(), 1);
    expect((await api.get('/api/procedures', token)).status).toBe(200);
    w.clock.advance(86_400_000 + 1);
    const r = await api.get('/api/procedures', token);
    expect(r.status).toBe(401);
    expect(r.body.error.message).toContain('expired');
    expect((await api.get('/api/procedures', w.users.hq.token)).status).toBe(200);
  });

  it('POST /api/tokens/revoke revokes the caller’s own token and nothing else', async () => {
    const a = await issueToken(w.db, w.users.center.principal.userId, w.clock.now(), 30);
    const b = await issueToken(w.db, w.users.center.principal.userId, w.clock.now(), 30);
    expect((await api.post('/api/tokens/revoke', a, {})).body).toEqual({ revoked: true });
    expect((await api.get('/api/cases', a)).status).toBe(401);
    expect((await api.post('/api/tokens/revoke', a, {})).status).toBe(401);
    expect((await api.get('/api/cases', b)).status).toBe(200);
  });

  it('an admin revokes every token, web session and unused sign-in link of a user', async () => {
    const user = w.users.neighbour.principal.userId;
    const extra = await issueToken(w.db, user, w.clock.now(), 30);
    await w.db.insert(webSessions).values({ idHash: hashToken('session-1'), userId: user, createdAt: w.clock.now(), expiresAt: new Date(w.clock.now().getTime() + 3_600_000) });
    expect((await api.post(`/api/tokens/users/${user}/revoke`, w.users.hq.token, {})).status).toBe(403);
    const r = await api.post(`/api/tokens/users/${user}/revoke`, w.users.admin.token, {});
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ userId: user, revoked: { tokens: 2, sessions: 1, signInLinks: 0, calendarFeeds: 0 } });
    expect((await api.get('/api/cases', extra)).status).toBe(401);
    expect((await api.get('/api/cases', w.users.neighbour.token)).status).toBe(401);
    expect((await w.db.select().from(webSessions)).every((s) => s.revokedAt !== null)).toBe(true);
    expect((await api.post('/api/tokens/users/00000000-0000-4000-8000-000000000000/revoke', w.users.admin.token, {})).status).toBe(404);
    expect((await api.post('/api/tokens/users/not-a-uuid/revoke', w.users.admin.token, {})).status).toBe(400);
  });

  it('npm run cli -- token:revoke revokes one token or a whole user', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swe-cli-'));
    const run = promisify(execFile);
    const cli = async (...args: string[]) =>
      JSON.parse((await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { PATH: process.env.PATH, DATA_DIR: dir, LOG_LEVEL: 'silent' } })).stdout);
    try {
      const hq = await cli('org:add', '--kind', 'hq', '--name', '本庁');
      const one = await cli('user:add', '--role', 'hq', '--email', 'a@example.test', '--org', hq.id);
      const two = await cli('user:add', '--role', 'hq', '--email', 'b@example.test', '--org', hq.id);
      expect(await cli('token:revoke', '--token', one.token)).toEqual({ revoked: true });
      expect(await cli('token:revoke', '--token', one.token)).toEqual({ revoked: false });
      expect(await cli('token:revoke', '--user', two.id)).toEqual({ userId: two.id, revoked: { tokens: 1, sessions: 0, signInLinks: 0, calendarFeeds: 0 } });
      const database = await openDatabase({ dataDir: dir });
      try {
        expect(await authenticate(database.db, one.token, new Date())).toBeNull();
        expect(await authenticate(database.db, two.token, new Date())).toBeNull();
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
