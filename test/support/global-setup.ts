import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';
import { openPglite, openPostgres } from '../../src/db/client.js';
import { seed } from '../../src/seed/index.js';
import { databaseUrlFor, pgliteTemplatePath, postgresTemplateName, testDatabaseUrl, withAdminClient } from './engines.js';

/** Builds the migrated and seeded template that every test file copies. */
export default async function setup(): Promise<() => Promise<void>> {
  process.env.TEST_RUN_ID = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const base = testDatabaseUrl();
  if (!base) {
    const database = await openPglite('memory://');
    await database.migrate();
    await seed(database.db);
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const path = pgliteTemplatePath();
    await writeFile(path, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
    await database.close();
    return () => rm(path, { force: true });
  }
  const name = postgresTemplateName();
  await withAdminClient((client) => client.query(`create database ${name}`));
  const database = openPostgres(databaseUrlFor(base, name), 2);
  await database.migrate();
  await seed(database.db);
  await database.close();
  return async () => {
    await withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`));
  };
}
