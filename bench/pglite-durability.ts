/**
 * `npx tsx bench/pglite-durability.ts [--inserts N] [--rounds N] [--dir PATH] [--postgres URL]`
 *
 * What PGlite's durability settings do on Node, and what they cost: single-row INSERT
 * transactions per second on a data directory on disk, for
 * - the default start (PGlite passes `-F`: fsync=off),
 * - fsync=on (PostgreSQL then calls fsync(), which PGlite's Node filesystem does not implement),
 * - fsync=on with wal_sync_method=open_datasync (the WAL is opened O_SYNC by Node: every commit
 *   waits for the disk).
 * With --postgres, the same on a PostgreSQL server (synchronous_commit on, real fsync) for scale.
 * Rounds alternate between the settings so machine noise falls on all of them alike.
 * docs/durability.md explains the results.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    inserts: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    dir: { type: 'string', default: tmpdir() },
    postgres: { type: 'string' },
  },
});
const inserts = Number(values.inserts);
const rounds = Number(values.rounds);

// PGlite replaces its whole default start parameters when given any, so start from them.
const defaults = (PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams;

interface Measurement {
  perSecond: number;
  /** the settings the database reports */
  shown: string;
}

async function timeInserts(insert: (value: string) => Promise<unknown>): Promise<number> {
  // Warm the code paths and the WAL file before timing.
  for (let i = 0; i < 200; i++) await insert(`warm ${i}`);
  const started = performance.now();
  for (let i = 0; i < inserts; i++) await insert(`row ${i}`);
  return inserts / ((performance.now() - started) / 1000);
}

async function measurePglite(startParams: string[] | undefined): Promise<Measurement> {
  const dir = await mkdtemp(join(values.dir, 'pglite-durability-'));
  const db = await PGlite.create(dir, startParams ? { startParams } : {});
  try {
    const settings = await db.query<{ name: string; setting: string }>(`select name, setting from pg_settings where name in ('fsync', 'wal_sync_method') order by name`);
    await db.exec('create table t (id serial primary key, v text not null)');
    const perSecond = await timeInserts((v) => db.query('insert into t (v) values ($1)', [v]));
    return { perSecond, shown: settings.rows.map((r) => `${r.name}=${r.setting}`).join(' ') };
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function measurePostgres(url: string): Promise<Measurement> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const settings = await client.query<{ name: string; setting: string }>(
      `select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'wal_sync_method') order by name`,
    );
    await client.query('create table pglite_durability_probe (id serial primary key, v text not null)');
    const perSecond = await timeInserts((v) => client.query('insert into pglite_durability_probe (v) values ($1)', [v]));
    return { perSecond, shown: settings.rows.map((r) => `${r.name}=${r.setting}`).join(' ') };
  } finally {
    await client.query('drop table if exists pglite_durability_probe');
    await client.end();
  }
}

const candidates: { name: string; run: () => Promise<Measurement> }[] = [
  { name: 'PGlite default (fsync=off)', run: () => measurePglite(undefined) },
  { name: 'PGlite fsync=on', run: () => measurePglite([...defaults, '-c', 'fsync=on']) },
  {
    name: 'PGlite fsync=on, wal_sync_method=open_datasync',
    run: () => measurePglite([...defaults, '-c', 'fsync=on', '-c', 'wal_sync_method=open_datasync']),
  },
];
const postgresUrl = values.postgres;
if (postgresUrl) candidates.push({ name: 'PostgreSQL server (for scale)', run: () => measurePostgres(postgresUrl) });

const results = new Map<string, { runs: number[]; shown: string }>();
for (let round = 1; round <= rounds; round++) {
  for (const candidate of candidates) {
    const { perSecond, shown } = await candidate.run();
    const entry = results.get(candidate.name) ?? { runs: [], shown };
    entry.runs.push(perSecond);
    results.set(candidate.name, entry);
    process.stdout.write(`round ${round}: ${candidate.name}: ${perSecond.toFixed(0)} transactions/s\n`);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
process.stdout.write(`\nsingle-row INSERT transactions per second, median of ${rounds} × ${inserts} (data directory under ${values.dir}):\n`);
for (const [name, { runs, shown }] of results) {
  process.stdout.write(`  ${name.padEnd(48)} ${median(runs).toFixed(0).padStart(6)}/s   (${shown})\n`);
}
