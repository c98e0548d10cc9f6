/**
 * What a procedure's end-to-end test does around its own script (on a world of smtp-world.ts): checks that the
 * procedure is served without shell code, and drives the cases day by day as the server would — the engine's
 * openings, the scheduler and the mail dispatcher each morning, the day's users at 10:00.
 */
import { expect } from 'vitest';
import { addDays, tokyoDate, type IsoDate } from '../../src/domain/dates.js';
import { createOpenings } from '../../src/engine/openings.js';
import { notifier } from '../notify/harness.js';
import type { Smtp } from '../notify/smtp.js';
import type { SmtpWorld } from './smtp-world.js';

/** The procedure is listed with its states, its event's schema is in the OpenAPI document, and its diagram is drawn. */
export async function expectServedWithoutShellCode(
  { t, api }: Pick<SmtpWorld, 't' | 'api'>,
  p: { procedure: string; states: string[]; event: string; eventText: string; diagramText: string },
) {
  const { school, analyst } = t.w.users;
  const def = await api.get(`/api/procedures/${p.procedure}`, school.token);
  expect(def.status).toBe(200);
  expect(def.body.states.map((s: { path: string }) => s.path)).toEqual(expect.arrayContaining(p.states));
  const doc = await api.get('/api/openapi.json', null);
  expect(JSON.stringify(doc.body.components.schemas[`${p.procedure}.${p.event}`])).toContain(p.eventText);
  const svg = await t.app.request(`/api/procedures/${p.procedure}/diagram.svg`, { headers: { authorization: `Bearer ${analyst.token}` } });
  expect(svg.status).toBe(200);
  expect(await svg.text()).toContain(p.diagramText);
}

/** The background parts a server runs, an event sender, and the day-by-day loop over them. */
export function driving({ t, api, mailer }: Pick<SmtpWorld, 't' | 'api' | 'mailer'>) {
  const { dispatcher } = notifier(t.w, mailer);
  const openings = createOpenings({ db: t.w.db, clock: t.w.clock, registry: t.w.registry, engine: t.w.engine });
  const at = (iso: string, time = '10:00') => t.w.clock.set(`${iso}T${time}:00+09:00`);
  const send = (caseId: string, token: string, type: string, data: unknown) => api.post(`/api/cases/${caseId}/events`, token, { type, data });

  /** From `from` to `to`: at 09:00 the openings, the scheduler, the dispatcher; at 10:00 the day's script, and the dispatcher again. */
  async function days(from: IsoDate, to: IsoDate, script: Record<string, () => Promise<void>>) {
    for (let d = from; d <= to; d = addDays(d, 1)) {
      at(d, '09:00');
      await openings.runOnce();
      await t.w.scheduler.runOnce();
      await dispatcher.runOnce();
      if (script[d]) {
        at(d);
        await script[d]!();
        await dispatcher.runOnce();
      }
    }
  }
  return { dispatcher, openings, at, send, days };
}

/** The mails received, one line each (Tokyo date, recipients, subject), sorted. */
export const mailLines = (mails: Smtp['received']) => mails.map((m) => `${tokyoDate(m.date)} ${m.to.join(',')} ${m.subject}`).sort();
