/**
 * A small, freshly migrated database for the rating reliability test and the rating benchmark:
 * one province, district and organisation, and `points` open service points with no ratings.
 * Seeding the full demo would take most of a minute on each engine; the rating path needs none of it.
 * PGlite gets a data directory (closed again, so the server process can take it); PostgreSQL a new
 * database beside the one TEST_DATABASE_URL names.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openPglite, openPostgres, rows, type Database, type Db } from '../../src/db/client.js';
import { derivedPublicCode } from '../../src/features/service-points/codes.js';
import { officeHours } from '../../src/features/service-points/hours.js';

export type Engine = 'pglite' | 'postgres';

export interface RatingFixture {
  engine: Engine;
  /** environment for the app server: DATABASE_URL or DATA_DIR */
  env: Record<string, string>;
  codes: string[];
  /** opens the database in this process (PGlite: only while no server holds the directory) */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

export const postgresBaseUrl = () => process.env.TEST_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres';

async function fill(db: Db, points: number): Promise<string[]> {
  const taken = new Set<string>();
  const codes = Array.from({ length: points }, (_, i) => derivedPublicCode(`rating-fixture-${i}`, taken));
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into provinces (code, name_th, name_en, lat, lng) values ('50', 'เชียงใหม่', 'Chiang Mai', 18.79, 98.98)`);
    await tx.execute(sql`insert into districts (code, province_code, name_th, name_en, kind, lat, lng) values ('5007', '50', 'แม่ริม', 'Mae Rim', 'amphoe', 18.91, 98.94)`);
    const [organisation] = await rows<{ id: number }>(
      tx,
      sql`insert into organisations (code, path, kind, name_th, province_code, district_code)
          values ('fixture-tao', '/', 'tao', 'องค์การบริหารส่วนตำบลทดสอบ', '50', '5007') returning id`,
    );
    await tx.execute(sql`update organisations set path = '/' || id || '/' where id = ${organisation!.id}`);
    await tx.execute(sql`
      insert into service_points (code, organisation_id, name_th, province_code, district_code, lat, lng, pin_method, hours, search_text)
      select code, ${organisation!.id}, 'จุดบริการทดสอบ ' || n, '50', '5007', 18.9 + n / 10000.0, 98.9, 'typed', ${JSON.stringify(officeHours({ lunchBreak: true, saturdayMorning: false }))}::jsonb, 'จุดบริการทดสอบ'
      from unnest(${`{${codes.join(',')}}`}::text[]) with ordinality as c(code, n)`);
  });
  return codes;
}

export async function createRatingFixture(engine: Engine, points: number): Promise<RatingFixture> {
  if (engine === 'pglite') {
    const dataDir = await mkdtemp(join(tmpdir(), 'citizeninfo-ratings-'));
    const database = await openPglite(dataDir);
    let codes: string[];
    try {
      await database.migrate();
      codes = await fill(database.db, points);
    } finally {
      await database.close();
    }
    return {
      engine,
      env: { DATABASE_URL: '', DATA_DIR: dataDir },
      codes,
      open: () => openPglite(dataDir),
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const base = postgresBaseUrl();
  const name = `citizeninfo_ratings_${randomBytes(5).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), 2);
  let codes: string[];
  try {
    await database.migrate();
    codes = await fill(database.db, points);
  } finally {
    await database.close();
  }
  return {
    engine,
    env: { DATABASE_URL: url.toString() },
    codes,
    open: async () => openPostgres(url.toString(), 2),
    dispose: () => admin(`drop database if exists ${name} with (force)`),
  };
}
