/** API tokens: stored as SHA-256 only, expire (TTL per user:add), rotate, revocable by their holder, by an admin and from the CLI. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { addUser, authenticate, hashToken, issueToken, rotateToken } from '../../src/db/directory.js';
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
    // The message names expiry (Japanese since the error messages were localised: 有効期限切れ).
    expect(r.body.error.message).toMatch(/expired|有効期限切れ/);
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

  it('addUser takes a TTL in days and answers the expiry; 365 days by default; a bad TTL is refused', async () => {
    const now = w.clock.now();
    const short = await addUser(w.db, { role: 'analyst', email: 'ttl-short@example.test', tokenTtlDays: 7 }, now);
    expect(short.expiresAt).toBe(new Date(now.getTime() + 7 * 86_400_000).toISOString());
    const [row] = await w.db.select().from(apiTokens).where(eq(apiTokens.tokenHash, hashToken(short.token)));
    expect(row!.expiresAt!.toISOString()).toBe(short.expiresAt);
    const standard = await addUser(w.db, { role: 'analyst', email: 'ttl-default@example.test' }, now);
    expect(standard.expiresAt).toBe(new Date(now.getTime() + 365 * 86_400_000).toISOString());
    for (const tokenTtlDays of [0, -1, 1.5, 3651]) {
      await expect(addUser(w.db, { role: 'analyst', email: `ttl-bad-${tokenTtlDays}@example.test`, tokenTtlDays }, now)).rejects.toMatchObject({ status: 400 });
    }
    expect((await api.get('/api/procedures', short.token)).status).toBe(200);
    w.clock.advance(7 * 86_400_000);
    expect((await api.get('/api/procedures', short.token)).status).toBe(401);
    expect((await api.get('/api/procedures', standard.token)).status).toBe(200);
  });

  it('POST /api/tokens/rotate issues the caller a new token with its expiry and revokes the old one', async () => {
    const old = await issueToken(w.db, w.users.school.principal.userId, w.clock.now(), 30);
    const other = await issueToken(w.db, w.users.school.principal.userId, w.clock.now(), 30);
    const r = await api.post('/api/tokens/rotate', old, {});
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ token: expect.stringMatching(/^swe_/), expiresAt: new Date(w.clock.now().getTime() + 365 * 86_400_000).toISOString(), userId: w.users.school.principal.userId });
    expect(r.body.token).not.toBe(old);
    expect((await api.get('/api/cases', old)).status).toBe(401);
    expect((await api.get('/api/cases', r.body.token)).status).toBe(200);
    // The holder's other tokens are untouched.
    expect((await api.get('/api/cases', other)).status).toBe(200);
    // Only SHA-256 of the new token is stored, with the expiry answered.
    const [row] = await w.db.select().from(apiTokens).where(eq(apiTokens.tokenHash, hashToken(r.body.token)));
    expect(row!.expiresAt!.toISOString()).toBe(r.body.expiresAt);
    // A rotated token cannot rotate again.
    expect((await api.post('/api/tokens/rotate', old, {})).status).toBe(401);

    // ttlDays chooses the new lifetime; no body at all is the default; anything else is a 400 that changes nothing.
    const week = await api.post('/api/tokens/rotate', r.body.token, { ttlDays: 7 });
    expect(week.status).toBe(201);
    expect(week.body.expiresAt).toBe(new Date(w.clock.now().getTime() + 7 * 86_400_000).toISOString());
    for (const bad of [{ ttlDays: 0 }, { ttlDays: 1.5 }, { ttlDays: 3651 }, { ttlDays: '7' }, { other: 1 }, '[1]', 'not json']) {
      const res = await api.post('/api/tokens/rotate', week.body.token, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await api.get('/api/cases', week.body.token)).status).toBe(200);
    const bare = await appFor(w).request('/api/tokens/rotate', { method: 'POST', headers: { authorization: `Bearer ${week.body.token}` } });
    expect(bare.status).toBe(201);
    expect(((await bare.json()) as { expiresAt: string }).expiresAt).toBe(new Date(w.clock.now().getTime() + 365 * 86_400_000).toISOString());
    expect((await api.get('/api/cases', week.body.token)).status).toBe(401);
  });

  it('rotation refuses an expired or revoked token, and of two rotations of one token only one succeeds', async () => {
    const userId = w.users.analyst.principal.userId;
    const expired = await issueToken(w.db, userId, new Date(w.clock.now().getTime() - 2 * 86_400_000), 1);
    expect(await rotateToken(w.db, expired, w.clock.now())).toBeNull();
    expect((await api.post('/api/tokens/rotate', expired, {})).status).toBe(401);
    const token = await issueToken(w.db, userId, w.clock.now(), 30);
    const both = await Promise.all([rotateToken(w.db, token, w.clock.now()), rotateToken(w.db, token, w.clock.now())]);
    expect(both.filter((x) => x !== null)).toHaveLength(1);
    expect(await authenticate(w.db, token, w.clock.now())).toBeNull();
    expect(await authenticate(w.db, both.find((x) => x)!.token, w.clock.now())).toMatchObject({ userId });
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
  }, 300_000);

  it('npm run cli -- user:add --ttl-days N and token:rotate answer the expiry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swe-cli-'));
    const run = promisify(execFile);
    const cli = async (...args: string[]) =>
      JSON.parse((await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { PATH: process.env.PATH, DATA_DIR: dir, LOG_LEVEL: 'silent' } })).stdout);
    const day = 86_400_000;
    const inDays = (iso: string) => (Date.parse(iso) - Date.now()) / day;
    try {
      // A bad TTL is a usage error (exit 2) before the database is opened.
      await expect(cli('user:add', '--role', 'analyst', '--email', 'd@example.test', '--ttl-days', '0')).rejects.toMatchObject({ code: 2 });
      const short = await cli('user:add', '--role', 'analyst', '--email', 'c@example.test', '--ttl-days', '3');
      expect(short).toEqual({ id: expect.any(String), token: expect.stringMatching(/^swe_/), expiresAt: expect.any(String) });
      expect(inDays(short.expiresAt)).toBeGreaterThan(2.9);
      expect(inDays(short.expiresAt)).toBeLessThanOrEqual(3);
      // token:rotate: a new token for the holder with its expiry; the old one stops working and cannot rotate again.
      const rotated = await cli('token:rotate', '--token', short.token);
      expect(rotated).toEqual({ userId: short.id, token: expect.stringMatching(/^swe_/), expiresAt: expect.any(String) });
      expect(inDays(rotated.expiresAt)).toBeGreaterThan(364.9);
      await expect(cli('token:rotate', '--token', short.token, '--ttl-days', '10')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('unauthorized') });
      const database = await openDatabase({ dataDir: dir });
      try {
        expect(await authenticate(database.db, short.token, new Date())).toBeNull();
        expect(await authenticate(database.db, rotated.token, new Date())).toMatchObject({ userId: short.id });
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
