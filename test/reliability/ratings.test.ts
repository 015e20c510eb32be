/**
 * Issue 4, "must show" (1): a client sends 2,000 ratings concurrently to the real server process
 * while it is killed with SIGKILL and restarted (twice); afterwards every rating that was answered
 * with success is in the database exactly once, and the daily and monthly rollups hold exactly the
 * counted ratings — on PGlite and on PostgreSQL. Each rating comes from a device of its own; the
 * per-network rules are off (RATING_NETWORK_LIMITS=false, refused in production) because every
 * request comes from 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { isAccepted, newDevice, openFormSession, ratingRequest } from '../harness/rating-client.js';
import { createRatingFixture, type Engine } from '../harness/rating-fixture.js';
import { startServer, type RunningServer } from '../harness/server.js';

const TOTAL = 2000;
const CONCURRENCY = 48;
/** kill the server when this many ratings have been acknowledged */
const KILL_AFTER = [500, 1300];
const POINTS = 100;
const ENTRY = 'dist/server/src/main.js';

async function exited(pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(25);
  }
  throw new Error(`process ${pid} did not exit after SIGKILL`);
}

describe.each(['pglite', 'postgres'] as Engine[])('ratings on %s survive SIGKILL under load', (engine) => {
  it(`keeps each of ${TOTAL} acknowledged ratings exactly once, in the ratings and in both rollups`, async () => {
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run test:reliability\`, which builds first`);
    const fixture = await createRatingFixture(engine, POINTS);
    const env = {
      ...fixture.env,
      NODE_ENV: 'test',
      APP_SECRET: randomBytes(32).toString('hex'),
      PII_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      SEED_ON_START: 'false',
      DEMO_ACCOUNTS: 'false',
      RATING_NETWORK_LIMITS: 'false',
      LOG_LEVEL: 'warn',
    };
    const start = () => startServer({ command: [process.execPath, ENTRY], env, discardStdout: true, timeoutMs: 60_000 });
    let server: RunningServer = await start();
    const pids = [server.pid];
    try {
      const session = await openFormSession(server.url, fixture.codes[0]!);
      const marker = randomBytes(4).toString('hex');
      const accepted = new Set<string>();
      const answered = new Map<number, number>();
      let connectionErrors = 0;
      let ready: Promise<void> = Promise.resolve();
      let next = 0;
      let kills = 0;

      const restartIfDue = () => {
        if (kills >= KILL_AFTER.length || accepted.size < KILL_AFTER[kills]!) return;
        kills++;
        const victim = server;
        // New requests wait; those in flight die with the process.
        ready = (async () => {
          process.kill(victim.pid, 'SIGKILL');
          await exited(victim.pid);
          server = await start();
          pids.push(server.pid);
        })();
      };

      const worker = async () => {
        while (next < TOTAL) {
          const n = next++;
          await ready;
          const comment = `reliability ${marker} n${n}`;
          const request = ratingRequest(session, fixture.codes[n % POINTS]!, newDevice(), { overall: (n % 5) + 1, ease: ((n * 3) % 5) + 1, comment });
          try {
            const response = await fetch(server.url + request.path, {
              method: 'POST',
              headers: request.headers,
              body: request.body,
              redirect: 'manual',
              signal: AbortSignal.timeout(30_000),
            });
            await response.arrayBuffer();
            answered.set(response.status, (answered.get(response.status) ?? 0) + 1);
            if (isAccepted(response.status, response.headers.get('location'))) {
              accepted.add(comment);
              restartIfDue();
            }
          } catch {
            connectionErrors++;
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      await ready;
      await server.stop();

      // The kills happened under load: requests were in flight when the process died.
      expect(kills).toBe(KILL_AFTER.length);
      expect(new Set(pids).size).toBe(KILL_AFTER.length + 1);
      expect(connectionErrors).toBeGreaterThan(0);
      // Every answer the server gave was an acceptance; what failed, failed with the process.
      expect([...answered.keys()]).toEqual([303]);
      expect(accepted.size + connectionErrors).toBe(TOTAL);

      const database = await fixture.open();
      try {
        const stored = await rows<{ comment: string; n: number; counted: number }>(
          database.db,
          sql`select comment, count(*)::int as n, count(*) filter (where counted)::int as counted from ratings group by comment`,
        );
        const byComment = new Map(stored.map((row) => [row.comment, row]));
        const missing = [...accepted].filter((comment) => byComment.get(comment)?.n !== 1);
        expect(missing, 'acknowledged ratings missing or stored twice').toEqual([]);
        // Nothing else is there: at most the ratings whose answer the kill cut off.
        expect(stored.every((row) => row.n === 1 && row.comment.startsWith(`reliability ${marker} n`))).toBe(true);
        expect(stored.length - accepted.size).toBeLessThanOrEqual(connectionErrors);
        // Each from a device of its own, none a burst: all of them count.
        expect(stored.every((row) => row.counted === 1)).toBe(true);

        const [totals] = await rows<{ counted: number; sum: number; daily: number; dailySum: number; monthly: number; monthlySum: number }>(
          database.db,
          sql`select (select count(*) from ratings where counted)::int as counted,
                (select coalesce(sum(overall), 0) from ratings where counted)::int as sum,
                (select coalesce(sum(count), 0) from rating_daily)::int as daily,
                (select coalesce(sum(sum_overall), 0) from rating_daily)::int as "dailySum",
                (select coalesce(sum(count), 0) from rating_monthly)::int as monthly,
                (select coalesce(sum(sum_overall), 0) from rating_monthly)::int as "monthlySum"`,
        );
        expect(totals).toEqual({ counted: stored.length, sum: totals!.sum, daily: stored.length, dailySum: totals!.sum, monthly: stored.length, monthlySum: totals!.sum });
        const [perPoint] = await rows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from (
                select point_id, day, count(*)::int as c, sum(overall)::int as s, sum(ease)::int as e from ratings where counted group by point_id, day
              ) r full join rating_daily d using (point_id, day)
              where r.c is distinct from d.count or r.s is distinct from d.sum_overall
                 or r.e is distinct from (d.dimensions -> 'ease' ->> 0)::int`,
        );
        expect(perPoint!.n).toBe(0);
        process.stdout.write(
          `${engine}: ${accepted.size} acknowledged, ${connectionErrors} cut off by ${kills} SIGKILLs, ${stored.length} stored, rollups ${totals!.daily} (daily) = ${totals!.monthly} (monthly)\n`,
        );
      } finally {
        await database.close();
      }
    } finally {
      await server.stop();
      await fixture.dispose();
    }
  });
});
