import { describe, expect, it } from 'vitest';
import { stateKey, stateValueOf } from '../../src/engine/snapshot.js';

describe('stateValueOf is the inverse of stateKey', () => {
  it.each(['questionReview', 'suspended.upToDate', 'a.b.c', 'x.y,z.w'])('%s', (key) => {
    expect(stateKey(stateValueOf(key))).toBe(key);
  });
  it('builds XState values', () => {
    expect(stateValueOf('suspended.upToDate')).toEqual({ suspended: 'upToDate' });
    expect(stateValueOf('a.b.c')).toEqual({ a: { b: 'c' } });
  });
});
