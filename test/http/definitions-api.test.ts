/** The definitions as the API serves them: plain statechart JSON, and fiscal-year settings as the keys they declare. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDefinitions } from '../../definitions/index.js';
import { flatSettingName } from '../../definitions/common/settings.js';
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

describe('GET /api/procedures/:id/machine.json', () => {
  it('serves every procedure as plain XState config with named guards (rules with params) and actions', async () => {
    for (const d of allDefinitions) {
      const r = await api.get(`/api/procedures/${d.id}/machine.json`, w.users.analyst.token);
      expect(r.status, d.id).toBe(200);
      expect(r.body.id).toBe(d.machine.id);
      expect(r.body.states).toBeTypeOf('object');
      expect(r.body).not.toHaveProperty('context');
      expect(JSON.stringify(r.body)).toMatch(/"guard":\{"type":"rules","params":\{"rules":\["/);
    }
    const missing = await api.get('/api/procedures/no-such-procedure/machine.json', w.users.analyst.token);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('the description lists the rules each event is checked against, taken from the transitions', async () => {
    const d = allDefinitions[0]!;
    const r = await api.get(`/api/procedures/${d.id}`, w.users.analyst.token);
    const withRules = r.body.events.filter((e: { rules: string[] }) => e.rules.length > 0);
    expect(withRules.length).toBeGreaterThan(0);
    for (const e of withRules) for (const name of e.rules) expect(Object.keys(d.rules)).toContain(name);
  });
});

describe('/api/settings/:fiscalYear: keyed settings from the definitions', () => {
  const declared = allDefinitions.flatMap((d) => d.settings.map((s) => ({ procedure: d.id, key: s.key, name: flatSettingName(d.id, s.key), def: s.default(2030) })));

  it('lists every declared setting with its label and default, and a partial update changes only what it names', async () => {
    const before = await api.get('/api/settings/2030', w.users.school.token);
    expect(before.status).toBe(200);
    expect(before.body.settings.map((s: { name: string }) => s.name).sort()).toEqual(declared.map((s) => s.name).sort());
    for (const s of declared) expect(before.body[s.name]).toBe(s.def);
    const [first, ...others] = declared;
    const put = await api.put('/api/settings/2030', w.users.hq.token, { [first!.name]: '2030-09-30' });
    expect(put.status).toBe(200);
    expect(put.body[first!.name]).toBe('2030-09-30');
    expect(put.body.settings.find((s: { name: string }) => s.name === first!.name)).toMatchObject({ isDefault: false, defaultValue: first!.def });
    for (const s of others) expect(put.body[s.name]).toBe(s.def);
  });

  it('refuses an unknown key (400), a bad date (400) and a date outside the year (422), changing nothing', async () => {
    const name = declared[0]!.name;
    const unknown = await api.put('/api/settings/2031', w.users.hq.token, { [name]: '2031-10-01', nope: '2031-10-01' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('invalid_settings');
    expect(unknown.body.error.message).toContain('nope');
    expect((await api.put('/api/settings/2031', w.users.hq.token, { [name]: '2031-02-30' })).status).toBe(400);
    const outside = await api.put('/api/settings/2031', w.users.hq.token, { [name]: '2033-10-01' });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('outside_fiscal_year');
    expect((await api.get('/api/settings/2031', w.users.hq.token)).body[name]).toBe(declared[0]!.def.replace('2030', '2031'));
  });
});
