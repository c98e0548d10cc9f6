/**
 * postgres.js 3.4.9 can throw, outside any promise, when PostgreSQL goes away while a write is queued:
 * `TypeError: Cannot read properties of null (reading 'write')` in connection.js `nextWrite`
 * (porsager/postgres#1154, #1208; fixes not released). Left alone it kills the server, so an outage would
 * need a restart. This contains exactly that error — the connection is already gone and postgres.js opens a
 * new one — and lets every other uncaught exception end the process as usual.
 */
export function isPostgresJsClosedSocketWrite(err: unknown): boolean {
  return (
    err instanceof TypeError &&
    /reading 'write'/.test(err.message) &&
    /postgres[\\/]src[\\/]connection\.js/.test(err.stack ?? '')
  );
}

export function containPostgresJsClosedSocketWrites(onContained: () => void): void {
  process.on('uncaughtException', (err) => {
    if (isPostgresJsClosedSocketWrite(err)) {
      onContained();
      return;
    }
    process.stderr.write(`${err?.stack ?? String(err)}\n`);
    process.exit(1);
  });
}
