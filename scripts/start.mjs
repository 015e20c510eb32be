/**
 * `npm start`: builds when a source changed since the last build, then runs the server in this
 * same process — one Node start instead of three (npm run build, its loader, the server).
 */
import { buildIfStale } from './build.mjs';

await buildIfStale();
await import('../dist/server/src/main.js');
