/**
 * The figures the skill check and the completion exam count, on hand-counted cases driven through the real
 * machines (a makeup round and a revoked pass included): what each figure counts at each step of a case.
 */
import { describe, expect, it } from 'vitest';
import { completionExam } from '../../definitions/completion-exam/index.js';
import { skillCheck } from '../../definitions/skill-check/index.js';
import * as ce from '../machines/completion-exam-fixtures.js';
import * as sc from '../machines/skill-check-fixtures.js';

const scFigures = (s: sc.Snapshot) => skillCheck.statistics!.rows(s.context);
const ceFigures = (s: ce.Snapshot) => completionExam.statistics!.rows(s.context);

/** Six trainees: T1 passes; T2 fails the practical; T3 misses through an accident (makeup); T4 fails the written; T5 fails both; T6 is absent. */
const sixTrainees = [{ id: 'T1' }, { id: 'T2' }, { id: 'T3' }, { id: 'T4' }, { id: 'T5' }, { id: 'T6' }];
const results = () =>
  sc.ev(
    'RESULTS_RECORDED',
    sc.payload.results(
      sc.payload.sat('T1', 60), // 学科 64 / 実技 60: pass
      sc.payload.sat('T2', 59.5), // 64 / 59.5: fails the practical
      sc.payload.missed('T3', 'absent-accident'),
      sc.payload.sat('T4', 80, { correct: 50, wrong: 40, blank: 10 }), // 30 / 80: fails the written
      sc.payload.sat('T5', 50, { correct: 50, wrong: 40, blank: 10 }), // 30 / 50: fails both
      sc.payload.missed('T6', 'absent'),
    ),
    '2027-02-15',
  );
const toResults = () => [sc.E.questionsFiled(), sc.E.reviewApproved(), sc.E.notice(sc.D.noticeEffective, { trainees: sixTrainees }), results()];
const ROW = { family: '機械系', course: '機械加工科' };

describe('skill-check figures', () => {
  it('declares the figures with the manual’s words', () => {
    expect(skillCheck.statistics!.figures).toEqual([
      { key: 'examinees', label: '受検者数' },
      { key: 'passers', label: '合格者数' },
      { key: 'failedWritten', label: '学科試験不合格者数' },
      { key: 'failedPractical', label: '実技試験不合格者数' },
      { key: 'makeups', label: '追試験等の受検者数' },
      { key: 'revocations', label: '合格取消し者数' },
      { key: 'certificates', label: '合格証書交付数' },
    ]);
  });

  it('counts nothing before results are recorded', () => {
    expect(scFigures(sc.start())).toEqual([]);
    expect(scFigures(sc.reach('examScheduled'))).toEqual([]);
  });

  it('counts a makeup examinee once, a revoked pass as a revocation only, and certificates once delivered', () => {
    let s = sc.run(toResults());
    // Sat: T1, T2, T4, T5 (T3 missed through an accident, T6 absent).
    expect(scFigures(s)).toEqual([{ ...ROW, values: { examinees: 4, passers: 1, failedWritten: 2, failedPractical: 2, makeups: 0, revocations: 0, certificates: 0 } }]);

    s = sc.run([sc.E.makeupNotice('2027-02-26', ['T3']), sc.E.makeupResults()], s);
    // T3 sat the makeup (75 / 75) and passed: one more examinee, and a makeup; not counted twice.
    expect(scFigures(s)[0]!.values).toEqual({ examinees: 5, passers: 2, failedWritten: 2, failedPractical: 2, makeups: 1, revocations: 0, certificates: 0 });

    const numbered: [string, string][] = [['T1', '東京R8-0001'], ['T3', '東京R8-0002']];
    s = sc.run([sc.E.numbersRequested(), sc.E.numbersIssued(numbered), sc.E.application([['T1', '第1号'], ['T3', '第2号']]), sc.E.certified()], s);
    expect(s.value).toBe('delivering');
    expect(scFigures(s)[0]!.values.certificates).toBe(0);

    s = sc.run([sc.E.delivered()], s);
    expect(scFigures(s)[0]!.values).toMatchObject({ passers: 2, certificates: 2 });

    // T3 did not complete the training: the pass is revoked after delivery (manual III (15)).
    s = sc.run([sc.E.revoked('T3')], s);
    expect(s.value).toBe('delivered');
    expect(scFigures(s)).toEqual([{ ...ROW, values: { examinees: 5, passers: 1, failedWritten: 2, failedPractical: 2, makeups: 1, revocations: 1, certificates: 1 } }]);
  });

  it('a revocation before the numbers are asked for lowers the passers at once', () => {
    const s = sc.run([...toResults(), sc.E.revoked('T1', '2027-02-20')]);
    expect(scFigures(s)[0]!.values).toMatchObject({ examinees: 4, passers: 0, revocations: 1 });
  });

  it('a withdrawn case counts for nothing, even with results recorded', () => {
    expect(scFigures(sc.run([...toResults(), sc.E.withdrawn('2027-02-16')]))).toEqual([]);
  });

  it('abandoning the sitting through an accident, without a makeup, is not sitting it', () => {
    const s = sc.run([
      ...toResults().slice(0, 3),
      sc.ev('RESULTS_RECORDED', sc.payload.results(sc.payload.sat('T1', 60), sc.payload.missed('T2', 'abandoned-accident')), '2027-02-15'),
    ]);
    expect(scFigures(s)[0]!.values).toMatchObject({ examinees: 1, passers: 1, makeups: 0 });
  });

  it('writes the course as 系 and 科', () => {
    const s = sc.run(toResults(), sc.start({ ...sc.INPUT, course: { kei: '建築', ka: '建築', courseType: '普通課程' } }));
    expect(scFigures(s).map((r) => [r.family, r.course])).toEqual([['建築系', '建築科']]);
  });
});

describe('completion-exam figures', () => {
  it('declares the figures with the manual’s words', () => {
    expect(completionExam.statistics!.figures).toEqual([
      { key: 'examinees', label: '受検者数' },
      { key: 'passers', label: '合格者数' },
      { key: 'makeups', label: '追試験等の受検者数' },
      { key: 'revocations', label: '合格取消し者数' },
      { key: 'completers', label: '修了者数' },
    ]);
  });

  it('counts each examinee once on the latest sitting across two makeup rounds, and completers once delivered', () => {
    expect(ceFigures(ce.reach('examScheduled'))).toEqual([]);
    // T1 65 (pass), T2 64 (fail), T3 absent.
    let s = ce.reach('resultsRecorded');
    expect(ceFigures(s)).toEqual([{ ...ROW, values: { examinees: 2, passers: 1, makeups: 0, revocations: 0, completers: 0 } }]);

    // Round 1: T2 (after 12 hours of 補講) 80, T3 (absent before) 60.
    s = ce.run([ce.E.remedial('T2', 12), ce.E.makeup(['T2', 'T3']), ce.E.makeupResults([['T2', 80], ['T3', 60]])], s);
    expect(ceFigures(s)[0]!.values).toEqual({ examinees: 3, passers: 2, makeups: 2, revocations: 0, completers: 0 });

    // Round 2: T3 fails again (64): still one examinee and one makeup.
    s = ce.run([ce.E.remedial('T3', 12, '2027-03-08'), ce.E.makeup(['T3'], '2027-03-13', '2027-03-08'), ce.E.makeupResults([['T3', 64]], '2027-03-13')], s);
    expect(s.context.makeupRounds).toBe(2);
    expect(ceFigures(s)[0]!.values).toEqual({ examinees: 3, passers: 2, makeups: 2, revocations: 0, completers: 0 });

    const pairs: [string, string][] = [['T1', '第1号'], ['T2', '第2号']];
    s = ce.run(
      [
        ce.E.numbersRequested('2027-03-14'),
        ce.E.numbersIssued([['T1', '東京R8修-0001'], ['T2', '東京R8修-0002']], '2027-03-15'),
        ce.E.application(pairs, '2027-03-16', ce.D.delivery, 3),
        ce.E.certified(),
      ],
      s,
    );
    expect(ceFigures(s)[0]!.values.completers).toBe(0);
    s = ce.run([ce.E.delivered()], s);
    expect(s.value).toBe('delivered');
    expect(ceFigures(s)).toEqual([{ ...ROW, values: { examinees: 3, passers: 2, makeups: 2, revocations: 0, completers: 2 } }]);
  });

  it('an absentee who stays absent at the makeup is not an examinee', () => {
    const s = ce.run([ce.E.makeup(['T3']), ce.E.makeupResults([['T3', null]])], ce.reach('resultsRecorded'));
    expect(ceFigures(s)[0]!.values).toMatchObject({ examinees: 2, passers: 1, makeups: 0 });
  });

  it('a withdrawn case counts for nothing', () => {
    expect(ceFigures(ce.run([ce.E.withdrawn('2027-03-01')], ce.reach('resultsRecorded')))).toEqual([]);
  });
});
