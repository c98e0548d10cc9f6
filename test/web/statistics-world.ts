/**
 * A hand-counted data set for the statistics pages, driven through the real engine with the machine tests'
 * events (each applied at its own instant on the injected clock). Skill check, 令和8年度 (2026):
 * - A 東京都機械職業訓練校 (城南) 機械系 機械加工科: six trainees, a makeup, delivered, then a pass revoked:
 *   examinees 5, passers 1, failedWritten 2, failedPractical 2, makeups 1, revocations 1, certificates 1 (done).
 * - B 城南建築職業訓練校 (城南) 建築系 建築科: results only (T1 pass, T2 fails the practical, T3 missed): 2 / 1 / 0 / 1.
 * - C 城北塗装職業訓練校 (城北): results, then withdrawn: no figures.
 * - D 東京都機械職業訓練校: questions under review: no figures.
 * - E 城北塗装職業訓練校 (城北) 電気系 電気工事科: T1 and T2 pass, T3 absent: 2 / 2.
 * - F 東京都機械職業訓練校, 令和7年度 (2025): results only — another year.
 * Completion exam, 2026: G (東京都機械職業訓練校) two makeup rounds and delivered: examinees 3, passers 2,
 * makeups 2, completers 2; H withdrawn after results: no figures.
 */
import type { Principal } from '../../src/db/directory.js';
import type { World } from '../support/world.js';
import * as ce from '../machines/completion-exam-fixtures.js';
import * as sc from '../machines/skill-check-fixtures.js';

type Ev = { type: string; data: unknown; at: string; actor: { role: string } };

async function drive(w: World, school: Principal, id: string, events: Ev[]) {
  for (const e of events) {
    w.clock.set(e.at);
    await w.engine.applyEvent(e.actor.role === 'hq' ? w.users.hq.principal : school, id, { type: e.type, data: e.data });
  }
}

async function skillCheck(w: World, school: Principal, input: Record<string, unknown>, events: Ev[]) {
  w.clock.set('2026-09-01T09:00:00+09:00');
  const c = await w.engine.createCase(school, 'skill-check', input);
  await drive(w, school, c.id, events);
  return c.id;
}

const six = [{ id: 'T1' }, { id: 'T2' }, { id: 'T3' }, { id: 'T4' }, { id: 'T5' }, { id: 'T6' }];
const sixResults = () =>
  sc.ev(
    'RESULTS_RECORDED',
    sc.payload.results(
      sc.payload.sat('T1', 60),
      sc.payload.sat('T2', 59.5),
      sc.payload.missed('T3', 'absent-accident'),
      sc.payload.sat('T4', 80, { correct: 50, wrong: 40, blank: 10 }),
      sc.payload.sat('T5', 50, { correct: 50, wrong: 40, blank: 10 }),
      sc.payload.missed('T6', 'absent'),
    ),
    '2027-02-15',
  );
const upToResults = () => [sc.E.questionsFiled(), sc.E.reviewApproved(), sc.E.notice()];
const course = (kei: string, ka: string) => ({ ...sc.INPUT, course: { kei, ka, courseType: '普通課程' } });

export async function seedStatistics(w: World) {
  const { school, neighbour, farSchool } = w.users;
  const ids: Record<string, string> = {};
  ids.A = await skillCheck(w, school.principal, { ...sc.INPUT }, [
    sc.E.questionsFiled(),
    sc.E.reviewApproved(),
    sc.E.notice(sc.D.noticeEffective, { trainees: six }),
    sixResults(),
    sc.E.makeupNotice('2027-02-26', ['T3']),
    sc.E.makeupResults(),
    sc.E.numbersRequested(),
    sc.E.numbersIssued([['T1', '東京R8-0001'], ['T3', '東京R8-0002']]),
    sc.E.application([['T1', '第1号'], ['T3', '第2号']]),
    sc.E.certified(),
    sc.E.delivered(),
    sc.E.revoked('T3'),
  ]);
  ids.B = await skillCheck(w, neighbour.principal, course('建築', '建築'), [...upToResults(), sc.E.results()]);
  ids.C = await skillCheck(w, farSchool.principal, { ...sc.INPUT }, [...upToResults(), sc.E.results(), sc.E.withdrawn('2027-02-16')]);
  ids.D = await skillCheck(w, school.principal, { ...sc.INPUT }, [sc.E.questionsFiled()]);
  ids.E = await skillCheck(w, farSchool.principal, course('電気', '電気工事'), [
    ...upToResults(),
    sc.ev('RESULTS_RECORDED', sc.payload.results(sc.payload.sat('T1', 60), sc.payload.sat('T2', 70), sc.payload.missed('T3', 'absent')), '2027-02-15'),
  ]);
  ids.F = await skillCheck(w, school.principal, { ...sc.INPUT, fiscalYear: 2025 }, [...upToResults(), sc.E.results()]);

  const exam = async (events: Ev[]) => {
    w.clock.set('2026-11-02T09:00:00+09:00');
    const c = await w.engine.createCase(school.principal, 'completion-exam', { ...ce.INPUT });
    await drive(w, school.principal, c.id, events);
    return c.id;
  };
  const toResults = [ce.E.questionsFiled(), ce.E.reviewApproved(), ce.E.questionsSent(), ce.E.results()];
  ids.G = await exam([
    ...toResults,
    ce.E.remedial('T2', 12),
    ce.E.makeup(['T2', 'T3']),
    ce.E.makeupResults([['T2', 80], ['T3', 60]]),
    ce.E.remedial('T3', 12, '2027-03-08'),
    ce.E.makeup(['T3'], '2027-03-13', '2027-03-08'),
    ce.E.makeupResults([['T3', 64]], '2027-03-13'),
    ce.E.numbersRequested('2027-03-14'),
    ce.E.numbersIssued([['T1', '東京R8修-0001'], ['T2', '東京R8修-0002']], '2027-03-15'),
    ce.E.application([['T1', '第1号'], ['T2', '第2号']], '2027-03-16', ce.D.delivery, 3),
    ce.E.certified(),
    ce.E.delivered(),
  ]);
  ids.H = await exam([...toResults, ce.E.withdrawn('2027-03-01')]);
  w.clock.set('2027-04-10T10:30:00+09:00');
  return ids;
}
