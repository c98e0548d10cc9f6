/**
 * Development only (INSPECT=1): `npx tsx scripts/inspect-case.ts <caseId> [--with-data]` replays a case
 * into an actor watched by @statelyai/inspect's Stately inspector and prints where to watch it. Payloads and
 * context hold trainees' personal data, so they are left out unless --with-data is given.
 */
import { eq } from 'drizzle-orm';
import { createSkyInspector } from '@statelyai/inspect';
import { defaultRegistry } from '../definitions/index.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { cases } from '../src/db/schema.js';
import { loadSettings } from '../src/engine/settings.js';
import type { StoredSnapshot } from '../src/engine/snapshot.js';
import { historyWithActors } from '../src/web/queries.js';
import { replayCase } from '../src/diagrams/replay.js';

const config = loadConfig(process.env);
const [caseId, flag] = process.argv.slice(2);
if (!config.INSPECT) {
  process.stderr.write('inspection is a development tool: set INSPECT=1\n');
  process.exit(2);
}
if (!caseId) {
  process.stderr.write('usage: INSPECT=1 npx tsx scripts/inspect-case.ts <caseId> [--with-data]\n');
  process.exit(2);
}
const withData = flag === '--with-data';
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, viaServer: true });
const [row] = await database.db.select().from(cases).where(eq(cases.id, caseId));
if (!row) {
  process.stderr.write(`case ${caseId} not found\n`);
  process.exit(1);
}
const definition = defaultRegistry().get(row.procedure, row.definitionVersion)!;
const linkedId = definition.link?.caseIdOf((await historyWithActors(database.db, caseId))[0]?.payload);
const [linked] = linkedId ? await database.db.select().from(cases).where(eq(cases.id, linkedId)) : [];
const inspector = createSkyInspector({
  onerror: (err) => process.stderr.write(`inspector: ${err.message}\n`),
  ...(withData ? {} : { sanitizeContext: () => ({ redacted: true }), sanitizeEvent: (e) => ({ type: e.type }) }),
});
const { settingsOf } = await loadSettings(database.db, definition, row.fiscalYear);
const actor = replayCase(
  definition,
  { ...row, linkedCase: linked ? { id: linked.id, procedure: linked.procedure, state: linked.state, context: (linked.snapshot as StoredSnapshot).context } : null },
  (await historyWithActors(database.db, caseId)).map((h) => ({ ...h, actorUserId: null })),
  settingsOf,
  inspector.inspect,
);
process.stdout.write(`${JSON.stringify({ case: caseId, state: actor.getSnapshot().value, matchesDatabase: JSON.stringify(actor.getSnapshot().value) === JSON.stringify((row.snapshot as StoredSnapshot).value) })}\n`);
process.stdout.write('the inspector URL is printed above; press Ctrl-C to stop\n');
await database.close();
