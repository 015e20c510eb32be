/**
 * Builds the browser modules (dist/public/js, split so Leaflet loads only with a map) and the
 * server bundle (dist/server). `--watch` rebuilds the browser modules on change. Plain JavaScript,
 * so that `npm start` (scripts/start.mjs) can check and build without a TypeScript loader.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, context } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

/** @type {import('esbuild').BuildOptions} */

const client = {
  entryPoints: ['src/client/main.ts'],
  outdir: 'dist/public/js',
  bundle: true,
  splitting: true,
  format: 'esm',
  // Android phones get Chrome updates through the Play Store; Safari 15.4+ covers iOS 15.4 and newer.
  target: ['es2022', 'chrome96', 'safari15.4', 'firefox94'],
  minify: true,
  sourcemap: true,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
};

/** @type {import('esbuild').BuildOptions} */
const server = {
  entryPoints: ['src/main.ts', 'scripts/migrate.ts', 'scripts/seed.ts'],
  outdir: 'dist/server',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  sourcemap: true,
  logLevel: 'warning',
};

const OUTPUTS = ['dist/server/src/main.js', 'dist/public/js/main.js'];

/** Where the production server serves `.br`/`.gz` siblings of static files (src/http/assets.ts). */
const PRECOMPRESSED = ['dist/public/js', 'src/http/public/css'];

/**
 * Writes the best brotli and gzip of every script and stylesheet once, so that the server never
 * compresses a static file per request (brotli's best setting costs ~30 ms for the stylesheet).
 */
function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) precompress(path);
    else if (/\.(js|css)$/.test(entry.name)) {
      const body = readFileSync(path);
      writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
      writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
    }
  }
}

async function buildAll() {
  await Promise.all([build(client), build(server)]);
  PRECOMPRESSED.forEach(precompress);
}

/** The newest modification time of a source under `dir` (not of the compressed copies), in milliseconds. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (!/\.(br|gz)$/.test(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds both bundles, or nothing when they are newer than every source and the lockfile. */
export async function buildIfStale() {
  if (OUTPUTS.every((output) => existsSync(output))) {
    const built = Math.min(...OUTPUTS.map((output) => statSync(output).mtimeMs));
    const sources = Math.max(newest('src'), newest('scripts'), statSync('package-lock.json').mtimeMs);
    if (sources < built) return;
  }
  await buildAll();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--watch')) {
    const ctx = await context(client);
    await ctx.watch();
  } else {
    await buildAll();
  }
}
