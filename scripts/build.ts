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
  target: ['es2020', 'chrome80', 'safari14', 'firefox78'],
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
