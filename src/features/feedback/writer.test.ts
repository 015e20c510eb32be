import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createRatingWriter, type RatingSubmission } from './writer.js';

let t: TestApp;
let pointId: number;

beforeAll(async () => {
  t = await createTestApp();
  [{ id: pointId }] = (await rows<{ id: number }>(t.database.db, sql`select id from service_points where status = 'active' order by id desc limit 1`)) as [{ id: number }];
});
afterAll(() => t.close());

const submission = (n: number, manualId: number | null = null): RatingSubmission => ({
  pointId,
  day: '2026-11-22',
  channel: 'web',
  deviceHash: `device-${n}`,
  networkHash: `network-${n}`,
  rating: { overall: 4, scores: {}, manualId, followedManual: null, copyDemanded: null, comment: null },
  heldReason: null,
  proofOfWork: true,
});

const stored = async () => (await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ratings where point_id = ${pointId} and day = '2026-11-22'`))[0]!.n;

describe('the rating writer', () => {
  it('writes ratings that arrive together in one batch, each answered with its own outcome', async () => {
    const writer = createRatingWriter(t.database.db, { networkRules: true, concurrentBatches: 1 });
    const outcomes = await Promise.all([1, 2, 3].map((n) => writer.submit(submission(n))));
    expect(outcomes.map((o) => o.counted)).toEqual([true, true, true]);
    expect(new Set(outcomes.map((o) => o.id)).size).toBe(3);
    expect(outcomes[0]!.id).toBeLessThan(outcomes[2]!.id);
  });

  it('refuses only the rating that fails; the others of its batch are written', async () => {
    const writer = createRatingWriter(t.database.db, { networkRules: true, concurrentBatches: 1 });
    const results = await Promise.allSettled([writer.submit(submission(11)), writer.submit(submission(12, 999_999_999)), writer.submit(submission(13))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // 1, 2 and 3 before; 11 and 13 now.
    expect(await stored()).toBe(5);
    const [{ n: rollup }] = (await rows<{ n: number }>(t.database.db, sql`select count::int as n from rating_daily where point_id = ${pointId} and day = '2026-11-22'`)) as [{ n: number }];
    expect(rollup).toBe(5);
    // It keeps going afterwards.
    await expect(writer.submit(submission(14))).resolves.toMatchObject({ counted: true });
  });

  it('keeps one counted rating per device when two app nodes replace at once', async () => {
    const nodes = [1, 2].map(() => createRatingWriter(t.database.db, { networkRules: true, concurrentBatches: 2 }));
    await nodes[0]!.submit(submission(21));
    const again = await Promise.all([...nodes, ...nodes].map((node) => node.submit({ ...submission(21), rating: { ...submission(21).rating, overall: 2 } })));
    expect(again.every((outcome) => outcome.replaced)).toBe(true);
    const [device] = await rows<{ all: number; counted: number }>(
      t.database.db,
      sql`select count(*)::int as all, count(*) filter (where counted)::int as counted from ratings where device_hash = 'device-21'`,
    );
    expect(device).toEqual({ all: 5, counted: 1 });
    const [check] = await rows<{ counted: number; rollup: number }>(
      t.database.db,
      sql`select (select count(*) from ratings where point_id = ${pointId} and day = '2026-11-22' and counted)::int as counted,
            (select count from rating_daily where point_id = ${pointId} and day = '2026-11-22')::int as rollup`,
    );
    expect(check!.rollup).toBe(check!.counted);
    // The database itself refuses a second counted rating of the device that day.
    await expect(
      t.database.db.execute(sql`insert into ratings (point_id, day, channel, overall, device_hash, counted) values (${pointId}, '2026-11-22', 'qr', 5, 'device-21', true)`),
    ).rejects.toThrow();
  });
});
