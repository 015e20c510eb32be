/**
 * The durable outbox. Work that must happen after a request — e-mail, complaint forwarding,
 * webhooks — is written as a job in the same transaction as the change that causes it, so it is
 * never lost and never sent for a change that rolled back. A worker loop in each app process
 * claims due jobs (FOR UPDATE SKIP LOCKED, so N processes share the work), runs them, and retries
 * failures with exponential backoff and jitter; after the last attempt a job is `dead` and waits
 * for an admin to retry it. Handlers must be idempotent: a crash after the work but before the
 * job is marked done runs it again (forwarded complaints carry an idempotency key for this).
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/client.js';
import { jobs } from '../db/schema.js';

export interface NewJob {
  kind: string;
  payload: unknown;
  /** at most one job per key; enqueueing the same key again does nothing */
  key: string;
  runAt?: Date;
  maxAttempts?: number;
}

export async function enqueue(db: Db, job: NewJob): Promise<void> {
  await db
    .insert(jobs)
    .values({ kind: job.kind, payload: job.payload as object, idempotencyKey: job.key, runAt: job.runAt ?? new Date(), maxAttempts: job.maxAttempts ?? 8 })
    .onConflictDoNothing();
}

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  idempotencyKey: string;
}

export type JobHandler = (job: ClaimedJob) => Promise<void>;

/** A job whose handler failed in a way that retrying cannot fix. */
export class PermanentJobError extends Error {}

/** Delay before attempt n+1: 10 s, 20 s, 40 s … capped at 1 hour, ±30 % jitter. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.7 + 0.6 * random()));
}

const LEASE = sql`interval '5 minutes'`;

export async function claimJobs(db: Db, limit: number): Promise<ClaimedJob[]> {
  return rows<ClaimedJob>(
    db,
    sql`
      update jobs set status = 'running', attempts = attempts + 1, locked_until = now() + ${LEASE}
      where id in (
        select id from jobs
        where (status = 'pending' and run_at <= now()) or (status = 'running' and locked_until < now())
        order by run_at
        for update skip locked
        limit ${limit})
      returning id::int as id, kind, payload, attempts, max_attempts as "maxAttempts", idempotency_key as "idempotencyKey"`,
  );
}

async function finish(db: Db, job: ClaimedJob, error: unknown): Promise<void> {
  if (error === null) {
    await db.execute(sql`update jobs set status = 'done', done_at = now(), last_error = null, locked_until = null where id = ${job.id}`);
    return;
  }
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  const dead = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
  await db.execute(sql`
    update jobs set status = ${dead ? 'dead' : 'pending'}, last_error = ${message}, locked_until = null,
      run_at = now() + ${backoffMs(job.attempts)} * interval '1 millisecond'
    where id = ${job.id}`);
}

/** Runs due jobs once; returns how many ran. */
export async function runDueJobs(db: Db, handlers: Record<string, JobHandler>, onError: (job: ClaimedJob, error: unknown) => void, limit = 10): Promise<number> {
  const claimed = await claimJobs(db, limit);
  for (const job of claimed) {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new PermanentJobError(`no handler for job kind ${job.kind}`);
      await handler(job);
      await finish(db, job, null);
    } catch (error) {
      onError(job, error);
      await finish(db, job, error);
    }
  }
  return claimed.length;
}

/** Puts a dead job back in the queue (an admin's "retry"). */
export async function retryDeadJob(db: Db, id: number): Promise<boolean> {
  const updated = await rows<{ id: number }>(
    db,
    sql`update jobs set status = 'pending', attempts = 0, run_at = now(), last_error = null where id = ${id} and status = 'dead' returning id::int as id`,
  );
  return updated.length === 1;
}

export interface Worker {
  stop(): Promise<void>;
  /** runs the queue now instead of waiting for the next poll (tests, and after enqueueing) */
  poke(): void;
}

/** Polls for due jobs every `intervalMs` until stopped. */
export function startWorker(db: Db, handlers: Record<string, JobHandler>, log: { error(obj: object, msg: string): void }, intervalMs = 1000): Worker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    clearTimeout(timer);
    running = running
      .then(async () => {
        if (stopped) return;
        while ((await runDueJobs(db, handlers, (job, error) => log.error({ err: error, job: job.id, kind: job.kind }, 'job failed'))) > 0 && !stopped);
      })
      .catch((error: unknown) => log.error({ err: error }, 'job worker failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    poke: tick,
  };
}

