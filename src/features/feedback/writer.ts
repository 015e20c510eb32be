/**
 * Writes accepted ratings with group commit: requests that arrive while a batch is being written
 * wait and go together in the next one, so a busy minute costs a handful of transactions instead
 * of one per rating (bench/ratings.ts). Each batch is one transaction of four statements: read
 * what the rules need, mark the ratings being replaced, insert, and change both rollups
 * (`countInRollups`) — so a rating is in the rollups exactly when it is counted, whatever
 * crashes. A request is answered only after its batch committed.
 *
 * "One counted rating per device per point per day" is the unique index
 * `ratings_one_counted_per_device`: when two app nodes (or two batches) replace for the same
 * device at once, one insert fails. A failed batch is retried one rating at a time, and the retry
 * sees the other's rating and replaces it; so one bad rating never takes others down with it.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import { decideBatch, deviceKey, LIMITS, networkKey, type BatchFacts, type Candidate, type Decision } from './abuse.js';
import type { HeldReason } from './comment-checks.js';
import type { CheckedRating } from './input.js';
import { countInRollups, DIMENSIONS } from './rollups.js';

export interface RatingSubmission extends Candidate {
  rating: CheckedRating;
  heldReason: HeldReason | null;
  proofOfWork: boolean;
}

export interface RatingOutcome {
  id: number;
  counted: boolean;
  /** held out of the score until a supervisor reviews it */
  pending: boolean;
  /** it replaced the device's earlier rating of the point that day */
  replaced: boolean;
}

export interface RatingWriter {
  submit(submission: RatingSubmission): Promise<RatingOutcome>;
}

const MAX_BATCH = 250;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

interface Waiting {
  submission: RatingSubmission;
  resolve(outcome: RatingOutcome): void;
  reject(error: unknown): void;
}

async function readFacts(tx: Db, batch: RatingSubmission[]): Promise<{ facts: BatchFacts; ids: number[] }> {
  const keys = JSON.stringify(
    batch.map((s) => ({ p: s.pointId, n: s.networkHash, d: s.channel === 'kiosk' ? null : s.deviceHash, day: s.day })),
  );
  const found = await rows<{ kind: 'n' | 'p' | 'd' | 'i'; p: number | null; key: string | null; day: string | null; value: number | null; extra: number | null }>(
    tx,
    sql`with b as (select * from jsonb_to_recordset(${keys}::jsonb) as x(p int, n text, d text, day date))
        select 'n' as kind, p, n as key, null::text as day,
          (select count(*) from ratings r where r.point_id = nets.p and r.network_hash = nets.n
             and r.created_at > now() - make_interval(mins => ${LIMITS.burst.minutes}))::float8 as value, null::float8 as extra
        from (select distinct p, n from b) nets
        union all
        select 'p', p, null, null,
          (select count(*) from ratings r where r.point_id = pts.p and r.created_at > now() - make_interval(mins => ${LIMITS.spike.minutes}))::float8,
          (select coalesce(max(d.count), 0) from rating_daily d where d.point_id = pts.p
             and d.day > (select max(day) from b) - ${LIMITS.spike.historyDays}::int)::float8
        from (select distinct p from b) pts
        union all
        select 'd', p, d, day::text,
          (select max(r.id) from ratings r where r.point_id = devs.p and r.device_hash = devs.d and r.day = devs.day
             and r.counted and r.channel <> 'kiosk')::float8, null
        from (select distinct p, d, day from b where d is not null) devs
        union all
        select 'i', null, null, null, nextval('ratings_id_seq')::float8, null from generate_series(1, ${batch.length})`,
  );
  const facts: BatchFacts = { network: new Map(), point: new Map(), previous: new Map() };
  const ids: number[] = [];
  for (const row of found) {
    if (row.kind === 'n') facts.network.set(networkKey({ pointId: row.p!, networkHash: row.key! }), row.value!);
    else if (row.kind === 'p') facts.point.set(row.p!, { recent: row.value!, busiestDay: row.extra! });
    else if (row.kind === 'd' && row.value !== null) facts.previous.set(deviceKey({ pointId: row.p!, deviceHash: row.key!, day: row.day! }), row.value);
    else if (row.kind === 'i') ids.push(row.value!);
  }
  // nextval() hands out increasing numbers: the batch's ratings get them in arrival order.
  ids.sort((a, b) => a - b);
  return { facts, ids };
}

async function writeBatch(db: Db, batch: RatingSubmission[], networkRules: boolean): Promise<RatingOutcome[]> {
  return db.transaction(async (tx) => {
    const { facts, ids } = await readFacts(tx, batch);
    const decisions: Decision[] = decideBatch(batch, facts, networkRules);
    const replacedBy = new Map<number, number>();
    const storedReplaced: { old: number; new: number }[] = [];
    decisions.forEach((decision, index) => {
      const replaces = decision.replaces;
      if (replaces && 'inBatch' in replaces) replacedBy.set(replaces.inBatch, ids[index]!);
      if (replaces && 'stored' in replaces) storedReplaced.push({ old: replaces.stored, new: ids[index]! });
    });
    const records = batch.map((s, index) => {
      const decision = decisions[index]!;
      const comment = s.rating.comment;
      return {
        id: ids[index],
        point_id: s.pointId,
        day: s.day,
        channel: s.channel,
        overall: s.rating.overall,
        ...Object.fromEntries(DIMENSIONS.map((d) => [d, s.rating.scores[d] ?? null])),
        manual_id: s.rating.manualId,
        followed_manual: s.rating.followedManual,
        copy_demanded: s.rating.copyDemanded,
        comment,
        comment_status: comment === null ? 'none' : s.heldReason ? 'held' : 'published',
        held_reason: comment === null ? null : s.heldReason,
        device_hash: s.deviceHash,
        network_hash: s.networkHash,
        counted: decision.counted && !replacedBy.has(index),
        review_status: decision.pending ? 'pending' : null,
        replaced_by: replacedBy.get(index) ?? null,
        proof_of_work: s.proofOfWork,
      };
    });
    // The replaced ratings stop counting before their replacements are inserted (the unique index).
    let uncounted: number[] = [];
    if (storedReplaced.length > 0) {
      uncounted = (
        await rows<{ id: number }>(
          tx,
          sql`update ratings r set counted = false, replaced_by = x.new
              from jsonb_to_recordset(${JSON.stringify(storedReplaced)}::jsonb) as x(old bigint, new bigint)
              where r.id = x.old and r.counted
              returning r.id::float8 as id`,
        )
      ).map((row) => row.id);
    }
    await tx.execute(sql`
      insert into ratings (id, point_id, day, channel, overall, ease, timeliness, courtesy, fairness, facilities, outcome, trust,
                           manual_id, followed_manual, copy_demanded, comment, comment_status, held_reason,
                           device_hash, network_hash, counted, review_status, replaced_by, proof_of_work)
      select id, point_id, day, channel, overall, ease, timeliness, courtesy, fairness, facilities, outcome, trust,
             manual_id, followed_manual, copy_demanded, comment, comment_status, held_reason,
             device_hash, network_hash, counted, review_status, replaced_by, proof_of_work
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(
        id bigint, point_id int, day date, channel text, overall smallint, ease smallint, timeliness smallint, courtesy smallint,
        fairness smallint, facilities smallint, outcome smallint, trust smallint, manual_id int, followed_manual text,
        copy_demanded text, comment text, comment_status text, held_reason text, device_hash text, network_hash text,
        counted boolean, review_status text, replaced_by bigint, proof_of_work boolean)`);
    await countInRollups(
      tx,
      records.filter((r) => r.counted).map((r) => r.id!),
      1,
    );
    await countInRollups(tx, uncounted, -1);
    return records.map((record, index) => ({
      id: record.id!,
      counted: record.counted,
      pending: decisions[index]!.pending,
      replaced: decisions[index]!.replaces !== null,
    }));
  });
}

/**
 * One writer per app process and database. Up to `concurrentBatches` batches are written at once
 * (PostgreSQL works on one while another commits; PGlite queues transactions, so it gets one).
 */
export function createRatingWriter(db: Db, options: { networkRules: boolean; concurrentBatches: number }): RatingWriter {
  let queue: Waiting[] = [];
  let active = 0;

  async function write(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await writeBatch(
        db,
        batch.map((w) => w.submission),
        options.networkRules,
      );
      batch.forEach((w, i) => w.resolve(outcomes[i]!));
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else {
        for (const waiting of batch) {
          try {
            const [outcome] = await writeBatch(db, [waiting.submission], options.networkRules);
            waiting.resolve(outcome!);
          } catch (alone) {
            waiting.reject(alone);
          }
        }
      }
    }
  }

  async function drain(): Promise<void> {
    active++;
    try {
      // Let requests that have arrived meanwhile join: PGlite runs a whole transaction without
      // giving the event loop back, so without this pause every batch would hold one rating.
      await nextTurn();
      while (queue.length > 0) {
        const batch = queue.slice(0, MAX_BATCH);
        queue = queue.slice(batch.length);
        await write(batch);
        await nextTurn();
      }
    } finally {
      active--;
    }
  }

  return {
    submit(submission) {
      return new Promise<RatingOutcome>((resolve, reject) => {
        queue.push({ submission, resolve, reject });
        if (active < options.concurrentBatches) void drain();
      });
    },
  };
}
