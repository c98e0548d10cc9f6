import { describe, expect, it } from 'vitest';
import { completionExamEligibility, skillCheckEligibility } from '../../src/domain/eligibility.js';

describe('skillCheckEligibility', () => {
  it('is eligible when every subject and the total reach 80%', () => {
    expect(
      skillCheckEligibility([
        { subject: '機械工作', plannedHours: 100, attendedHours: 80 },
        { subject: '安全衛生', plannedHours: 3, attendedHours: 2.4 },
      ]),
    ).toEqual({ eligible: true, reasons: [] });
  });

  it('fails on one subject even when the total is fine', () => {
    const r = skillCheckEligibility([
      { subject: '機械工作', plannedHours: 40, attendedHours: 30 },
      { subject: '製図', plannedHours: 200, attendedHours: 200 },
    ]);
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual(['科目「機械工作」の出席見込み 75.0% が 80% 未満']);
  });

  it('reports the total when it falls short', () => {
    const r = skillCheckEligibility([
      { subject: '機械工作', plannedHours: 100, attendedHours: 79 },
      { subject: '製図', plannedHours: 100, attendedHours: 80 },
    ]);
    expect(r.reasons).toEqual([
      '科目「機械工作」の出席見込み 79.0% が 80% 未満',
      '総訓練時間の出席見込み 79.5% が 80% 未満',
    ]);
  });

  it('never shows a failing ratio as 80.0%', () => {
    const r = skillCheckEligibility([{ subject: '製図', plannedHours: 10000, attendedHours: 7999 }]);
    expect(r.reasons[0]).toBe('科目「製図」の出席見込み 79.9% が 80% 未満');
  });

  it('is not eligible with no subjects', () => {
    expect(skillCheckEligibility([]).eligible).toBe(false);
  });
});

describe('completionExamEligibility', () => {
  it.each([
    [{ mode: 'classroom', plannedHours: 300, attendedHours: 240 }, true],
    [{ mode: 'classroom', plannedHours: 300, attendedHours: 239 }, false],
    [{ mode: 'classroom', plannedHours: 0, attendedHours: 0 }, false],
    [
      { mode: 'correspondence', assignmentsTotal: 10, assignmentsCorrected: 8, faceToFacePlannedHours: 20, faceToFaceAttendedHours: 16 },
      true,
    ],
    [
      { mode: 'correspondence', assignmentsTotal: 10, assignmentsCorrected: 7, faceToFacePlannedHours: 20, faceToFaceAttendedHours: 20 },
      false,
    ],
    [
      { mode: 'correspondence', assignmentsTotal: 10, assignmentsCorrected: 10, faceToFacePlannedHours: 20, faceToFaceAttendedHours: 15 },
      false,
    ],
  ] as const)('%o -> %s', (input, eligible) => expect(completionExamEligibility(input).eligible).toBe(eligible));

  it('explains a correspondence failure', () => {
    expect(
      completionExamEligibility({
        mode: 'correspondence',
        assignmentsTotal: 10,
        assignmentsCorrected: 7,
        faceToFacePlannedHours: 20,
        faceToFaceAttendedHours: 15,
      }).reasons,
    ).toEqual(['添削指導の提出見込み 70.0% が 80% 未満', '面接指導の出席見込み 75.0% が 80% 未満']);
  });
});
