import { describe, expect, it } from 'vitest';
import { isPostgresJsConnectionFault } from '../../src/db/postgres-js-guard.js';

function typeErrorAt(message: string, frames: string[]): TypeError {
  const err = new TypeError(message);
  err.stack = [`TypeError: ${message}`, ...frames.map((f) => `    at ${f}`)].join('\n');
  return err;
}

describe('which uncaught errors the server survives', () => {
  it('a write to a closed socket inside postgres.js (porsager/postgres#1154)', () => {
    const err = typeErrorAt("Cannot read properties of null (reading 'write')", [
      'nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)',
      'Immediate.<anonymous> (node:internal/timers:483:21)',
    ]);
    expect(isPostgresJsConnectionFault(err)).toBe(true);
  });

  it('a connection failing while it opens, in the CommonJS build (porsager/postgres#896)', () => {
    const err = typeErrorAt("Cannot read properties of undefined (reading 'replace')", [
      'queryError (/app/node_modules/postgres/cjs/src/connection.js:404:47)',
      'errored (/app/node_modules/postgres/cjs/src/connection.js:393:17)',
      'Socket.error (/app/node_modules/postgres/cjs/src/connection.js:385:5)',
    ]);
    expect(isPostgresJsConnectionFault(err)).toBe(true);
  });

  it('not a TypeError of our own code, even when postgres.js called it', () => {
    const err = typeErrorAt("Cannot read properties of undefined (reading 'id')", [
      'toView (file:///app/src/engine/view.ts:40:12)',
      'handle (file:///app/node_modules/postgres/src/connection.js:500:10)',
    ]);
    expect(isPostgresJsConnectionFault(err)).toBe(false);
  });

  it('not other errors raised in postgres.js', () => {
    const err = new RangeError('Invalid array length');
    err.stack = 'RangeError: Invalid array length\n    at parse (file:///app/node_modules/postgres/src/connection.js:600:3)';
    expect(isPostgresJsConnectionFault(err)).toBe(false);
    expect(isPostgresJsConnectionFault('a string')).toBe(false);
  });
});
