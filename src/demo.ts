/**
 * `npm run cli -- demo`: a small data set to explore the product: HQ, a regional centre, two schools, one
 * user per role and skill-check cases in several states, all created through the engine.
 */
import { defaultRegistry } from '../definitions/index.js';
import type { Clock } from './clock.js';
import type { Db } from './db/client.js';
import { addOrganization, addUser } from './db/directory.js';
import { createEngine } from './engine/engine.js';
import { fiscalYearOf } from './domain/fiscal-year.js';
import { addMonths, tokyoDate } from './domain/dates.js';
import { signInLinkFor } from './web/routes/sign-in.js';

/** Demo sign-in links last an hour (ordinary ones 15 minutes): time to start the server and open them. */
const DEMO_LINK_TTL_MS = 60 * 60_000;

export async function seedDemo({ db, clock, publicUrl }: { db: Db; clock: Clock; publicUrl: string }) {
  const now = clock.now();
  const suffix = now.getTime().toString(36);
  const hq = await addOrganization(db, { kind: 'hq', name: '産業労働局 雇用就業部 能力開発課 認定訓練担当' });
  const center = await addOrganization(db, { kind: 'center', name: '城南職業能力開発センター' });
  const schoolA = await addOrganization(db, { kind: 'school', name: '東京都機械加工職業訓練校', centerId: center.id });
  const schoolB = await addOrganization(db, { kind: 'school', name: '城南建築高等職業訓練校', centerId: center.id });
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
  const engine = createEngine({ db, clock, registry: defaultRegistry() });
  const school = { userId: users[2]!.id, role: 'school' as const, orgId: schoolA.id };
  // Completion at the end of the fiscal year the demo runs in; exam six weeks before it.
  const fy = fiscalYearOf(tokyoDate(now));
  const completion = `${fy + 1}-03-19`;
  const exam = addMonths(completion, -1);
  const input = (ka: string) => ({
    course: { kei: '機械', ka, courseType: '普通課程' },
    fiscalYear: fy,
    trainingCompletionDate: completion,
    plannedExamDate: exam,
  });
  const drafting = await engine.createCase(school, 'skill-check', input('機械加工'));
  const review = await engine.createCase(school, 'skill-check', input('機械製図'));
  await engine.applyEvent(school, review.id, {
    type: 'QUESTIONS_FILED',
    data: {
      representative: '甲野 乙男',
      course: { kei: '機械', ka: '機械製図' },
      written: { mainQuestions: 100, spareQuestions: 10, subjects: ['製図', '材料'] },
      practical: { problem: '部品図の作成', tools: ['製図用具一式'], scoringGuide: '寸法記入と投影', criteria: '60点以上' },
    },
  });
  const preparing = await engine.createCase({ ...school, userId: users[3]!.id, orgId: schoolB.id }, 'skill-check', {
    ...input('建築'),
    course: { kei: '建築', ka: '建築', courseType: '普通課程' },
  });
  const signInUrls = await Promise.all(users.map((u) => signInLinkFor(db, u.id, now, publicUrl, DEMO_LINK_TTL_MS)));
  return {
    publicUrl,
    organizations: { hq: hq.id, center: center.id, schools: [schoolA.id, schoolB.id] },
    users: users.map((u, i) => ({ role: u.role, email: u.email, orgId: u.orgId, id: u.id, token: u.token, signInUrl: signInUrls[i] })),
    cases: [drafting.id, review.id, preparing.id],
    hint: 'curl -H "Authorization: Bearer <token>" ' + publicUrl + '/api/cases',
    webHint: 'open a signInUrl in a browser (one-time, valid 60 minutes); later sign-ins: ' + publicUrl + '/sign-in (the link arrives by e-mail, or in DATA_DIR/mailbox without SMTP)',
  };
}
