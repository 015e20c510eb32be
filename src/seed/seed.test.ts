import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../db/client.js';
import { openTestDatabase, type TestDatabase } from '../../test/support/engines.js';
import { seed } from './index.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.dispose());

const count = async (query: ReturnType<typeof sql>) => (await rows<{ n: number }>(database.db, query))[0]?.n;

describe('reference and demo data', () => {
  it('holds the official geography: 77 provinces, 928 districts, 7,436 subdistricts', async () => {
    expect(await count(sql`select count(*)::int as n from provinces`)).toBe(77);
    expect(await count(sql`select count(*)::int as n from districts`)).toBe(928);
    expect(await count(sql`select count(*)::int as n from subdistricts`)).toBe(7436);
  });

  it('holds all 7,850 local governments: the DLA list and Bangkok', async () => {
    const kinds = await rows<{ kind: string; n: number }>(
      database.db,
      sql`select kind, count(*)::int as n from organisations
          where kind in ('pao','city_municipality','town_municipality','subdistrict_municipality','tao','pattaya','bangkok')
          group by kind order by kind`,
    );
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k.n]))).toEqual({
      bangkok: 1,
      city_municipality: 30,
      pao: 76,
      pattaya: 1,
      subdistrict_municipality: 2247,
      tao: 5300,
      town_municipality: 195,
    });
  });

  it('places every point inside Thailand, and marks those not from source coordinates unverified', async () => {
    expect(await count(sql`select count(*)::int as n from service_points where lat not between 5.5 and 20.5 or lng not between 97.3 and 105.7`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from service_points where pin_method = 'centroid' and verification <> 'unverified'`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from service_points where pin_method = 'source-data'`)).toBeGreaterThan(4000);
  });

  it('has a district office in every district outside Bangkok and a district office for every Bangkok khet', async () => {
    expect(await count(sql`select count(*)::int as n from organisations where kind = 'district_office'`)).toBe(878);
    expect(await count(sql`select count(*)::int as n from organisations where kind = 'bangkok_district_office'`)).toBe(50);
  });

  it('links at least 40 manuals, each with steps and documents', async () => {
    expect(await count(sql`select count(*)::int as n from manuals where exists (select 1 from point_manuals pm where pm.manual_id = manuals.id)`)).toBeGreaterThanOrEqual(40);
    expect(await count(sql`select count(*)::int as n from manuals m where not exists (select 1 from manual_steps s where s.manual_id = m.id)`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from manuals m where not exists (select 1 from manual_documents d where d.manual_id = m.id)`)).toBe(0);
  });

  it('mixes every Zero Copy state', async () => {
    const states = await rows<{ status: string }>(database.db, sql`select distinct status from zero_copy_statuses order by status`);
    expect(states.map((s) => s.status)).toEqual(['copy_by_office', 'copy_required', 'verified_at_source']);
  });

  it('leaves no orphan rows behind the bulk load (foreign keys were not checked row by row)', async () => {
    const orphans = await rows<{ n: number }>(
      database.db,
      sql`select (
        (select count(*) from point_manuals pm where not exists (select 1 from service_points p where p.id = pm.point_id)
                                                or not exists (select 1 from manuals m where m.id = pm.manual_id)) +
        (select count(*) from zero_copy_statuses z where not exists (select 1 from service_points p where p.id = z.point_id)
                                                   or not exists (select 1 from manual_documents d where d.id = z.document_id)) +
        (select count(*) from ratings r where not exists (select 1 from service_points p where p.id = r.point_id)) +
        (select count(*) from service_points p where not exists (select 1 from organisations o where o.id = p.organisation_id)) +
        (select count(*) from organisations o where o.parent_id is not null and not exists (select 1 from organisations q where q.id = o.parent_id))
      )::int as n`,
    );
    expect(orphans[0]?.n).toBe(0);
  });

  it('keeps the rollups equal to the counted ratings', async () => {
    const [totals] = await rows<{ ratings: number; daily: number; monthly: number }>(
      database.db,
      sql`select (select count(*)::int from ratings where counted) as ratings, (select sum(count)::int from rating_daily) as daily,
            (select sum(count)::int from rating_monthly) as monthly`,
    );
    expect(totals?.ratings).toBeGreaterThan(1000);
    expect(totals?.daily).toBe(totals?.ratings);
    expect(totals?.monthly).toBe(totals?.ratings);
  });

  it('is idempotent: a seeded database is left alone', async () => {
    const before = await count(sql`select count(*)::int as n from service_points`);
    expect(await seed(database.db)).toBe(false);
    expect(await count(sql`select count(*)::int as n from service_points`)).toBe(before);
  });
});
