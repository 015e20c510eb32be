/**
 * `npm run bench [-- --engines postgres,pglite --duration 10 --connections 8]`
 *
 * Starts the application (bench/server.ts) against the national data set of `npm run gen:national`
 * on each engine, and measures with autocannon, under the same concurrent load and on the same
 * machine in the same run: text search, near-me, the point page, and two ceilings — a bare
 * Fastify route and a route doing one primary-key SELECT through the same pool. Then the first
 * and a later start of `npm start`, and the bytes of citizen pages at 360 px. Prints a table and
 * writes bench/results/latest.md.
 *
 * Where: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/citizeninfo_national) and
 * BENCH_DATA_DIR (default data/national), as made by
 *   DATABASE_URL=… npm run gen:national   and   DATA_DIR=data/national npm run gen:national
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { readSubdistricts } from '../src/features/geography/reference.js';
import { launchBrowser } from '../test/harness/browser.js';
import { kilobytes, PAGE_BUDGET_BYTES, weighPage } from '../test/harness/page-weight.js';
import { summariseLatencies, type LoadResult } from '../test/harness/latency.js';
import { productionEnv, startServer, type RunningServer } from '../test/harness/server.js';

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: 'postgres,pglite' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
    'skip-start': { type: 'boolean', default: false },
    'skip-pages': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/latest.md' },
  },
});
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const engines = values.engines.split(',').map((e) => e.trim()) as ('postgres' | 'pglite')[];
const postgresUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/citizeninfo_national';
const pgliteDir = resolve(process.env.BENCH_DATA_DIR || 'data/national');
const TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

const log = (message: string) => process.stdout.write(`${message}\n`);

/** A mix of what citizens type: services, places, abbreviations, and both together. */
const QUERIES = [
  'ทะเบียนบ้าน',
  'บัตรประชาชน',
  'ทำบัตรประชาชน',
  'ขออนุญาตก่อสร้าง',
  'ภาษีที่ดิน',
  'เบี้ยยังชีพผู้สูงอายุ',
  'จดทะเบียนพาณิชย์',
  'ใบขับขี่',
  'เชียงใหม่',
  'หาดใหญ่',
  'อบต. บางพลี',
  'ทะเบียนบ้าน ขอนแก่น',
  'แจ้งเกิด นครราชสีมา',
  'เทศบาลนครภูเก็ต',
  'ประกันสังคม อุดรธานี',
  'ที่ว่าการอำเภอเมือง',
];

interface Scenario {
  name: string;
  /** the route as the table shows it */
  route: string;
  next: () => string;
}

interface EngineResult {
  engine: 'postgres' | 'pglite';
  dataset: { points: number; ratings: number };
  /** the machine's 1-minute load average before and after this engine's runs */
  load: [number, number];
  results: (LoadResult & { scenario: Scenario })[];
}

function randomOf<T>(items: T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

/** Random places people stand in: a real subdistrict's centre, moved by up to ~5 km. */
function nearMePaths(): () => string {
  const places = readSubdistricts();
  return () => {
    const place = randomOf(places);
    const lat = (place.lat + (Math.random() - 0.5) * 0.09).toFixed(5);
    const lng = (place.lon + (Math.random() - 0.5) * 0.09).toFixed(5);
    return `/api/v1/service-points?near=${lat},${lng}&radius=10000&pageSize=20`;
  };
}

async function load(server: RunningServer, scenario: Scenario, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        connections,
        // As browsers ask: the answers are compressed, and compression is part of their cost.
        headers: { 'accept-encoding': 'gzip, deflate, br' },
        duration: seconds,
        requests: [
          {
            setupRequest: (request) => {
              request.path = scenario.next();
              return request;
            },
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolvePromise(finished)),
    );
    // autocannon's own histogram keeps whole milliseconds; the raw times keep the fractions.
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const elapsed = (performance.now() - started) / 1000;
  return summariseLatencies({ latencies, statuses, elapsedSeconds: elapsed, errors: result.errors + result.timeouts });
}

async function sample(server: RunningServer): Promise<{ codes: string[]; min: number; max: number; points: number; ratings: number }> {
  const response = await fetch(`${server.url}/__bench/sample?n=5000`);
  if (!response.ok) throw new Error(`sampling failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { codes: string[]; min: number; max: number; points: number; ratings: number };
}

function benchServer(engine: 'postgres' | 'pglite'): Promise<RunningServer> {
  return startServer({
    command: [process.execPath, '--import', 'tsx', 'bench/server.ts'],
    env: {
      ...productionEnv(),
      DATABASE_URL: engine === 'postgres' ? postgresUrl : '',
      DATA_DIR: engine === 'pglite' ? pgliteDir : '',
      SEED_ON_START: 'false',
      TILE_URL,
    },
    discardStdout: true,
    timeoutMs: 300_000,
  });
}

async function postgresReady(): Promise<string | null> {
  const client = new pg.Client({ connectionString: postgresUrl });
  try {
    await client.connect();
    const [row] = (await client.query<{ value: string }>(`select value from app_meta where key = 'national:ratings'`)).rows;
    return row ? null : 'the national data set is not complete there';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function benchEngine(engine: 'postgres' | 'pglite'): Promise<EngineResult | string> {
  if (engine === 'postgres') {
    const problem = await postgresReady();
    if (problem) return `PostgreSQL (${postgresUrl}): ${problem}; run DATABASE_URL=${postgresUrl} npm run gen:national`;
  } else if (!existsSync(pgliteDir)) {
    return `PGlite: ${pgliteDir} does not exist; run DATA_DIR=${pgliteDir} npm run gen:national`;
  }
  log(`\n── ${engine}: starting the app`);
  const loadBefore = loadavg()[0] ?? 0;
  const server = await benchServer(engine);
  try {
    const data = await sample(server);
    log(`   ${data.points} service points, ${data.ratings} ratings; ${connections} connections, ${warmup} s warm-up + ${duration} s per route`);
    const scenarios: Scenario[] = [
      { name: 'bare Fastify route', route: 'GET /__bench/bare', next: () => '/__bench/bare' },
      {
        name: 'one primary-key SELECT',
        route: 'GET /__bench/select?id=',
        next: () => `/__bench/select?id=${data.min + Math.floor(Math.random() * (data.max - data.min + 1))}`,
      },
      { name: 'point page', route: 'GET /p/{code}', next: () => `/p/${randomOf(data.codes)}` },
      { name: 'near me (10 km, 20 nearest)', route: 'GET /api/v1/service-points?near=…', next: nearMePaths() },
      { name: 'text search (Thai)', route: 'GET /search?q=…', next: () => `/search?q=${encodeURIComponent(randomOf(QUERIES))}` },
    ];
    const results: EngineResult['results'] = [];
    for (const scenario of scenarios) {
      await load(server, scenario, warmup);
      const result = await load(server, scenario, duration);
      results.push({ ...result, scenario });
      log(`   ${scenario.name.padEnd(30)} ${describeLoad(result)}`);
    }
    return { engine, dataset: { points: data.points, ratings: data.ratings }, load: [loadBefore, loadavg()[0] ?? 0], results };
  } finally {
    await server.stop();
  }
}

function describeLoad(r: LoadResult): string {
  if (r.ok === 0) return `no 2xx answers (${statusList(r)})`;
  return `${r.perSecond.toFixed(0)} req/s, median ${r.medianMs.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms${r.ok < r.total ? ` (${statusList(r)})` : ''}`;
}

function statusList(r: LoadResult): string {
  return [...r.statuses.entries()].map(([status, n]) => `${n}× ${status}`).join(', ') + (r.errors ? `, ${r.errors} errors` : '');
}

// ─── Start-up and page weight ───────────────────────────────────────────────────────────────

interface StartResult {
  firstMs: number;
  laterMs: number;
  /** a later start of the built server alone (`node dist/server/src/main.js`), without npm and the build */
  laterServerOnlyMs: number;
  homeStatus: number;
}

/** `npm start` as the README's quick start runs it (build, migrate, seed on first start) until the home page is served. */
async function measureStarts(): Promise<StartResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'citizeninfo-start-'));
  let homeStatus = 0;
  const start = async (command: [string, ...string[]]) => {
    const server = await startServer({
      command,
      // As the README's quick start: `npm install && npm start`, nothing configured.
      env: { NODE_ENV: 'development', DATA_DIR: dataDir, DATABASE_URL: '' },
      readyPath: '/',
      // The home page is ready when the app serves HTML there (even a not-found page counts as served).
      isReady: (status, type) => {
        homeStatus = status;
        return status < 500 && type.includes('text/html');
      },
      group: true,
      discardStdout: true,
      timeoutMs: 300_000,
    });
    await server.stop();
    return server.startedInMs;
  };
  try {
    log('\n── npm start on an empty data directory');
    const firstMs = await start(['npm', 'start', '--silent']);
    log(`   first start: ${(firstMs / 1000).toFixed(1)} s`);
    const laterMs = await start(['npm', 'start', '--silent']);
    log(`   later start: ${(laterMs / 1000).toFixed(1)} s (home page answered ${homeStatus})`);
    const laterServerOnlyMs = await start([process.execPath, 'dist/server/src/main.js']);
    log(`   later start of the built server alone: ${(laterServerOnlyMs / 1000).toFixed(1)} s`);
    return { firstMs, laterMs, laterServerOnlyMs, homeStatus };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface PageResult {
  name: string;
  path: string;
  status: number;
  bytes: number;
  requests: number;
}

/** The citizen pages a phone loads, weighed at 360 px in Chromium against the given server. */
async function measurePages(server: RunningServer, codes: string[]): Promise<PageResult[]> {
  const browser = await launchBrowser();
  try {
    const pages = [
      { name: 'home page', path: '/' },
      { name: 'search results', path: `/search?q=${encodeURIComponent('ทะเบียนบ้าน')}` },
      { name: 'point page', path: `/p/${codes[0] ?? 'AAAAAA'}` },
      { name: 'not-found page', path: '/no-such-page' },
    ];
    const results: PageResult[] = [];
    for (const page of pages) {
      const status = (await fetch(server.url + page.path)).status;
      const weight = await weighPage(browser, server.url + page.path, { width: 360, tileUrl: TILE_URL });
      results.push({ ...page, status, bytes: weight.bodyBytes, requests: weight.requests });
      log(`   ${page.name.padEnd(16)} ${String(status).padEnd(4)} ${kilobytes(weight.bodyBytes)} in ${weight.requests} requests`);
    }
    return results;
  } finally {
    await browser.close();
  }
}

// ─── Report ─────────────────────────────────────────────────────────────────────────────────

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

function loadTable(engineResults: EngineResult[]): string {
  const lines = ['| engine | route | req/s | median ms | p99 ms | answers |', '|---|---|---:|---:|---:|---|'];
  for (const e of engineResults) {
    for (const r of e.results) {
      const answers = r.ok === r.total && r.errors === 0 ? `${r.ok} × 2xx` : statusList(r);
      lines.push(
        r.ok === 0
          ? `| ${e.engine} | ${r.scenario.name} \`${r.scenario.route}\` | — | — | — | ${answers} |`
          : `| ${e.engine} | ${r.scenario.name} \`${r.scenario.route}\` | ${r.perSecond.toFixed(0)} | ${ms(r.medianMs)} | ${ms(r.p99Ms)} | ${answers} |`,
      );
    }
  }
  return lines.join('\n');
}

interface Verdict {
  target: string;
  measured: string;
  verdict: 'met' | 'MISSED' | 'not measured';
}

function verdicts(engineResults: EngineResult[], starts: StartResult | null, pages: PageResult[] | null): Verdict[] {
  const out: Verdict[] = [];
  const find = (engine: string, name: string) => engineResults.find((e) => e.engine === engine)?.results.find((r) => r.scenario.name.startsWith(name));
  const verdict = (ok: boolean | null): Verdict['verdict'] => (ok === null ? 'not measured' : ok ? 'met' : 'MISSED');

  const point = find('postgres', 'point page');
  const select = find('postgres', 'one primary-key SELECT');
  const ratio = point && select && point.ok > 0 && select.ok > 0 ? point.perSecond / select.perSecond : null;
  out.push({
    target: 'point page ≥ 50% of the one-SELECT route’s throughput (PostgreSQL)',
    measured: ratio === null ? 'route not answering 2xx' : `${(ratio * 100).toFixed(0)}% (${point?.perSecond.toFixed(0)} vs ${select?.perSecond.toFixed(0)} req/s)`,
    verdict: verdict(ratio === null ? null : ratio >= 0.5),
  });
  for (const engine of ['postgres', 'pglite']) {
    const near = find(engine, 'near me');
    out.push({
      target: `near-me p99 ≤ 10 ms (${engine})`,
      measured: near && near.ok > 0 ? `${ms(near.p99Ms)} ms` : 'route not answering 2xx',
      verdict: verdict(near && near.ok > 0 ? near.p99Ms <= 10 : null),
    });
    const search = find(engine, 'text search');
    out.push({
      target: `search p99 ≤ 50 ms (${engine})`,
      measured: search && search.ok > 0 ? `${ms(search.p99Ms)} ms` : 'route not answering 2xx',
      verdict: verdict(search && search.ok > 0 ? search.p99Ms <= 50 : null),
    });
  }
  out.push({
    target: 'first start ≤ 20 s (npm start, empty data directory)',
    measured: starts ? `${(starts.firstMs / 1000).toFixed(1)} s` : '—',
    verdict: verdict(starts ? starts.firstMs <= 20_000 : null),
  });
  out.push({
    target: 'later start ≤ 3 s',
    measured: starts ? `${(starts.laterMs / 1000).toFixed(1)} s (the built server alone: ${(starts.laterServerOnlyMs / 1000).toFixed(1)} s)` : '—',
    verdict: verdict(starts ? starts.laterMs <= 3_000 : null),
  });
  for (const page of (pages ?? []).filter((p) => p.status === 200)) {
    out.push({
      target: `${page.name} ≤ ${PAGE_BUDGET_BYTES / 1024} KB at 360 px`,
      measured: kilobytes(page.bytes),
      verdict: verdict(page.bytes <= PAGE_BUDGET_BYTES),
    });
  }
  if (!pages?.some((p) => p.status === 200)) out.push({ target: `citizen page ≤ ${PAGE_BUDGET_BYTES / 1024} KB`, measured: 'no citizen page answered 200', verdict: 'not measured' });
  return out;
}

function machine(): string {
  const cpu = cpus();
  const commit = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  return `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}, commit ${commit}`;
}

async function main(): Promise<void> {
  const started = performance.now();
  log('building (npm run build)…');
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });

  const engineResults: EngineResult[] = [];
  const skipped: string[] = [];
  let pages: PageResult[] | null = null;
  for (const engine of engines) {
    const outcome = await benchEngine(engine);
    if (typeof outcome === 'string') {
      skipped.push(outcome);
      log(`\n── skipped: ${outcome}`);
    } else {
      engineResults.push(outcome);
    }
  }
  if (!values['skip-pages'] && engineResults.length > 0) {
    const engine = engineResults[0]?.engine ?? 'postgres';
    log(`\n── citizen pages at 360 px (${engine}), first visit, before any map tile`);
    const server = await benchServer(engine);
    try {
      pages = await measurePages(server, (await sample(server)).codes);
    } finally {
      await server.stop();
    }
  }
  const starts = values['skip-start'] ? null : await measureStarts();

  const table = verdicts(engineResults, starts, pages);
  const report = [
    '# Benchmark results',
    '',
    `Run ${new Date().toISOString()} on ${machine()}; ${((performance.now() - started) / 1000).toFixed(0)} s in all.`,
    `Load: autocannon, ${connections} connections asking for compressed answers (\`accept-encoding: gzip, deflate, br\`), ${warmup} s warm-up then ${duration} s per route; the app in its own process (NODE_ENV=production, request logging on), autocannon and the database on the same machine.`,
    '',
    ...engineResults.map(
      (e) =>
        `- ${e.engine}: ${e.dataset.points.toLocaleString('en')} service points, ${e.dataset.ratings.toLocaleString('en')} ratings; machine load average ${e.load[0].toFixed(1)} before, ${e.load[1].toFixed(1)} after (${cpus().length} cores: above that, processes were waiting for a core)`,
    ),
    ...skipped.map((s) => `- skipped: ${s}`),
    '',
    '## Load',
    '',
    loadTable(engineResults),
    '',
    '## Targets',
    '',
    '| target | measured | verdict |',
    '|---|---|---|',
    ...table.map((v) => `| ${v.target} | ${v.measured} | ${v.verdict} |`),
    '',
    '## Citizen pages at 360 px (first visit, compressed bodies, tiles excluded)',
    '',
    '| page | path | status | bytes | requests |',
    '|---|---|---:|---:|---:|',
    ...(pages ?? []).map((p) => `| ${p.name} | \`${p.path}\` | ${p.status} | ${kilobytes(p.bytes)} | ${p.requests} |`),
    '',
  ].join('\n');
  log(`\n${report}`);
  const out = resolve(values.out);
  await mkdir(resolve(out, '..'), { recursive: true });
  await writeFile(out, report);
  log(`written to ${out}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
