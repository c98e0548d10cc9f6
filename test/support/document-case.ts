/**
 * One case of a procedure opened through the API in its own world, for the document tests: the clock, requests and
 * events as its school (or another token), and its PDFs read back with poppler (see pdf.ts).
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { appFor } from './http.js';
import { readPdf } from './pdf.js';
import { makeWorld, type World } from './world.js';

export interface DocumentCase {
  w: World;
  app: ReturnType<typeof appFor>;
  caseId: string;
  day: (iso: string, time?: string) => void;
  request: (path: string, token: string) => Promise<Response>;
  doc: (key: string) => string;
  pdf: (key: string, name: string, token?: string) => ReturnType<typeof readPdf>;
  /** An event the test expects to be accepted (200), with the refusal in the failure message otherwise. */
  send: (type: string, data: unknown, token?: string) => Promise<{ state?: string; error?: unknown }>;
}

export function useDocumentCase(opts: { now: string; openOn: string; procedure: string; input: unknown }, ready: (c: DocumentCase) => void) {
  let w: World | null = null;
  beforeAll(async () => {
    const world = await makeWorld(opts.now);
    w = world;
    const app = appFor(world);
    const request = (path: string, token: string) => Promise.resolve(app.request(path, { headers: { authorization: `Bearer ${token}` } }));
    const c: DocumentCase = {
      w: world,
      app,
      caseId: '',
      day: (iso, time = '10:00') => world.clock.set(`${iso}T${time}:00+09:00`),
      request,
      doc: (key) => `/api/cases/${c.caseId}/documents/${key}.pdf`,
      pdf: async (key, name, token = world.users.school.token) => readPdf(await request(c.doc(key), token), name),
      async send(type, data, token = world.users.school.token) {
        const res = await app.request(`/api/cases/${c.caseId}/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type, data }),
        });
        const body = (await res.json()) as { state?: string; error?: unknown };
        expect(res.status, `${type}: ${JSON.stringify(body.error)}`).toBe(200);
        return body;
      },
    };
    c.day(opts.openOn);
    const created = await app.request('/api/cases', {
      method: 'POST',
      headers: { authorization: `Bearer ${world.users.school.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ procedure: opts.procedure, input: opts.input }),
    });
    expect(created.status).toBe(201);
    c.caseId = ((await created.json()) as { id: string }).id;
    ready(c);
  }, 180_000);
  afterAll(async () => {
    await w?.database.close();
  });
}
