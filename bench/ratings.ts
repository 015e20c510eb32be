/**
 * `npm run bench:ratings [-- --engines postgres,pglite --duration 10 --warmup 3 --connections 32]`
 *
 * Sustained accepted ratings per second through HTTP — the built app in its own process, the
 * rating form posted by autocannon as a phone posts it (CSRF token, a device cookie of its own per
 * request, no proof of work) — next to a raw single-row INSERT loop into `ratings` on the same
 * database in the same run (one connection, one autocommitted row at a time; on PostgreSQL also
 * with as many connections as the HTTP client uses, for context). Target: HTTP ≥ 50% of the raw
 * loop on PostgreSQL. Each engine gets a fresh database of 2,000 points (test/harness/rating-fixture.ts);
 * RATING_NETWORK_LIMITS=false because every request comes from 127.0.0.1. Afterwards the rollups
 * are checked against the counted ratings. Writes bench/results/ratings.md.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { rows, type Database } from '../src/db/client.js';
import { newDevice, openFormSession, ratingRequest } from '../test/harness/rating-client.js';
import { createRatingFixture, type Engine, type RatingFixture } from '../test/harness/rating-fixture.js';
import { percentile } from '../test/harness/latency.js';
import { startServer } from '../test/harness/server.js';

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'postgres,pglite' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    points: { type: 'string', default: '2000' },
    out: { type: 'string', default: 'bench/results/ratings.md' },
  },
});
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const points = Number(values.points);
const engines = values.engines.split(',').map((e) => e.trim()) as Engine[];
const log = (message: string) => process.stdout.write(`${message}\n`);

interface HttpResult {
  perSecond: number;
  accepted: number;
  other: string;
  medianMs: number;
  p99Ms: number;
}

interface EngineResult {
  engine: Engine;
  http: HttpResult;
  raw: number;
  /** PostgreSQL only: the raw loop on as many connections as the HTTP client */
  rawConcurrent: number | null;
  rollupsMatch: boolean;
  counted: number;
  load: [number, number];
}

// Raw rows are dated long ago and not counted, so they neither count towards the burst and spike
// windows of the HTTP ratings nor change the rollups.
const RAW_INSERT = `insert into ratings (point_id, created_at, day, channel, overall, ease, device_hash, network_hash, comment_status, counted, proof_of_work)
  values ($1, '2020-01-01T10:00:00+07:00', $2, 'qr', $3, $4, $5, $6, 'none', false, false)`;
const rawValues = (pointIds: number[], n: number) => [pointIds[n % pointIds.length], '2020-01-01', (n % 5) + 1, ((n * 3) % 5) + 1, `raw-device-${n}`, `raw-network-${n}`];

/** Single-row INSERTs, one after another, for `seconds`; rows per second. */
async function rawLoop(insert: (n: number) => Promise<unknown>, seconds: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let n = 0;
  while (performance.now() < end) await insert(n++);
  return n / seconds;
}

async function pointIdsOf(database: Database): Promise<number[]> {
  return (await rows<{ id: number }>(database.db, sql`select id from service_points order by id`)).map((r) => r.id);
}

async function rawRates(fixture: RatingFixture): Promise<{ raw: number; rawConcurrent: number | null }> {
  if (fixture.engine === 'pglite') {
    const database = await fixture.open();
    try {
      const pointIds = await pointIdsOf(database);
      const client = (database.db as unknown as { $client: { query(text: string, params: unknown[]): Promise<unknown> } }).$client;
      await rawLoop((n) => client.query(RAW_INSERT, rawValues(pointIds, n)), warmup);
      return { raw: await rawLoop((n) => client.query(RAW_INSERT, rawValues(pointIds, n)), duration), rawConcurrent: null };
    } finally {
      await database.close();
    }
  }
  const url = fixture.env.DATABASE_URL!;
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  try {
    const database = await fixture.open();
    const pointIds = await pointIdsOf(database).finally(() => database.close());
    const insert = (client: pg.Client, n: number) => client.query({ name: 'raw-rating', text: RAW_INSERT, values: rawValues(pointIds, n) });
    await rawLoop((n) => insert(clients[0]!, n), warmup);
    const raw = await rawLoop((n) => insert(clients[0]!, n), duration);
    let offset = 1_000_000;
    const perClient = await Promise.all(clients.map((client) => rawLoop((n) => insert(client, offset++ + n), duration)));
    return { raw, rawConcurrent: perClient.reduce((a, b) => a + b, 0) };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

async function httpRate(baseUrl: string, codes: string[], seconds: number): Promise<HttpResult> {
  const session = await openFormSession(baseUrl, codes[0]!);
  let n = 0;
  const statuses = new Map<number, number>();
  const latencies: number[] = [];
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const i = n++;
              const rating = ratingRequest(session, codes[i % codes.length]!, newDevice(), { overall: (i % 5) + 1, ease: ((i * 3) % 5) + 1 });
              return { ...request, method: 'POST', path: rating.path, headers: { ...request.headers, ...rating.headers }, body: rating.body };
            },
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolvePromise(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      if (statusCode === 303) latencies.push(responseTime);
    });
  });
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const accepted = statuses.get(303) ?? 0;
  const other = [...statuses].filter(([status]) => status !== 303).map(([status, count]) => `${count}× ${status}`);
  if (result.errors + result.timeouts > 0) other.push(`${result.errors + result.timeouts} errors`);
  return { perSecond: accepted / elapsed, accepted, other: other.join(', '), medianMs: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

async function benchEngine(engine: Engine): Promise<EngineResult> {
  log(`\n── ${engine}: a fresh database of ${points} points`);
  const loadBefore = loadavg()[0] ?? 0;
  const fixture = await createRatingFixture(engine, points);
  try {
    const { raw, rawConcurrent } = await rawRates(fixture);
    log(`   raw single-row INSERT loop, 1 connection: ${raw.toFixed(0)} rows/s`);
    if (rawConcurrent !== null) log(`   raw single-row INSERTs on ${connections} connections: ${rawConcurrent.toFixed(0)} rows/s`);

    const server = await startServer({
      command: [process.execPath, 'dist/server/src/main.js'],
      env: {
        ...fixture.env,
        NODE_ENV: 'test',
        // As production logs: one line per request (thrown away here).
        LOG_LEVEL: 'info',
        APP_SECRET: randomBytes(32).toString('hex'),
        PII_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        SEED_ON_START: 'false',
        DEMO_ACCOUNTS: 'false',
        RATING_NETWORK_LIMITS: 'false',
      },
      discardStdout: true,
      timeoutMs: 120_000,
    });
    let http: HttpResult;
    try {
      await httpRate(server.url, fixture.codes, warmup);
      http = await httpRate(server.url, fixture.codes, duration);
    } finally {
      await server.stop();
    }
    log(
      `   HTTP, ${connections} connections: ${http.perSecond.toFixed(0)} accepted ratings/s (median ${http.medianMs.toFixed(1)} ms, p99 ${http.p99Ms.toFixed(1)} ms)${http.other ? `; also ${http.other}` : ''}`,
    );
    log(`   ratio: ${((http.perSecond / raw) * 100).toFixed(0)}% of the raw loop`);

    const database = await fixture.open();
    try {
      const [check] = await rows<{ counted: number; pending: number; daily: number; monthly: number }>(
        database.db,
        sql`select (select count(*) from ratings where counted)::int as counted, (select count(*) from ratings where review_status = 'pending')::int as pending,
              (select coalesce(sum(count), 0) from rating_daily)::int as daily,
              (select coalesce(sum(count), 0) from rating_monthly)::int as monthly`,
      );
      const rollupsMatch = check!.counted === check!.daily && check!.counted === check!.monthly;
      log(`   rollups: ${check!.daily} (daily), ${check!.monthly} (monthly) for ${check!.counted} counted ratings — ${rollupsMatch ? 'exact' : 'MISMATCH'}; ${check!.pending} held as bursts`);
      return { engine, http, raw, rawConcurrent, rollupsMatch, counted: check!.counted, load: [loadBefore, loadavg()[0] ?? 0] };
    } finally {
      await database.close();
    }
  } finally {
    await fixture.dispose();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  log('building (npm run build)…');
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  const results: EngineResult[] = [];
  for (const engine of engines) results.push(await benchEngine(engine));

  const cpu = cpus();
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const postgres = results.find((r) => r.engine === 'postgres');
  const report = [
    '# Rating throughput',
    '',
    `Run ${new Date().toISOString()} on ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}, commit ${commit}; ${((performance.now() - started) / 1000).toFixed(0)} s in all.`,
    `HTTP: autocannon, ${connections} connections, ${warmup} s warm-up then ${duration} s, posting the rating form (CSRF token, a new device cookie per request, no proof of work) to the built app in its own process (request logging on); raw: single-row INSERTs into \`ratings\` on the same database, after a ${warmup} s warm-up. Client, app and database share the machine.`,
    '',
    '| engine | HTTP accepted ratings/s | median / p99 ms | raw INSERT loop rows/s (1 connection) | HTTP ÷ raw | raw on N connections | rollups = counted | load average before → after |',
    '|---|---:|---|---:|---:|---:|---|---|',
    ...results.map(
      (r) =>
        `| ${r.engine} | ${r.http.perSecond.toFixed(0)}${r.http.other ? ` (also ${r.http.other})` : ''} | ${r.http.medianMs.toFixed(1)} / ${r.http.p99Ms.toFixed(1)} | ${r.raw.toFixed(0)} | ${((r.http.perSecond / r.raw) * 100).toFixed(0)}% | ${r.rawConcurrent === null ? '—' : `${r.rawConcurrent.toFixed(0)} (N = ${connections})`} | ${r.rollupsMatch ? `yes (${r.counted})` : 'NO'} | ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)} |`,
    ),
    '',
    postgres
      ? `Target HTTP ≥ 50% of the raw loop on PostgreSQL: ${((postgres.http.perSecond / postgres.raw) * 100).toFixed(0)}% — ${postgres.http.perSecond >= postgres.raw * 0.5 ? 'met' : 'MISSED'}.`
      : 'Target HTTP ≥ 50% of the raw loop on PostgreSQL: not measured.',
    '',
  ].join('\n');
  log(`\n${report}`);
  const out = resolve(values.out);
  await mkdir(resolve(out, '..'), { recursive: true });
  await writeFile(out, report);
  log(`written to ${out}`);
  if (results.some((r) => !r.rollupsMatch)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
