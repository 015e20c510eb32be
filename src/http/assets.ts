/**
 * Static files: our CSS and images, the client bundle built by esbuild, the self-hosted Thai font
 * and Leaflet. URLs carry a content hash so browsers may cache them for a year.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { fromRoot } from '../paths.js';

const roots: Record<string, string> = {
  '/assets/css/': fromRoot('src/http/public/css'),
  '/assets/img/': fromRoot('src/http/public/img'),
  '/assets/js/': fromRoot('dist/public/js'),
  '/assets/fonts/': fromRoot('node_modules/@fontsource/sarabun/files'),
  '/assets/leaflet/': fromRoot('node_modules/leaflet/dist'),
};

/** The roots whose scripts and stylesheets the build compresses ahead of time. */
const PRECOMPRESSED = new Set(['/assets/css/', '/assets/js/']);

const hashes = new Map<string, string>();

/** `/assets/css/site.css` → `/assets/css/site.css?v=1a2b3c4d` (unchanged when the file is missing). */
export function assetUrl(path: string): string {
  let hash = hashes.get(path);
  if (hash === undefined) {
    const prefix = Object.keys(roots).find((p) => path.startsWith(p));
    try {
      hash = prefix ? createHash('sha256').update(readFileSync(roots[prefix] + '/' + path.slice(prefix.length))).digest('hex').slice(0, 10) : '';
    } catch {
      hash = '';
    }
    // In development files change; only production memoises.
    if (process.env.NODE_ENV === 'production') hashes.set(path, hash);
  }
  return hash ? `${path}?v=${hash}` : path;
}

export async function registerAssets(app: FastifyInstance): Promise<void> {
  let first = true;
  for (const [prefix, root] of Object.entries(roots)) {
    await app.register(fastifyStatic, {
      root,
      prefix,
      decorateReply: first,
      index: false,
      wildcard: true,
      maxAge: '365d',
      immutable: true,
      allowedPath: (path) => !path.endsWith('.map') || process.env.NODE_ENV !== 'production',
      // The build writes the best brotli and gzip of scripts and stylesheets once (scripts/build.mjs);
      // in development a file may be newer than its compressed copy, so they are used in production only.
      preCompressed: process.env.NODE_ENV === 'production' && PRECOMPRESSED.has(prefix),
    });
    first = false;
  }
}
