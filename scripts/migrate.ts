/** `npm run db:migrate`: applies the committed migrations to the configured database. */
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';

const config = loadConfig();
const database = await openDatabase(config);
try {
  await database.migrate();
  process.stdout.write(`migrations applied (${database.engine})\n`);
} finally {
  await database.close();
}
