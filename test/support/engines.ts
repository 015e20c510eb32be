/**
 * Test databases: every test file gets its own clean database holding the migrated schema and the
 * seeded reference and demo data. The template is built once per run (global-setup.ts):
 * - PGlite (default): a data-directory tarball, loaded into a fresh in-memory PGlite;
 * - PostgreSQL (TEST_DATABASE_URL set): a template database, copied with CREATE DATABASE … TEMPLATE.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../../src/db/client.js';

// global-setup.ts sets TEST_RUN_ID before the test workers start, so all of them find the template.
const runId = () => process.env.TEST_RUN_ID ?? 'local';
export const pgliteTemplatePath = () => join(tmpdir(), `citizeninfo-test-template-${runId()}.tar`);
export const postgresTemplateName = () => `citizeninfo_tpl_${runId()}`;

export function testDatabaseUrl(): string | null {
  return process.env.TEST_DATABASE_URL?.trim() || null;
}

export function databaseUrlFor(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() ?? undefined });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase extends Database {
  /** closes and deletes the database */
  dispose(): Promise<void>;
  /** for PostgreSQL, the connection string of this database */
  url: string | null;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const base = testDatabaseUrl();
  if (!base) {
    const template = new Blob([await readFile(pgliteTemplatePath())]);
    const database = await openPglite('memory://', template);
    return { ...database, url: null, dispose: () => database.close() };
  }
  const name = `citizeninfo_t_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database ${name} template ${postgresTemplateName()}`));
  const url = databaseUrlFor(base, name);
  const database = openPostgres(url, 5);
  return {
    ...database,
    url,
    dispose: async () => {
      await database.close();
      await withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
