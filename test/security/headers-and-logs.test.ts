/**
 * What a response and a log line may carry: security headers and a request id on every answer; no stack
 * trace or SQL in any body; request ids in the JSON logs; no names, emails, payloads or tokens in them.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import type { Engine } from '../../src/engine/engine.js';
import { client } from '../support/http.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';

let w: World;
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});
const logger = createLogger('debug', sink);
const appWith = (engine: Engine) =>
  createApp({ db: w.db, clock: w.clock, engine, registry: w.registry, logger, publicUrl: 'http://localhost:3000', bodyLimitBytes: 64 * 1024 });

beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => {
  await w.database.close();
});

const NAME = '塚本 次郎';
const EMAIL = 'taro.yamada@example.jp';

describe('responses', () => {
  it('carry the secure headers and a request id, on success and on error', async () => {
    const api = client(appWith(w.engine));
    for (const r of [await api.get('/healthz', null), await api.get('/api/procedures', w.users.hq.token), await api.get('/api/cases', null), await api.get('/nowhere', null)]) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(r.headers.get('strict-transport-security')).toContain('max-age=');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(r.headers.get('x-powered-by')).toBeNull();
      expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('never show a stack trace, SQL or parameters: 500 for a bug, 503 for an outage', async () => {
    const failing = (err: Error) => ({ ...w.engine, getCase: async () => Promise.reject(err) }) as Engine;
    const bug = Object.assign(new Error(`Failed query: select * from users where email = $1\nparams: ${EMAIL},${NAME}`), {});
    const outage = Object.assign(new Error(`Failed query: insert into case_events values ($1)\nparams: ${NAME}`), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }) });
    const id = '00000000-0000-4000-8000-000000000000';
    lines.length = 0;
    const r500 = await client(appWith(failing(bug))).get(`/api/cases/${id}`, w.users.hq.token);
    const r503 = await client(appWith(failing(outage))).get(`/api/cases/${id}`, w.users.hq.token);
    expect(r500.status).toBe(500);
    expect(r500.body.error.code).toBe('internal');
    expect(r503.status).toBe(503);
    expect(r503.body.error).toMatchObject({ code: 'database_unavailable', message: expect.stringContaining('データベースに接続できません') });
    for (const r of [r500, r503]) {
      const text = JSON.stringify(r.body);
      expect(text).not.toMatch(/select|insert|params|\bat \S+:\d+|ECONNREFUSED|5432|example\.jp|塚本/i);
    }
    // The log line has the request id of the answer, the error's type and frames, and no personal data.
    const logged = lines.map((l) => JSON.parse(l));
    const unhandled = logged.find((l) => l.msg === 'unhandled error');
    expect(unhandled.requestId).toBe(r500.headers.get('x-request-id'));
    expect(unhandled.err.frames.length).toBeGreaterThan(0);
    expect(logged.find((l) => l.msg === 'database unavailable').err.chain.map((e: { code?: string }) => e.code)).toContain('ECONNREFUSED');
    expect(lines.join('\n')).not.toMatch(/example\.jp|塚本|select \*|params:/);
  });
});

describe('logs', () => {
  it('are JSON with a request id per request and no personal data, tokens or payloads', async () => {
    lines.length = 0;
    const api = client(appWith(w.engine));
    const created = await api.post('/api/cases', w.users.school.token, { procedure: 'skill-check', input: pay.skillCheckInput() });
    const id = created.body.id;
    await api.post(`/api/cases/${id}/events`, w.users.school.token, { type: 'QUESTIONS_FILED', data: { ...pay.questionsFiled(), representative: NAME } });
    await api.post(`/api/cases/${id}/events`, w.users.school.token, { type: 'QUESTIONS_FILED', data: { representative: EMAIL } });
    await api.get(`/api/cases/${id}`, w.users.farSchool.token);
    await api.get(`/api/cases?state=${encodeURIComponent(NAME)}`, w.users.hq.token);
    const logged = lines.map((l) => JSON.parse(l));
    const requests = logged.filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(5);
    expect(new Set(requests.map((l) => l.requestId)).size).toBe(5);
    expect(requests[0].requestId).toBe(created.headers.get('x-request-id'));
    const text = lines.join('\n');
    for (const secret of [NAME, EMAIL, '甲野', w.users.school.token, w.users.hq.token, 'school@example.test']) expect(text).not.toContain(secret);
  });

  it('redact personal fields logged by mistake', () => {
    lines.length = 0;
    logger.info({ email: EMAIL, user: { name: NAME, token: 'swe_x' }, payload: { name: NAME } }, 'oops');
    expect(lines.join('\n')).not.toMatch(/example\.jp|塚本|swe_x/);
  });
});
