/** `npm run db:migrate`: applies the migrations to the configured database and exits. */
import { loadConfig } from '../config.js';
import { openDatabase } from './client.js';

const config = loadConfig(process.env);
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, viaServer: true });
await database.migrate();
await database.close();
console.log(JSON.stringify({ migrated: true, driver: database.driver }));
