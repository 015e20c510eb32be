/**
 * One PostgreSQL dialect, two engines: PGlite in-process (embedded default) or PostgreSQL via `pg`
 * when DATABASE_URL is set. Everything above this module sees the same Drizzle `Db`.
 */
import { PGlite } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { fromRoot } from '../paths.js';
import { lockDataDir } from './data-dir-lock.js';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Engine = 'pglite' | 'postgres';

export const migrationsFolder = fromRoot('migrations');

export interface Database {
  db: Db;
  engine: Engine;
  /** applies the committed SQL migrations in `migrations/` */
  migrate(): Promise<void>;
  /** throws when the database does not answer */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Runs raw SQL and returns its rows, whichever engine answers. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export const pgliteExtensions = { cube, earthdistance, pg_trgm };

export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const unlock = inMemory ? () => undefined : lockDataDir(dataDir);
  try {
    const client = await PGlite.create(inMemory ? undefined : dataDir, {
      extensions: pgliteExtensions,
      ...(loadDataDir ? { loadDataDir } : {}),
    });
    const pgliteDb = drizzlePglite(client, { schema });
    return {
      db: pgliteDb as unknown as Db,
      engine: 'pglite',
      migrate: () => migratePglite(pgliteDb, { migrationsFolder }),
      ping: async () => {
        await client.query('select 1');
      },
      close: async () => {
        try {
          await client.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

export function openPostgres(connectionString: string, maxConnections = 10): Database {
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    engine: 'postgres',
    // N app nodes may start together: one migrates while the others wait on the advisory lock.
    migrate: async () => {
      const client = new pg.Client({ connectionString });
      await client.connect();
      try {
        await client.query(`select pg_advisory_lock(hashtext('citizeninfo:migrate'))`);
        await migratePg(drizzlePg(client), { migrationsFolder });
      } finally {
        await client.end();
      }
    },
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}

export async function openDatabase(options: { databaseUrl: string | null; dataDir: string }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}
