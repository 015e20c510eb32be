/** `npm run seed`: applies migrations, then seeds reference and demo data if the database has none. */
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { seed } from '../src/seed/index.js';

const config = loadConfig();
const database = await openDatabase(config);
try {
  await database.migrate();
  const seeded = await seed(database.db, (message) => process.stdout.write(`${message}\n`));
  process.stdout.write(seeded ? 'seeded\n' : 'already seeded: nothing to do\n');
} finally {
  await database.close();
}
