/** Entry point of `npm start`. */
import { loadConfig } from './config.js';
import { containPostgresJsConnectionFaults } from './db/postgres-js-guard.js';
import { createLogger } from './logger.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { startServer } from './server.js';

const config = loadConfig(process.env);
const logger = createLogger(config.LOG_LEVEL);
if (config.DATABASE_URL) {
  containPostgresJsConnectionFaults((err) => logger.warn({ fault: err.message }, 'postgres.js failed on a lost connection during a database outage; contained'));
}
const running = await startServer(config, { logger }).catch((err: unknown) => {
  // Another process owns the embedded database: say so plainly, without a stack trace.
  if (err instanceof DataDirLockedError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.stop().then(() => process.exit(0));
  });
}
