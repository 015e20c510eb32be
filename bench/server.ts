/**
 * The application as the benchmarks run it: the real app (production settings, the database of
 * DATABASE_URL or DATA_DIR), plus routes that exist only in this process:
 * - `/__bench/bare`: a Fastify route that does nothing, the ceiling of the HTTP stack;
 * - `/__bench/select?id=`: one primary-key SELECT through the app's own database pool;
 * - `/__bench/sample`: real public codes and the id range, for the load generator (not measured).
 */
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, rows } from '../src/db/client.js';

const config = loadConfig();
const database = await openDatabase(config);
await database.migrate();
const app = await buildApp(config, database);
const db = database.db;

app.get('/__bench/bare', async () => ({ ok: true }));

app.get('/__bench/select', { schema: { querystring: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } }, async (request) => {
  const { id } = request.query as { id: number };
  const [row] = await rows<{ id: number; code: string; nameTh: string }>(
    db,
    sql`select id, code, name_th as "nameTh" from service_points where id = ${id}`,
  );
  return row ?? { id: null };
});

app.get('/__bench/sample', { schema: { querystring: Type.Object({ n: Type.Integer({ minimum: 1, maximum: 100_000 }) }) } }, async (request) => {
  const { n } = request.query as { n: number };
  const codes = await rows<{ code: string }>(db, sql`select code from service_points where status = 'active' order by hashtext(code) limit ${n}`);
  const [range] = await rows<{ min: number; max: number; points: number; ratings: number }>(
    db,
    sql`select min(id)::int as min, max(id)::int as max, count(*)::int as points, (select count(*)::int from ratings) as ratings from service_points`,
  );
  return { codes: codes.map((c) => c.code), ...range };
});

const stop = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

await app.listen({ host: config.host, port: config.port });
