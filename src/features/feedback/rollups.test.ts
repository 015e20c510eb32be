import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { countInRollups, rebuildRollups } from './rollups.js';

let t: TestApp;
let pointId: number;

beforeAll(async () => {
  t = await createTestApp();
  [{ id: pointId }] = (await rows<{ id: number }>(t.app.db, sql`select id from service_points order by id limit 1`)) as [{ id: number }];
});
afterAll(() => t.close());

/** Both rollups of the point, as comparable text. */
async function snapshot(): Promise<{ daily: string[]; monthly: string[] }> {
  const daily = await rows<{ row: string }>(
    t.app.db,
    sql`select row(day, count, sum_overall, score_1, score_2, score_3, score_4, score_5, dimensions, copy_demanded_yes,
          copy_demanded_no, followed_manual_yes, followed_manual_no)::text as row
        from rating_daily where point_id = ${pointId} and count <> 0 order by day`,
  );
  const monthly = await rows<{ row: string }>(
    t.app.db,
    sql`select row(month, count, sum_overall, score_1, score_2, score_3, score_4, score_5, dimensions, copy_demanded_yes,
          copy_demanded_no, followed_manual_yes, followed_manual_no)::text as row
        from rating_monthly where point_id = ${pointId} and count <> 0 order by month`,
  );
  return { daily: daily.map((r) => r.row), monthly: monthly.map((r) => r.row) };
}

async function insertRatings(values: { day: string; overall: number; ease: number | null; copy: string | null }[]): Promise<number[]> {
  const inserted: number[] = [];
  for (const v of values) {
    const [row] = await rows<{ id: number }>(
      t.app.db,
      sql`insert into ratings (point_id, day, channel, overall, ease, copy_demanded, counted)
          values (${pointId}, ${v.day}::date, 'web', ${v.overall}, ${v.ease}, ${v.copy}, true) returning id`,
    );
    inserted.push(row!.id);
  }
  return inserted;
}

describe('rating rollups', () => {
  it('adding ratings one by one gives the same daily and monthly rows as rebuilding from scratch', async () => {
    const ids = await insertRatings([
      { day: '2026-03-31', overall: 5, ease: 4, copy: 'no' },
      { day: '2026-03-31', overall: 2, ease: null, copy: 'yes' },
      { day: '2026-04-01', overall: 4, ease: 5, copy: null },
      { day: '2026-04-15', overall: 1, ease: 1, copy: 'yes' },
    ]);
    for (const id of ids) await countInRollups(t.app.db, [id], 1);
    const incremental = await snapshot();
    await rebuildRollups(t.app.db, pointId);
    expect(incremental).toEqual(await snapshot());

    const april = incremental.monthly.find((row) => row.startsWith('(2026-04-01,'));
    expect(april).toBeDefined();
  });

  it('removing a rating takes exactly its share back out', async () => {
    await rebuildRollups(t.app.db, pointId);
    const before = await snapshot();
    const [id] = await insertRatings([{ day: '2026-04-15', overall: 3, ease: 2, copy: 'no' }]);
    await countInRollups(t.app.db, [id!], 1);
    expect(await snapshot()).not.toEqual(before);
    await countInRollups(t.app.db, [id!], -1);
    expect(await snapshot()).toEqual(before);
  });

  it('ignores an empty list', async () => {
    const before = await snapshot();
    await countInRollups(t.app.db, [], 1);
    expect(await snapshot()).toEqual(before);
  });
});
