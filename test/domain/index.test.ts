import { describe, expect, it } from 'vitest';
import * as domain from '../../src/domain/index.js';

describe('domain index', () => {
  it('re-exports every module', () => {
    for (const name of [
      'addMonths',
      'closedReason',
      'submitBy',
      'fiscalYearLabel',
      'formatWareki',
      'skillCheckResult',
      'skillCheckEligibility',
    ]) {
      expect(typeof (domain as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
