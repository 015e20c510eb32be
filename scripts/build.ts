/**
 * Builds the browser modules (dist/public/js, split so Leaflet loads only with a map) and the
 * server bundle (dist/server). `--watch` rebuilds the browser modules on change.
 */
import { build, context, type BuildOptions } from 'esbuild';

const client: BuildOptions = {
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

const server: BuildOptions = {
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

if (process.argv.includes('--watch')) {
  const ctx = await context(client);
  await ctx.watch();
} else {
  await Promise.all([build(client), process.argv.includes('--client-only') ? null : build(server)]);
}
