/**
 * The skill-check flow every scenario drives: 9 user events from question filing to delivery, each at a
 * clock time where its statutory rules pass. Cases advance phase by phase (one event type for all cases),
 * so the clock only moves between phases and guards stay deterministic.
 */
import { manualClock } from '../src/clock.js';
import { addOrganization, addUser, type Principal } from '../src/db/directory.js';
import type { Db } from '../src/db/client.js';
import type { Engine } from '../src/engine/engine.js';
import * as pay from '../test/support/skill-check-payloads.js';
import { pool } from './stats.js';

export const CREATED_AT = '2026-09-01T10:00:00+09:00';

export interface Step {
  type: string;
  at: string;
  role: 'school' | 'hq';
  data: Record<string, unknown>;
  /** The BPMN user task the peer signals for this step. */
  task: string;
}

const at = (d: string) => `${d}T10:00:00+09:00`;

export const FLOW: Step[] = [
  { type: 'QUESTIONS_FILED', at: at('2026-10-01'), role: 'school', data: pay.questionsFiled(), task: 'fileQuestions' },
  { type: 'REVIEW_APPROVED', at: at('2026-11-10'), role: 'hq', data: {}, task: 'review' },
  { type: 'IMPLEMENTATION_NOTICE_FILED', at: at('2027-01-08'), role: 'school', data: pay.implementationNotice('2027-02-15'), task: 'fileNotice' },
  { type: 'RESULTS_RECORDED', at: at('2027-02-16'), role: 'school', data: pay.results(), task: 'recordResults' },
  { type: 'CERT_NUMBERS_REQUESTED', at: at('2027-02-16'), role: 'school', data: {}, task: 'requestNumbers' },
  { type: 'CERT_NUMBERS_ISSUED', at: at('2027-02-17'), role: 'hq', data: { numbers: [{ traineeId: 'T1', tokyoNumber: '8-機-001' }] }, task: 'issueNumbers' },
  {
    type: 'CERT_APPLICATION_FILED',
    at: at('2027-02-18'),
    role: 'school',
    data: { representative: '甲野 乙男', deliveryDate: '2027-03-25', applicants: [{ traineeId: 'T1', schoolNumber: '第1号' }] },
    task: 'fileApplication',
  },
  { type: 'CERTIFIED', at: at('2027-03-15'), role: 'hq', data: { certifiedOn: '2027-03-15' }, task: 'certify' },
  { type: 'DELIVERED', at: at('2027-03-25'), role: 'school', data: { deliveredOn: '2027-03-25' }, task: 'deliver' },
];

export const caseInput = () => pay.skillCheckInput();

export interface Party {
  principal: Principal;
  token: string;
}

/** HQ, 3 centres and `schools` schools (spread over the centres), each with one user and API token. */
export async function seedDirectory(db: Db, schools: number, tag: string) {
  const now = new Date(CREATED_AT);
  const hqOrg = await addOrganization(db, { kind: 'hq', name: `能力開発課 ${tag}` });
  const centres = [];
  for (const name of ['城南', '城北', '多摩']) centres.push(await addOrganization(db, { kind: 'center', name: `${name}職業能力開発センター ${tag}` }));
  const user = async (role: Principal['role'], orgId: string, email: string): Promise<Party> => {
    const u = await addUser(db, { role, email, orgId }, now);
    return { principal: { userId: u.id, role, orgId }, token: u.token };
  };
  const hq = await user('hq', hqOrg.id, `hq-${tag}@bench.test`);
  const centreUsers = [];
  for (const [i, c] of centres.entries()) centreUsers.push(await user('center', c.id, `center${i}-${tag}@bench.test`));
  const schoolUsers: Party[] = [];
  for (let i = 0; i < schools; i++) {
    const s = await addOrganization(db, { kind: 'school', name: `職業訓練校${i} ${tag}`, centerId: centres[i % centres.length]!.id });
    schoolUsers.push(await user('school', s.id, `school${i}-${tag}@bench.test`));
  }
  // Schools of their own for the timer runs, so their cases are only the seeded ones.
  const timerSchools: Party[] = [];
  for (let i = 0; i < 2; i++) {
    const s = await addOrganization(db, { kind: 'school', name: `タイマー校${i} ${tag}`, centerId: centres[0]!.id });
    timerSchools.push(await user('school', s.id, `timers${i}-${tag}@bench.test`));
  }
  return { hq, centres: centreUsers, schools: schoolUsers, timerSchools };
}

export type Directory = Awaited<ReturnType<typeof seedDirectory>>;

export interface FlowCase {
  id: string;
  school: Party;
}

/** Opens `n` skill-check cases through the engine (setup, not timed), spread over the schools. */
export async function openCases(engine: Engine, clock: ReturnType<typeof manualClock>, dir: Directory, n: number): Promise<FlowCase[]> {
  clock.set(CREATED_AT);
  const out: FlowCase[] = [];
  await pool(
    Array.from({ length: n }, (_, i) => dir.schools[i % dir.schools.length]!),
    8,
    600_000,
    async (school) => {
      const c = await engine.createCase(school.principal, 'skill-check', caseInput());
      out.push({ id: c.id, school });
    },
  );
  return out;
}
