/** A fresh PostgreSQL database with HQ, a centre, schools and one user per role, for fault-injection runs. */
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { systemClock } from '../../src/clock.js';
import { openDatabase } from '../../src/db/client.js';
import { addOrganization, addUser } from '../../src/db/directory.js';

export interface Seeded {
  url: string;
  name: string;
  tokens: { school: string[]; hq: string };
  drop(): Promise<void>;
}

export async function seedDatabase(adminUrl: string, prefix = 'swe_chaos'): Promise<Seeded> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 2 });
  try {
    await database.migrate();
    const { db } = database;
    const now = systemClock.now();
    const hq = await addOrganization(db, { kind: 'hq', name: '産業労働局 雇用就業部 能力開発課' });
    const center = await addOrganization(db, { kind: 'center', name: '城南職業能力開発センター' });
    const schools = [];
    for (let i = 0; i < 3; i++) schools.push(await addOrganization(db, { kind: 'school', name: `職業訓練校${i}`, centerId: center.id }));
    const school = [];
    for (const [i, s] of schools.entries()) school.push((await addUser(db, { role: 'school', email: `school${i}@example.test`, orgId: s.id }, now)).token);
    const hqUser = await addUser(db, { role: 'hq', email: 'hq@example.test', orgId: hq.id }, now);
    await addUser(db, { role: 'center', email: 'center@example.test', orgId: center.id }, now);
    return {
      url: url.toString(),
      name,
      tokens: { school, hq: hqUser.token },
      async drop() {
        const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
        await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await again.end();
      },
    };
  } finally {
    await database.close();
  }
}
