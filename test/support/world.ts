/** A small world for engine and HTTP tests: HQ, two centres, three schools, one user per role, a movable clock. */
import { defaultRegistry } from '../../definitions/index.js';
import { manualClock } from '../../src/clock.js';
import { addOrganization, addUser, type Principal } from '../../src/db/directory.js';
import { createEngine } from '../../src/engine/engine.js';
import { createScheduler } from '../../src/engine/scheduler.js';
import { freshDatabase } from './database.js';

export async function makeWorld(start = '2026-09-01T09:00:00+09:00', opts: { poolSize?: number } = {}) {
  const database = await freshDatabase(opts);
  const { db } = database;
  const clock = manualClock(start);
  const registry = defaultRegistry();
  const now = clock.now();
  const hq = await addOrganization(db, { kind: 'hq', name: '産業労働局 雇用就業部 能力開発課' });
  const center = await addOrganization(db, { kind: 'center', name: '城南職業能力開発センター' });
  const otherCenter = await addOrganization(db, { kind: 'center', name: '城北職業能力開発センター' });
  const school = await addOrganization(db, { kind: 'school', name: '東京都機械職業訓練校', centerId: center.id });
  const neighbour = await addOrganization(db, { kind: 'school', name: '城南建築職業訓練校', centerId: center.id });
  const farSchool = await addOrganization(db, { kind: 'school', name: '城北塗装職業訓練校', centerId: otherCenter.id });
  const user = async (role: Principal['role'], orgId: string | null, email: string) => {
    const u = await addUser(db, { role, email, orgId: orgId ?? undefined }, now);
    return { principal: { userId: u.id, role, orgId } as Principal, token: u.token };
  };
  const users = {
    hq: await user('hq', hq.id, 'hq@example.test'),
    center: await user('center', center.id, 'center@example.test'),
    otherCenter: await user('center', otherCenter.id, 'center2@example.test'),
    school: await user('school', school.id, 'school@example.test'),
    neighbour: await user('school', neighbour.id, 'neighbour@example.test'),
    farSchool: await user('school', farSchool.id, 'far@example.test'),
    analyst: await user('analyst', null, 'analyst@example.test'),
    admin: await user('admin', null, 'admin@example.test'),
  };
  const engine = createEngine({ db, clock, registry });
  const scheduler = createScheduler({ db, clock, registry });
  return { database, db, clock, registry, engine, scheduler, orgs: { hq, center, otherCenter, school, neighbour, farSchool }, users };
}

export type World = Awaited<ReturnType<typeof makeWorld>>;
