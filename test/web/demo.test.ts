import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { seedDemo } from '../../src/demo.js';
import { defaultRegistry } from '../../definitions/index.js';
import { createEngine } from '../../src/engine/engine.js';
import { createScheduler } from '../../src/engine/scheduler.js';
import { freshDatabase } from '../support/database.js';
import type { World } from '../support/world.js';
import { capturingMailer, visitor, webAppFor } from './harness.js';

let database: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('demo', () => {
  it('prints a one-time sign-in URL per user that signs that user in', async () => {
    const clock = fixedClock('2026-10-01T10:00:00+09:00');
    const out = await seedDemo({ db: database.db, clock, publicUrl: 'http://localhost:3000' });
    expect(out.users.every((u) => /^http:\/\/localhost:3000\/auth\/link\?token=/.test(u.signInUrl!))).toBe(true);
    const registry = defaultRegistry();
    const w = { db: database.db, clock, registry, engine: createEngine({ db: database.db, clock, registry }), scheduler: createScheduler({ db: database.db, clock, registry }) } as unknown as World;
    const app = webAppFor(w, capturingMailer());
    const school = out.users.find((u) => u.role === 'school')!;
    const v = visitor(app);
    const token = new URL(school.signInUrl!).searchParams.get('token')!;
    const res = await v.post('/auth/link', { token });
    expect(res.status).toBe(303);
    expect((await v.get('/school')).status).toBe(200);
    expect((await visitor(app).post('/auth/link', { token })).status).toBe(400);
  });
});
