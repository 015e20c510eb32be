/**
 * `npm run gen:national [-- --points N --ratings N]`: a national-size data set for the benchmarks,
 * in the database named by DATABASE_URL (PostgreSQL, created if missing) or DATA_DIR (PGlite).
 *
 * The real seed (geography, organisations, the demo's ~9,900 offices, the manual catalogue), then
 * generated branch offices and service counters spread over every real subdistrict until there
 * are N service points (default 100,000), their manual links by kind of organisation and Zero
 * Copy declarations, N ratings (default 5,000,000) spread unevenly over the points and the last
 * year, and the daily and monthly rollups. Bulk SQL throughout; deterministic; every stage records
 * itself in app_meta, so running again only does what is missing.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { insertInBatches, skipForeignKeyChecks, withIndexesDeferred } from '../src/db/batch.js';
import { openDatabase, rows, type Database, type Db } from '../src/db/client.js';
import { appMeta, servicePoints, type WeeklyHours } from '../src/db/schema.js';
import { rebuildRollups } from '../src/features/feedback/rollups.js';
import { readDistricts, readProvinces, readSubdistricts } from '../src/features/geography/reference.js';
import { linkDemoManuals } from '../src/features/manuals/seed.js';
import { derivedPublicCode } from '../src/features/service-points/codes.js';
import { officeHours } from '../src/features/service-points/hours.js';
import { pointSearchText } from '../src/features/service-points/search-text.js';
import { insertDemoZeroCopy } from '../src/features/zero-copy/seed.js';
import { hash32, jitter, pick, unit } from '../src/seed/deterministic.js';
import { seed } from '../src/seed/index.js';

const { values } = parseArgs({
  options: {
    points: { type: 'string', default: '100000' },
    ratings: { type: 'string', default: '5000000' },
  },
});
const targetPoints = Number(values.points);
const targetRatings = Number(values.ratings);
const RATING_BATCH = 500_000;

const log = (message: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

async function stage(name: string, work: () => Promise<void>): Promise<void> {
  const started = performance.now();
  log(`${name}…`);
  await work();
  log(`${name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Creates the PostgreSQL database of the URL when it does not exist yet. */
async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`use a plain lower-case database name, not "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`create database ${name}`);
      log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

async function marker(db: Db, key: string): Promise<number | null> {
  const [row] = await rows<{ value: string }>(db, sql`select value from app_meta where key = ${key}`);
  return row ? Number(row.value) : null;
}

async function setMarker(db: Db, key: string, value: number): Promise<void> {
  await db.insert(appMeta).values({ key, value: String(value) }).onConflictDoUpdate({ target: appMeta.key, set: { value: String(value) } });
}

async function count(db: Db, table: 'service_points' | 'ratings' | 'point_manuals' | 'zero_copy_statuses' | 'rating_daily' | 'rating_monthly'): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return Number(row?.n ?? 0);
}

// ─── Service points ─────────────────────────────────────────────────────────────────────────

interface Office {
  id: number;
  kind: string;
  nameTh: string;
  nameEn: string | null;
  districtCode: string;
}

/** Branches and counters that offices open beyond their head office, as they are named in Thailand. */
const BRANCHES: { th: (org: string, place: string, n: number) => string; en: (org: string, place: string, n: number) => string }[] = [
  { th: (org, _place, n) => `${org} จุดบริการหมู่ที่ ${n}`, en: (org, _place, n) => `${org} service point, village ${n}` },
  { th: (org, place) => `ศูนย์บริการประชาชน${org} สาขา${place}`, en: (org, place) => `${org} citizen service centre, ${place} branch` },
  { th: (org, place) => `หน่วยบริการเคลื่อนที่${org} ${place}`, en: (org, place) => `${org} mobile service unit, ${place}` },
  { th: (org, place) => `จุดรับชำระภาษีและค่าธรรมเนียม${org} ${place}`, en: (org, place) => `${org} tax and fee counter, ${place}` },
  { th: (org) => `ศูนย์ราชการสะดวก ${org}`, en: (org) => `${org} Government Easy Contact Centre` },
];

function branchHours(key: string): WeeklyHours {
  const roll = unit(key + ':hours');
  return officeHours({ lunchBreak: roll > 0.3, saturdayMorning: roll > 0.85 });
}

async function generatePoints(db: Db): Promise<void> {
  const existing = await count(db, 'service_points');
  const missing = targetPoints - existing;
  if (missing <= 0) {
    log(`service points: ${existing} already`);
    return;
  }
  const offices = await rows<Office>(
    db,
    sql`select o.id, o.kind, o.name_th as "nameTh", o.name_en as "nameEn", o.district_code as "districtCode"
        from organisations o
        where o.district_code is not null and exists (select 1 from service_points p where p.organisation_id = o.id)
        order by o.id`,
  );
  const officesByDistrict = new Map<string, Office[]>();
  for (const office of offices) officesByDistrict.set(office.districtCode, [...(officesByDistrict.get(office.districtCode) ?? []), office]);
  const provinces = new Map(readProvinces().map((p) => [p.code, p]));
  const districts = new Map(readDistricts().map((d) => [d.code, d]));
  // Every subdistrict gets branches in turn, in a fixed shuffled order.
  const subdistricts = readSubdistricts()
    .filter((s) => officesByDistrict.has(s.district_code))
    .sort((a, b) => hash32(a.code) - hash32(b.code));
  const taken = new Set((await rows<{ code: string }>(db, sql`select code from service_points`)).map((r) => r.code));

  const batch: (typeof servicePoints.$inferInsert)[] = [];
  const flush = async () => {
    await insertInBatches(db, servicePoints, batch.splice(0), 2000);
  };
  for (let i = 0; i < missing; i++) {
    const key = `national:${existing + i}`;
    const sub = subdistricts[i % subdistricts.length];
    if (!sub) throw new Error('no subdistricts to place points in');
    const district = districts.get(sub.district_code);
    const province = provinces.get(sub.province_code);
    const office = pick(officesByDistrict.get(sub.district_code) ?? [], key);
    if (!district || !province || !office) throw new Error(`subdistrict ${sub.code} has no district, province or office`);
    const bangkok = sub.province_code === '10';
    const placeTh = `${bangkok ? 'แขวง' : 'ตำบล'}${sub.name_th}`;
    const branch = pick(BRANCHES, key + ':branch');
    const village = 1 + (hash32(key + ':village') % 15);
    const at = jitter(sub.lat, sub.lon, 3000, key);
    const code = derivedPublicCode(key, taken);
    const nameTh = branch.th(office.nameTh, placeTh, village);
    const nameEn = branch.en(office.nameEn ?? office.nameTh, sub.name_en, village);
    batch.push({
      code,
      organisationId: office.id,
      nameTh,
      nameEn,
      addressTh: `${placeTh} ${bangkok ? 'เขต' : 'อำเภอ'}${district.name_th} ${bangkok ? 'กรุงเทพมหานคร' : `จังหวัด${province.name_th}`} ${sub.postal_code ?? ''}`.trim(),
      addressEn: `${sub.name_en}, ${district.name_en} District, ${province.name_en} ${sub.postal_code ?? ''}`.trim(),
      provinceCode: sub.province_code,
      districtCode: sub.district_code,
      subdistrictCode: sub.code,
      postalCode: sub.postal_code,
      lat: at.lat,
      lng: at.lng,
      pinAccuracyM: unit(key + ':gps') < 0.6 ? 15 : 500,
      pinMethod: unit(key + ':gps') < 0.6 ? 'gps' : 'map',
      verification: unit(key + ':verified') < 0.5 ? 'verified' : 'unverified',
      phones: [`0 ${String(hash32(key + ':phone') % 100_000_000).padStart(8, '0').replace(/^(\d{4})/, '$1 ')}`],
      hours: branchHours(key),
      manualsConfirmedAt: unit(key + ':confirmed') < 0.4 ? new Date(Date.UTC(2026, 0, 1) + (hash32(key) % 300) * 86_400_000) : null,
      searchText: pointSearchText({
        code,
        names: [nameTh, nameEn, office.nameTh, office.nameEn],
        places: [sub.name_th, sub.name_en, district.name_th, district.name_en, province.name_th, province.name_en, sub.postal_code],
      }),
    });
    if (batch.length === 10_000) {
      await flush();
      log(`  ${existing + i + 1} service points`);
    }
  }
  await flush();
}

// ─── Ratings ────────────────────────────────────────────────────────────────────────────────

const COMMENTS = [
  'เจ้าหน้าที่ให้บริการดี รวดเร็ว',
  'รอคิวนานไปหน่อยช่วงเช้า',
  'ไม่ต้องใช้สำเนาบัตรประชาชนแล้ว สะดวกมาก',
  'ที่จอดรถไม่พอ',
  'ขั้นตอนตรงตามคู่มือที่ประกาศไว้',
  'ยังขอสำเนาทะเบียนบ้านอยู่',
  'ป้ายบอกทางไม่ชัดเจน',
  'Quick and friendly service.',
];

const textArray = (items: string[]) => sql`(array[${sql.join(items.map((t) => sql`${t}`), sql`, `)}]::text[])`;

/**
 * Ratings number `from`..`to` of the generated series. Each number picks its point through a
 * skewed draw (busy offices get many more ratings than quiet ones), a minute in the last year,
 * and a score around the point's own level of service; 1 in 20 carries a comment.
 */
async function insertRatings(db: Db, from: number, to: number, points: number): Promise<void> {
  await db.execute(sql`
    insert into ratings (point_id, created_at, day, channel, overall, ease, timeliness, courtesy, fairness, facilities,
                         outcome, trust, copy_demanded, followed_manual, comment, comment_status, counted, proof_of_work)
    select bp.id, v.at, (v.at at time zone 'Asia/Bangkok')::date,
      (array['qr','qr','qr','web','kiosk'])[1 + (h.b % 5)::int],
      v.overall,
      case when h.c % 10 < 7 then greatest(1, least(5, v.overall + (h.c / 10 % 3)::int - 1)) end,
      case when h.c % 10 < 7 then greatest(1, least(5, v.overall + (h.c / 30 % 3)::int - 1)) end,
      case when h.c % 10 < 7 then greatest(1, least(5, v.overall + (h.c / 90 % 2)::int)) end,
      case when h.c % 10 < 6 then v.overall end,
      case when h.c % 10 < 6 then greatest(1, least(5, v.overall + (h.c / 270 % 3)::int - 1)) end,
      case when h.c % 10 < 8 then case when v.overall >= 3 then 5 else 2 end end,
      case when h.c % 10 < 5 then v.overall end,
      case when h.b % 7 < 5 then case when v.overall <= 2 and h.b % 3 = 0 then 'yes' else 'no' end end,
      case when h.b % 7 < 4 then case when v.overall <= 2 then 'no' else 'yes' end end,
      case when h.c % 20 = 0 then ${textArray(COMMENTS)}[1 + (h.c / 20 % ${COMMENTS.length})::int] end,
      case when h.c % 20 = 0 then 'published' else 'none' end,
      true, h.b % 4 = 0
    from generate_series(${from}::bigint, ${to}::bigint) g(n)
    cross join lateral (
      select hashint8extended(g.n, 1) & 9223372036854775807 as a,
             hashint8extended(g.n, 2) & 9223372036854775807 as b,
             hashint8extended(g.n, 3) & 9223372036854775807 as c
    ) h
    join bench_points bp on bp.rn = 1 + floor(${points} * power((h.a % 1000000) / 1000000.0, 1.7))::int
    cross join lateral (
      select now() - (h.b % 525600) * interval '1 minute' as at,
             greatest(1, least(5, round(bp.quality + ((h.c % 100) - 50) / 38.0)))::smallint as overall
    ) v`);
}

async function generateRatings(db: Db): Promise<void> {
  const existing = await count(db, 'ratings');
  if (existing >= targetRatings) {
    log(`ratings: ${existing} already`);
    return;
  }
  // Numbering continues after the ratings already generated, so a second run adds new ones.
  const generatedBefore = (await marker(db, 'national:ratings_generated')) ?? 0;
  const missing = targetRatings - existing;
  await db.transaction(async (tx) => {
    await skipForeignKeyChecks(tx);
    await tx.execute(sql`drop table if exists bench_points`);
    // Points in a fixed shuffled order, so the busiest ones are spread over the country.
    await tx.execute(sql`
      create temporary table bench_points on commit drop as
      select (row_number() over (order by hashtext(code), id))::int as rn, id,
             3.1 + (abs(hashtext(code || 'quality')) % 180) / 100.0 as quality
      from service_points where status = 'active'`);
    await tx.execute(sql`create unique index on bench_points (rn)`);
    const [{ n: points } = { n: 0 }] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from bench_points`);
    await withIndexesDeferred(tx, ['ratings'], async () => {
      for (let done = 0; done < missing; done += RATING_BATCH) {
        const from = generatedBefore + done + 1;
        const to = generatedBefore + Math.min(missing, done + RATING_BATCH);
        await insertRatings(tx, from, to, points);
        log(`  ${existing + Math.min(missing, done + RATING_BATCH)} ratings`);
      }
      log('  rebuilding the ratings indexes');
    });
    await setMarker(tx, 'national:ratings_generated', generatedBefore + missing);
  });
}

// ─── The run ────────────────────────────────────────────────────────────────────────────────

async function open(): Promise<Database> {
  const databaseUrl = process.env.DATABASE_URL?.trim() || null;
  const dataDir = process.env.DATA_DIR?.trim() || null;
  if (!databaseUrl && !dataDir) {
    throw new Error('Say where: DATABASE_URL=postgres://…/citizeninfo_national (PostgreSQL) or DATA_DIR=./data-national (PGlite)');
  }
  if (databaseUrl) await ensurePostgresDatabase(databaseUrl);
  log(databaseUrl ? `PostgreSQL ${new URL(databaseUrl).pathname.slice(1)}` : `PGlite in ${dataDir}`);
  return openDatabase({ databaseUrl, dataDir: dataDir ?? '' });
}

async function main(): Promise<void> {
  const started = performance.now();
  const database = await open();
  const db = database.db;
  try {
    await stage('migrations', () => database.migrate());
    await stage('seed (reference data and demo)', async () => {
      await seed(db, (message) => log(`  ${message}`));
    });
    const pointsDone = await marker(db, 'national:points');
    if (pointsDone === null || pointsDone < targetPoints) {
      // Idempotent by itself: it only adds the points that are missing.
      await stage(`service points up to ${targetPoints}`, () =>
        db.transaction(async (tx) => {
          await skipForeignKeyChecks(tx);
          await withIndexesDeferred(tx, ['service_points'], () => generatePoints(tx));
        }),
      );
      await stage('manual links and Zero Copy declarations of the new points', () =>
        db.transaction(async (tx) => {
          await skipForeignKeyChecks(tx);
          await withIndexesDeferred(tx, ['point_manuals', 'zero_copy_statuses'], async () => {
            await linkDemoManuals(tx);
            await insertDemoZeroCopy(tx);
          });
          await setMarker(tx, 'national:points', targetPoints);
        }),
      );
    }
    const ratingsDone = await marker(db, 'national:ratings');
    // A data set generated before the monthly rollup existed only needs its rollups rebuilt.
    const rollupsMissing = (await count(db, 'rating_monthly')) === 0;
    if (ratingsDone === null || ratingsDone < targetRatings || rollupsMissing) {
      if (ratingsDone === null || ratingsDone < targetRatings) await stage(`ratings up to ${targetRatings}`, () => generateRatings(db));
      await stage('rollups', () =>
        db.transaction(async (tx) => {
          // Millions of groups: a hash aggregate in memory instead of sorting on disk.
          await tx.execute(sql`set local work_mem = '256MB'`);
          await withIndexesDeferred(tx, ['rating_daily', 'rating_monthly'], () => rebuildRollups(tx));
        }),
      );
      await setMarker(db, 'national:ratings', targetRatings);
      await stage('vacuum and analyze', async () => {
        await db.execute(sql`vacuum analyze`);
      });
    }
    const counts = {
      service_points: await count(db, 'service_points'),
      point_manuals: await count(db, 'point_manuals'),
      zero_copy_statuses: await count(db, 'zero_copy_statuses'),
      ratings: await count(db, 'ratings'),
      rating_daily: await count(db, 'rating_daily'),
      rating_monthly: await count(db, 'rating_monthly'),
    };
    log(`national data set ready in ${((performance.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(counts)}`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
