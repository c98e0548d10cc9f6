/**
 * postgres.js 3.4.9 throws, outside any promise, from its socket handlers when PostgreSQL goes away at the
 * wrong moment:
 * - `Cannot read properties of null (reading 'write')` in `nextWrite`, a write queued on a closed socket
 *   (porsager/postgres#1154, #1208);
 * - `Cannot read properties of undefined (reading 'replace')` in `queryError`, a connection failing while it
 *   is being opened, whose start-up query has no origin (porsager/postgres#896).
 * Fixes are not released. Left alone they kill the server, so an outage would need a restart. This contains
 * exactly such errors (a TypeError raised inside postgres.js's connection.js: that connection is gone and
 * postgres.js opens a new one) and lets every other uncaught exception end the process as usual.
 */
const CONNECTION_JS = /[\\/]postgres[\\/](?:cjs[\\/])?src[\\/]connection\.js:\d+/;

export function isPostgresJsConnectionFault(err: unknown): boolean {
  if (!(err instanceof TypeError)) return false;
  // The frame that raised it, not one further down: a TypeError in our code called back from postgres.js is ours.
  const firstFrame = (err.stack ?? '').split('\n').find((line) => /^\s+at /.test(line)) ?? '';
  return CONNECTION_JS.test(firstFrame);
}

export function containPostgresJsConnectionFaults(onContained: (err: TypeError) => void): void {
  process.on('uncaughtException', (err) => {
    if (isPostgresJsConnectionFault(err)) {
      onContained(err as TypeError);
      return;
    }
    process.stderr.write(`${err?.stack ?? String(err)}\n`);
    process.exit(1);
  });
}
