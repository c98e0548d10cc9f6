import { describe, expect, it } from 'vitest';
import {
  completionExamResult,
  skillCheckResult,
  skillCheckWrittenScore,
  validateWrittenAnswers,
} from '../../src/domain/scoring.js';

describe('skillCheckWrittenScore', () => {
  it.each([
    [70, 12, 18, 64], // manual example
    [60, 0, 40, 60],
    [65, 11, 24, 59.5],
    [100, 0, 0, 100],
    [10, 40, 50, 0], // raw -10, clamped
  ])('%d correct, %d wrong, %d blank -> %d', (correct, wrong, blank, score) =>
    expect(skillCheckWrittenScore({ correct, wrong, blank })).toBe(score),
  );
});

describe('validateWrittenAnswers', () => {
  it('accepts a consistent sheet', () => {
    expect(validateWrittenAnswers({ correct: 70, wrong: 12, blank: 18 })).toBeNull();
    expect(validateWrittenAnswers({ correct: 30, wrong: 10, blank: 10 }, 50)).toBeNull();
  });
  it.each([
    [{ correct: -1, wrong: 50, blank: 51 }],
    [{ correct: 70.5, wrong: 12, blank: 17.5 }],
    [{ correct: 70, wrong: 12, blank: 17 }],
    [{ correct: Number.NaN, wrong: 0, blank: 100 }],
  ])('rejects %o', (a) => expect(validateWrittenAnswers(a)).toMatch(/./));
});

describe('skillCheckResult', () => {
  it('passes at exactly 60 / 60', () => {
    expect(skillCheckResult({ correct: 60, wrong: 0, blank: 40 }, 60)).toEqual({
      writtenScore: 60,
      practicalScore: 60,
      passed: true,
    });
  });
  it('fails at 59.5 written', () => {
    expect(skillCheckResult({ correct: 65, wrong: 11, blank: 24 }, 90).passed).toBe(false);
  });
  it('fails on practical below 60', () => {
    expect(skillCheckResult({ correct: 70, wrong: 12, blank: 18 }, 59).passed).toBe(false);
  });
  it('throws on inconsistent counts', () => {
    expect(() => skillCheckResult({ correct: 70, wrong: 12, blank: 17 }, 80)).toThrow(RangeError);
    expect(() => skillCheckResult({ correct: 70, wrong: 12, blank: 18 }, 101)).toThrow(RangeError);
  });
});

describe('completionExamResult', () => {
  it.each([
    [65, true],
    [64, false],
    [100, true],
    [0, false],
  ])('%d correct -> passed %s', (correct, passed) => expect(completionExamResult(correct)).toEqual({ score: correct, passed }));
  it('rejects out-of-range input', () => {
    expect(() => completionExamResult(101)).toThrow(RangeError);
    expect(() => completionExamResult(64.5)).toThrow(RangeError);
  });
});
