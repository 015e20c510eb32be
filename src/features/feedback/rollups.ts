import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

export const DIMENSIONS = ['ease', 'timeliness', 'courtesy', 'fairness', 'facilities', 'outcome', 'trust'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Recomputes the per point per day rollups from the counted ratings (all points, or one).
 * Used by the seed and to repair; accepted ratings update the rollups incrementally.
 */
export async function rebuildDailyRollups(db: Db, pointId?: number): Promise<void> {
  const onlyPoint = pointId === undefined ? sql`true` : sql`point_id = ${pointId}`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from rating_daily where ${onlyPoint}`);
    await tx.execute(sql`
      insert into rating_daily (point_id, day, count, sum_overall, score_1, score_2, score_3, score_4, score_5, dimensions,
                                copy_demanded_yes, copy_demanded_no, followed_manual_yes, followed_manual_no)
      select point_id, day, count(*), sum(overall),
        count(*) filter (where overall = 1), count(*) filter (where overall = 2), count(*) filter (where overall = 3),
        count(*) filter (where overall = 4), count(*) filter (where overall = 5),
        jsonb_build_object(${sql.join(
          DIMENSIONS.map((d) => sql`${d}::text, jsonb_build_array(coalesce(sum(${sql.identifier(d)}), 0), count(${sql.identifier(d)}))`),
          sql`, `,
        )}),
        count(*) filter (where copy_demanded = 'yes'), count(*) filter (where copy_demanded = 'no'),
        count(*) filter (where followed_manual = 'yes'), count(*) filter (where followed_manual = 'no')
      from ratings
      where counted and ${onlyPoint}
      group by point_id, day`);
  });
}
