/**
 * Names and free text come back exactly as entered: no trimming, no Unicode normalisation (NFC/NFKC would
 * fold the CJK compatibility ideographs 塚 U+FA10, 隆 U+F9DC, 神 U+FA19 into other code points, and a
 * certificate must show the name as registered). Emails escape them.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from '../../src/notify/templates.js';
import { appFor, client } from '../support/http.js';
import { makeWorld, type World } from '../support/world.js';
import * as pay from '../support/skill-check-payloads.js';

const NAMES = [
  '\uFA10本 次郎', // 塚 (compatibility ideograph U+FA10)
  '\uF9DC 太郎', // 隆 U+F9DC
  '\uFA19田 花子', // 神 U+FA19
  '葛\u{E0100}飾 一郎', // ideographic variation sequence
  '𠮷野 𩸽子', // outside the BMP
  'か\u3099たや\u309Aま', // combining voiced / semi-voiced marks (NFC would compose が)
  'ｶﾀｶﾅ ﾀﾛｳ', // half-width katakana (NFKC would widen)
  ' 髙橋　花子 ', // leading/trailing space, ideographic space
  '<script>alert("x")</script> & O\'Brien',
];
const codePoints = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16));

let w: World;
let api: ReturnType<typeof client>;
beforeAll(async () => {
  w = await makeWorld();
  api = client(appFor(w));
});
afterAll(async () => {
  await w.database.close();
});

describe('names round-trip exactly', () => {
  it('the test names really change under NFC or NFKC', () => {
    for (const n of NAMES.slice(0, 3)) expect(n.normalize('NFC')).not.toBe(n);
    expect(NAMES[5]!.normalize('NFC')).not.toBe(NAMES[5]);
    expect(NAMES[6]!.normalize('NFKC')).not.toBe(NAMES[6]);
  });

  it('through the API, the case, the history and the database, code point for code point', async () => {
    const { school, hq } = w.users;
    const id = (await api.post('/api/cases', school.token, { procedure: 'skill-check', input: pay.skillCheckInput() })).body.id as string;
    const send = (token: string, type: string, data: unknown) => api.post(`/api/cases/${id}/events`, token, { type, data });
    expect((await send(school.token, 'QUESTIONS_FILED', { ...pay.questionsFiled(), representative: NAMES[0] })).status).toBe(200);
    expect((await send(hq.token, 'REVIEW_APPROVED', { note: NAMES.join('\n') })).status).toBe(200);
    w.clock.set('2026-12-01T10:00:00+09:00');
    const roster = NAMES.map((name, i) => ({ traineeId: `T${i + 1}`, name, birthDate: '2005-04-02', subjects: [{ subject: '機械工作法', plannedHours: 100, attendedHours: 95 }] }));
    const filed = await send(school.token, 'IMPLEMENTATION_NOTICE_FILED', { ...pay.implementationNotice('2027-02-15'), representative: NAMES[2], expectedExaminees: NAMES.length, roster });
    expect(filed.status).toBe(200);

    const view = await api.get(`/api/cases/${id}`, school.token);
    const names = view.body.context.roster.map((r: { name: string }) => r.name);
    expect(names.map(codePoints)).toEqual(NAMES.map(codePoints));

    const history = (await api.get(`/api/cases/${id}/history`, hq.token)).body.history;
    const notice = history.find((h: { type: string }) => h.type === 'IMPLEMENTATION_NOTICE_FILED');
    expect(notice.payload.roster.map((r: { name: string }) => r.name)).toEqual(NAMES);
    expect(notice.payload.representative).toBe(NAMES[2]);
    expect(history.find((h: { type: string }) => h.type === 'QUESTIONS_FILED').payload.representative).toBe(NAMES[0]);
    expect(history.find((h: { type: string }) => h.type === 'REVIEW_APPROVED').payload.note).toBe(NAMES.join('\n'));

    // Straight from the database, bypassing the API's JSON.
    const res = await w.db.execute(sql`select payload->'roster' as roster from case_events where case_id = ${id} and type = 'IMPLEMENTATION_NOTICE_FILED'`);
    const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as Array<{ roster: Array<{ name: string }> | string }>;
    const stored = typeof rows[0]!.roster === 'string' ? JSON.parse(rows[0]!.roster) : rows[0]!.roster;
    expect(stored.map((r: { name: string }) => codePoints(r.name))).toEqual(NAMES.map(codePoints));
  });

  it('a name that is only spaces is refused; one with spaces around it is kept with them', async () => {
    const id = (await api.post('/api/cases', w.users.school.token, { procedure: 'skill-check', input: pay.skillCheckInput() })).body.id as string;
    const r = await api.post(`/api/cases/${id}/events`, w.users.school.token, { type: 'QUESTIONS_FILED', data: { ...pay.questionsFiled(), representative: '\u3000 ' } });
    expect(r.status).toBe(400);
    const ok = await api.post(`/api/cases/${id}/events`, w.users.school.token, { type: 'QUESTIONS_FILED', data: { ...pay.questionsFiled(), representative: NAMES[7] } });
    expect(ok.status).toBe(200);
    expect((await api.get(`/api/cases/${id}/history`, w.users.school.token)).body.history[1].payload.representative).toBe(NAMES[7]);
  });
});

describe('emails escape names and keep them exact', () => {
  it('HTML escapes markup; text and HTML keep compatibility ideographs and combining marks', () => {
    const hostile = NAMES[8]!;
    const out = render({
      template: 'received',
      payload: {
        procedure: 'skill-check',
        procedureTitle: '技能照査',
        caseId: '00000000-0000-4000-8000-000000000000',
        caseTitle: `${NAMES[0]} ${hostile}`,
        state: 'questionReview',
        stateLabel: '試験問題審査中',
        at: '2026-10-02T01:00:00.000Z',
        eventType: 'QUESTIONS_FILED',
        eventLabel: '技能照査試験問題等届出',
        form: '様式18-1',
        facts: [['訓練科（系・科）', `${NAMES[3]} ${hostile}`]],
        details: [`代表者名：${NAMES[0]}`],
      },
      recipientParty: 'hq',
      orgName: `${NAMES[1]} ${hostile}`,
      schoolName: `${NAMES[2]}${NAMES[5]} ${hostile}`,
      publicUrl: 'http://localhost:3000',
      now: new Date('2026-10-02T01:00:00Z'),
      uidDomain: 'example.test',
    });
    expect(out.html).not.toContain('<script>');
    expect(out.html).toContain('&lt;script&gt;');
    for (const n of NAMES.slice(0, 3)) {
      expect(out.text).toContain(n);
      expect(out.html).toContain(n);
    }
    expect(out.html).toContain(NAMES[5]);
    expect(out.subject).not.toMatch(/[\r\n]/);
  });
});
