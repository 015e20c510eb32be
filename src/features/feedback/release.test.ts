import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { countReleased } from './release.js';
import { countInRollups } from './rollups.js';

let t: TestApp;
let pointId: number;
const day = '2026-10-01';

beforeAll(async () => {
  t = await createTestApp();
  [{ id: pointId }] = (await rows<{ id: number }>(t.database.db, sql`select id from service_points where status = 'active' order by id desc limit 1 offset 3`)) as [{ id: number }];
});
afterAll(() => t.close());

/** A rating of the point that day, `minutes` after midnight; counted ones enter the rollups. */
async function rating(device: string | null, minutes: number, overall: number, held: boolean, channel = 'qr'): Promise<number> {
  const [{ id }] = (await rows<{ id: number }>(
    t.database.db,
    sql`insert into ratings (point_id, created_at, day, channel, overall, device_hash, counted, review_status)
        values (${pointId}, ${day}::timestamptz + make_interval(mins => ${minutes}), ${day}, ${channel}, ${overall}, ${device}, ${!held}, ${held ? 'pending' : null})
        returning id::float8 as id`,
  )) as [{ id: number }];
  if (!held) await countInRollups(t.database.db, [id], 1);
  return id;
}

const state = async (id: number) =>
  (await rows<{ counted: boolean; replacedBy: number | null }>(t.database.db, sql`select counted, replaced_by::float8 as "replacedBy" from ratings where id = ${id}`))[0];

async function rollupMatches(): Promise<void> {
  const [row] = await rows<{ counted: number; sum: number; rollup: number; rollupSum: number }>(
    t.database.db,
    sql`select (select count(*) from ratings where point_id = ${pointId} and day = ${day} and counted)::int as counted,
          (select coalesce(sum(overall), 0) from ratings where point_id = ${pointId} and day = ${day} and counted)::int as sum,
          (select coalesce(count, 0) from rating_daily where point_id = ${pointId} and day = ${day})::int as rollup,
          (select coalesce(sum_overall, 0) from rating_daily where point_id = ${pointId} and day = ${day})::int as "rollupSum"`,
  );
  expect(row!.rollup).toBe(row!.counted);
  expect(row!.rollupSum).toBe(row!.sum);
}

async function release(ids: number[]): Promise<void> {
  await t.database.db.transaction(async (tx) => countReleased(tx, ids));
}

describe('releasing held ratings', () => {
  it('lets a released rating replace the same device’s older counted one', async () => {
    const counted = await rating('d1', 60, 5, false);
    const held = await rating('d1', 90, 1, true);
    await release([held]);
    expect(await state(counted)).toEqual({ counted: false, replacedBy: held });
    expect(await state(held)).toEqual({ counted: true, replacedBy: null });
    await rollupMatches();
  });

  it('keeps the device’s newer counted rating, the released one replaced by it', async () => {
    const held = await rating('d2', 60, 2, true);
    const counted = await rating('d2', 120, 4, false);
    await release([held]);
    expect(await state(held)).toEqual({ counted: false, replacedBy: counted });
    expect(await state(counted)).toEqual({ counted: true, replacedBy: null });
    await rollupMatches();
  });

  it('counts only the newest of one device’s ratings released together; kiosk ratings and those without a device all count', async () => {
    const first = await rating('d3', 10, 3, true);
    const second = await rating('d3', 20, 5, true);
    const kiosk = [await rating('tablet', 30, 4, true, 'kiosk'), await rating('tablet', 31, 4, true, 'kiosk')];
    const anonymous = await rating(null, 40, 2, true);
    await release([first, second, ...kiosk, anonymous]);
    expect(await state(first)).toEqual({ counted: false, replacedBy: second });
    expect(await state(second)).toEqual({ counted: true, replacedBy: null });
    for (const id of [...kiosk, anonymous]) expect(await state(id)).toEqual({ counted: true, replacedBy: null });
    await rollupMatches();
  });
});
