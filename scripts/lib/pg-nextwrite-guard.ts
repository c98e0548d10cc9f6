/**
 * Evidence for a proposed fix, not part of the product: preloaded into the server by
 * `CHAOS_GUARD=1 npm run chaos` to show the process survives PostgreSQL restarts once postgres.js's
 * uncaught `nextWrite` TypeError on a closed socket (porsager/postgres#1154, #1208; 3.4.9) is contained.
 * Any other uncaught exception still ends the process.
 */
process.on('uncaughtException', (err) => {
  if (err instanceof TypeError && /reading 'write'/.test(err.message) && /postgres\/src\/connection\.js/.test(err.stack ?? '')) {
    process.stderr.write(`${JSON.stringify({ level: 40, msg: 'postgres.js wrote to a closed socket (porsager/postgres#1154); contained' })}\n`);
    return;
  }
  process.stderr.write(`${err?.stack ?? String(err)}\n`);
  process.exit(1);
});
