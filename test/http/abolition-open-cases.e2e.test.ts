/**
 * An abolition refuses while a case of an abolished 訓練科 is still open at the school (the engine passes the
 * school's open cases with the filing events the definition names, and each case's 訓練科 from its own
 * definition), and goes through once it is withdrawn. Cases of other 訓練科, of the whole school or of another
 * school do not block; the centre is told of the whole-school ones. On the test database (PGlite or PostgreSQL).
 */
import { describe, expect, it } from 'vitest';
import { useSmtpWorld, type SmtpWorld } from '../support/smtp-world.js';
import { TRAINING, payload } from '../machines/abolition-fixtures.js';

let t: SmtpWorld['t'];
let api: SmtpWorld['api'];
useSmtpWorld('2026-10-01T10:00:00+09:00', (world) => ({ t, api } = world));

const SUSPENDED = { ...TRAINING };
const OTHER_COURSE = { ...TRAINING, kei: '機械', ka: '機械加工' };

describe('the abolition and the school’s open cases', () => {
  it('blocks on an open case of the abolished 訓練科 only, names it, writes nothing; passes once it is withdrawn', async () => {
    const { school, neighbour, center } = t.w.users;
    const open = async (token: string, procedure: string, input: unknown) => {
      const r = await api.post('/api/cases', token, { procedure, input });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body as { id: string; title: string; version: number };
    };
    const send = (caseId: string, token: string, type: string, data: unknown) => api.post(`/api/cases/${caseId}/events`, token, { type, data });

    const suspension = await open(school.token, 'suspension', { course: SUSPENDED, suspensionDate: '2026-10-01' });
    await open(school.token, 'suspension', { course: OTHER_COURSE, suspensionDate: '2026-10-01' });
    await open(school.token, 'instructor-roster', { fiscalYear: 2026, schoolType: 'joint' });
    await open(neighbour.token, 'suspension', { course: SUSPENDED, suspensionDate: '2026-10-01' });
    const abolition = await open(school.token, 'abolition', { trainings: [TRAINING], abolishedOn: '2026-10-03' });

    const refused = await send(abolition.id, school.token, 'ABOLITION_FILED', payload());
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('rule_violation');
    expect(refused.body.error.details.rule).toBe('openCases');
    expect(refused.body.error.message).toContain(suspension.title);
    expect(refused.body.error.message).not.toContain('機械加工');
    expect(refused.body.error.details.remedy).toContain('休止の案件から廃止を届け出て');
    const unchanged = await api.get(`/api/cases/${abolition.id}`, school.token);
    expect(unchanged.body).toMatchObject({ state: 'drafting', version: abolition.version });
    expect((await api.get(`/api/cases/${abolition.id}/history`, school.token)).body.history).toHaveLength(1);

    expect((await send(suspension.id, school.token, 'WITHDRAWN', { reason: '廃止するため' })).status).toBe(200);
    const filed = await send(abolition.id, school.token, 'ABOLITION_FILED', payload());
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    expect(filed.body.state).toBe('reviewing');
    // The whole-school case goes on for the other courses; the centre is shown it with the filing.
    expect(filed.body.context.schoolWideCases).toEqual([expect.objectContaining({ title: expect.stringContaining('職業訓練指導員・講師名簿') })]);
    const asCentre = await api.get(`/api/cases/${abolition.id}`, center.token);
    expect(JSON.stringify(asCentre.body)).toContain('職業訓練指導員・講師名簿');
  });
});
