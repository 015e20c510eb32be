/**
 * The rollups reports and public pages read instead of the ratings: per point per Bangkok day
 * (`rating_daily`) and per point per calendar month (`rating_monthly`, so a year of one point is
 * twelve rows). Only counted ratings are in them. Accepted ratings change them in the same
 * transaction (`countInRollups`); the seed and repairs rebuild them (`rebuildRollups`).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

export const DIMENSIONS = ['ease', 'timeliness', 'courtesy', 'fairness', 'facilities', 'outcome', 'trust'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const SUM_COLUMNS = [
  'count',
  'sum_overall',
  'score_1',
  'score_2',
  'score_3',
  'score_4',
  'score_5',
  'copy_demanded_yes',
  'copy_demanded_no',
  'followed_manual_yes',
  'followed_manual_no',
] as const;
const COLUMN_LIST = sql.raw([...SUM_COLUMNS, 'dimensions'].join(', '));

/** The rollup columns aggregated from rows of `ratings`, each multiplied by `sign`. */
function aggregatesOfRatings(sign: 1 | -1): SQL {
  const s = sql.raw(String(sign));
  return sql`count(*) * ${s}, sum(overall) * ${s},
    count(*) filter (where overall = 1) * ${s}, count(*) filter (where overall = 2) * ${s},
    count(*) filter (where overall = 3) * ${s}, count(*) filter (where overall = 4) * ${s},
    count(*) filter (where overall = 5) * ${s},
    count(*) filter (where copy_demanded = 'yes') * ${s}, count(*) filter (where copy_demanded = 'no') * ${s},
    count(*) filter (where followed_manual = 'yes') * ${s}, count(*) filter (where followed_manual = 'no') * ${s},
    jsonb_build_object(${sql.join(
      DIMENSIONS.map((d) => sql`${d}::text, jsonb_build_array(coalesce(sum(${sql.identifier(d)}), 0) * ${s}, count(${sql.identifier(d)}) * ${s})`),
      sql`, `,
    )})`;
}

/** `[sum, count]` of one dimension in a rollup row's `dimensions`, 0 when absent. */
const dimensionPart = (column: SQL, dimension: Dimension, index: 0 | 1) =>
  sql`coalesce((${column} -> ${dimension}::text ->> ${sql.raw(String(index))})::bigint, 0)`;

/** Adds the `excluded` row to the stored one, column by column and dimension by dimension. */
function addExcluded(table: 'rating_daily' | 'rating_monthly'): SQL {
  const stored = sql.raw(`${table}.dimensions`);
  const incoming = sql.raw('excluded.dimensions');
  return sql.join(
    [
      ...SUM_COLUMNS.map((c) => sql.raw(`${c} = ${table}.${c} + excluded.${c}`)),
      sql`dimensions = jsonb_build_object(${sql.join(
        DIMENSIONS.map(
          (d) =>
            sql`${d}::text, jsonb_build_array(${dimensionPart(stored, d, 0)} + ${dimensionPart(incoming, d, 0)}, ${dimensionPart(stored, d, 1)} + ${dimensionPart(incoming, d, 1)})`,
        ),
        sql`, `,
      )})`,
    ],
    sql`, `,
  );
}

/**
 * Adds (sign 1) or removes (sign -1) the given ratings in both rollups. Call it in the transaction
 * that makes them counted or not counted, so that a rating is in the rollups exactly when it counts.
 */
export async function countInRollups(db: Db, ratingIds: number[], sign: 1 | -1): Promise<void> {
  if (ratingIds.length === 0) return;
  const ids = sql`(${sql.join(
    ratingIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
  // One statement for both rollups: on a busy server every round trip to the database counts.
  await db.execute(sql`
    with daily as (
      insert into rating_daily (point_id, day, ${COLUMN_LIST})
      select point_id, day, ${aggregatesOfRatings(sign)} from ratings where id in ${ids} group by point_id, day
      on conflict (point_id, day) do update set ${addExcluded('rating_daily')}
    )
    insert into rating_monthly (point_id, month, ${COLUMN_LIST})
    select point_id, date_trunc('month', day)::date, ${aggregatesOfRatings(sign)}
    from ratings where id in ${ids} group by point_id, date_trunc('month', day)::date
    on conflict (point_id, month) do update set ${addExcluded('rating_monthly')}`);
}

/** Recomputes both rollups from the counted ratings (all points, or one): for the seed and repairs. */
export async function rebuildRollups(db: Db, pointId?: number): Promise<void> {
  const onlyPoint = pointId === undefined ? sql`true` : sql`point_id = ${pointId}`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from rating_daily where ${onlyPoint}`);
    await tx.execute(sql`delete from rating_monthly where ${onlyPoint}`);
    await tx.execute(sql`
      insert into rating_daily (point_id, day, ${COLUMN_LIST})
      select point_id, day, ${aggregatesOfRatings(1)} from ratings where counted and ${onlyPoint} group by point_id, day`);
    await tx.execute(sql`
      insert into rating_monthly (point_id, month, ${COLUMN_LIST})
      select point_id, date_trunc('month', day)::date,
        ${sql.join(
          SUM_COLUMNS.map((c) => sql.raw(`sum(${c})`)),
          sql`, `,
        )},
        jsonb_build_object(${sql.join(
          DIMENSIONS.map(
            (d) =>
              sql`${d}::text, jsonb_build_array(sum(${dimensionPart(sql.raw('dimensions'), d, 0)}), sum(${dimensionPart(sql.raw('dimensions'), d, 1)}))`,
          ),
          sql`, `,
        )})
      from rating_daily where ${onlyPoint} group by point_id, date_trunc('month', day)::date`);
  });
}
