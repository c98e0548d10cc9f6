import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { InspectionEvent } from 'xstate';
import { cases } from '../../src/db/schema.js';
import { replayCase } from '../../src/diagrams/replay.js';
import { loadSettings } from '../../src/engine/settings.js';
import { historyWithActors } from '../../src/web/queries.js';
import { makeWorld, type World } from '../support/world.js';
import { caseIn } from '../web/fixtures.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld('2026-10-01T10:00:00+09:00');
});
afterAll(async () => {
  await w.database.close();
});

describe('replay for live inspection', () => {
  it('replays a case history into an inspected actor that ends in the stored state', async () => {
    const c = await caseIn(w, 'preparing');
    const [row] = await w.db.select().from(cases).where(eq(cases.id, c.id));
    const seen: InspectionEvent[] = [];
    const { settingsOf } = await loadSettings(w.db, w.registry.get(row!.procedure, row!.definitionVersion)!, row!.fiscalYear);
    const actor = replayCase(w.registry.get(row!.procedure, row!.definitionVersion)!, row!, await historyWithActors(w.db, c.id), settingsOf, (e) => seen.push(e));
    expect(actor.getSnapshot().value).toBe('preparing');
    expect(seen.filter((e) => e.type === '@xstate.event').map((e) => (e as { event: { type: string } }).event.type)).toEqual(
      expect.arrayContaining(['QUESTIONS_FILED', 'REVIEW_APPROVED']),
    );
    actor.stop();
  });
});
