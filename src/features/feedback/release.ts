/**
 * Bringing held ratings (bursts) into the score when a supervisor releases them, under the same
 * rule as new ratings: one counted rating per device per point per Bangkok day
 * (`ratings_one_counted_per_device`). Of a device's ratings of a point that day — the one counted
 * now and those released — the newest counts and replaces the others; a kiosk rating, or one
 * without a device, simply counts. Both rollups change in the caller's transaction.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { countInRollups } from './rollups.js';

interface Candidate {
  id: number;
  counted: boolean;
  /** point|device|day, or null for a kiosk rating or one without a device */
  group: string | null;
  at: number;
}

/** Makes the given uncounted, unreplaced ratings count, replacing or replaced as the rule says. */
export async function countReleased(tx: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  // The released ratings, and the counted rating of the same device, point and day (locked).
  const found = await rows<{ id: number; counted: boolean; group: string | null; at: number }>(
    tx,
    sql`select r.id::float8 as id, r.counted,
          case when r.device_hash is null or r.channel = 'kiosk' then null else r.point_id || '|' || r.device_hash || '|' || r.day end as "group",
          extract(epoch from r.created_at)::float8 as at
        from ratings r
        where r.id in (${list})
           or (r.counted and r.channel <> 'kiosk' and (r.point_id, r.device_hash, r.day) in (
                 select point_id, device_hash, day from ratings where id in (${list}) and device_hash is not null and channel <> 'kiosk'))
        order by r.id
        for update`,
  );
  const groups = new Map<string, Candidate[]>();
  const entering: number[] = [];
  for (const rating of found) {
    if (rating.group === null) entering.push(rating.id);
    else groups.set(rating.group, [...(groups.get(rating.group) ?? []), rating]);
  }
  const replaced: { old: number; new: number }[] = [];
  const leaving: number[] = [];
  for (const candidates of groups.values()) {
    const newest = candidates.reduce((a, b) => (b.at > a.at || (b.at === a.at && b.id > a.id) ? b : a));
    for (const other of candidates) {
      if (other === newest) continue;
      replaced.push({ old: other.id, new: newest.id });
      if (other.counted) leaving.push(other.id);
    }
    if (!newest.counted) entering.push(newest.id);
  }
  // The replaced stop counting before the newest starts (the unique index), in both rollups.
  if (replaced.length > 0) {
    await countInRollups(tx, leaving, -1);
    await tx.execute(sql`update ratings r set counted = false, replaced_by = x.new
        from jsonb_to_recordset(${JSON.stringify(replaced)}::jsonb) as x(old bigint, new bigint) where r.id = x.old`);
  }
  if (entering.length > 0) {
    await tx.execute(sql`update ratings set counted = true where id in (${sql.join(
      entering.map((id) => sql`${id}`),
      sql`, `,
    )})`);
    await countInRollups(tx, entering, 1);
  }
}
