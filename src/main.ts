/** Entry point of `npm start`. */
import { loadConfig } from './config.js';
import { startServer } from './server.js';

const running = await startServer(loadConfig(process.env));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.stop().then(() => process.exit(0));
  });
}
