/**
 * `npm run cli -- demo`: a small data set to explore the product: HQ, a regional centre, two schools, one
 * user per role and the example cases each definition provides, all created through the engine.
 */
import { defaultRegistry } from '../definitions/index.js';
import { manualClock, type Clock } from './clock.js';
import type { AnyProcedureDefinition, DemoCase } from '../definitions/types.js';
import { createScheduler } from './engine/scheduler.js';
import type { IsoDate } from './domain/dates.js';
import type { Db } from './db/client.js';
import { addOrganization, addUser } from './db/directory.js';
import { createEngine } from './engine/engine.js';
import { fiscalYearOf } from './domain/fiscal-year.js';
import { tokyoDate } from './domain/dates.js';
import { signInLinkFor } from './web/routes/sign-in.js';

/** Demo sign-in links last an hour (ordinary ones 15 minutes): time to start the server and open them. */
const DEMO_LINK_TTL_MS = 60 * 60_000;

export async function seedDemo({ db, clock, publicUrl }: { db: Db; clock: Clock; publicUrl: string }) {
  const now = clock.now();
  const suffix = now.getTime().toString(36);
  const hq = await addOrganization(db, { kind: 'hq', name: '産業労働局 雇用就業部 能力開発課 認定訓練担当' });
  const center = await addOrganization(db, { kind: 'center', name: '城南職業能力開発センター' });
  const schoolA = await addOrganization(db, { kind: 'school', name: '東京都機械加工職業訓練校', centerId: center.id });
  // The second school is a 職業訓練法人, so the demo shows what the manual sets for them.
  const schoolB = await addOrganization(db, { kind: 'school', name: '城南建築高等職業訓練校', centerId: center.id, trainingCorporation: true });
  const mk = (role: 'hq' | 'center' | 'school' | 'analyst' | 'admin', email: string, orgId?: string) =>
    addUser(db, { role, email: `${email}+${suffix}@demo.example`, orgId }, now).then((u) => ({ role, email: `${email}+${suffix}@demo.example`, orgId: orgId ?? null, ...u }));
  const users = [
    await mk('hq', 'hq', hq.id),
    await mk('center', 'center', center.id),
    await mk('school', 'school-a', schoolA.id),
    await mk('school', 'school-b', schoolB.id),
    await mk('analyst', 'analyst'),
    await mk('admin', 'admin'),
  ];
  const registry = defaultRegistry();
  // The demo's own clock walks through each example's days, so histories, timers and late filings are
  // dated as they would have been; timers due on the way fire as the scheduler would have fired them.
  const walk = manualClock(now);
  const engine = createEngine({ db, clock: walk, registry });
  const scheduler = createScheduler({ db, clock: walk, registry });
  const goTo = async (day?: IsoDate) => {
    walk.set(day ? `${day}T10:00:00+09:00` : now);
    while ((await scheduler.runOnce()) > 0);
  };
  const schools = [
    { userId: users[2]!.id, role: 'school' as const, orgId: schoolA.id },
    { userId: users[3]!.id, role: 'school' as const, orgId: schoolB.id },
  ];
  const office = { hq: { userId: users[0]!.id, role: 'hq' as const, orgId: hq.id }, center: { userId: users[1]!.id, role: 'center' as const, orgId: center.id } };
  const today = tokyoDate(now);
  const fiscalYear = fiscalYearOf(today);
  const seed = async (definition: AnyProcedureDefinition | undefined, example: DemoCase): Promise<string> => {
    if (!definition) throw new Error('a demo case links to an unregistered procedure');
    const input = { ...example.input };
    if (example.linked) input[example.linked.field] = await seed(registry.list().find((d) => d.id === example.linked!.procedure), example.linked.demo);
    const school = schools[example.school]!;
    const opener = !example.openedBy || example.openedBy === 'school' ? school : office[example.openedBy];
    if (opener !== school) input.schoolOrgId = school.orgId;
    await goTo(example.openedOn);
    const opened = await engine.createCase(opener, definition.id, input);
    for (const e of example.events) {
      await goTo(e.on);
      await engine.applyEvent(e.by === 'school' ? school : office[e.by], opened.id, { type: e.type, data: e.data });
    }
    return opened.id;
  };
  // Each definition brings its own example cases; the demo only opens and advances them.
  const caseIds: string[] = [];
  for (const definition of registry.list()) {
    for (const example of definition.demo?.({ today, fiscalYear }) ?? []) caseIds.push(await seed(definition, example));
  }
  // Up to today: what fell due since each example's last step.
  await goTo();
  const signInUrls = await Promise.all(users.map((u) => signInLinkFor(db, u.id, now, publicUrl, DEMO_LINK_TTL_MS)));
  return {
    publicUrl,
    organizations: { hq: hq.id, center: center.id, schools: [schoolA.id, schoolB.id] },
    users: users.map((u, i) => ({ role: u.role, email: u.email, orgId: u.orgId, id: u.id, token: u.token, signInUrl: signInUrls[i] })),
    cases: caseIds,
    hint: 'curl -H "Authorization: Bearer <token>" ' + publicUrl + '/api/cases',
    webHint: 'open a signInUrl in a browser (one-time, valid 60 minutes); later sign-ins: ' + publicUrl + '/sign-in (the link arrives by e-mail, or in DATA_DIR/mailbox without SMTP)',
  };
}
