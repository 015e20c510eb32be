/**
 * `npm run bench:sign-in`: what a password costs on this machine. Prints the argon2id hash and
 * verify times of the app's own settings (src/auth/passwords.ts, meant to be about 50–100 ms), and
 * the latency of a whole sign-in through the real route (the form with its CSRF token, the
 * account lookup, the verify, a new session), one request at a time and with 4 at once.
 */
import { sql } from 'drizzle-orm';
import { hashPassword, verifyPassword } from '../src/auth/passwords.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openPglite, rows } from '../src/db/client.js';
import { percentile } from '../test/harness/latency.js';
import { Agent } from '../test/support/agent.js';
import { createAccount } from '../test/support/office-actors.js';

const ROUNDS = 30;
const print = (line: string) => process.stdout.write(`${line}\n`);

const summary = (times: number[]): string => {
  const sorted = [...times].sort((a, b) => a - b);
  return `median ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${sorted[sorted.length - 1]?.toFixed(1)} ms`;
};

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const hashes: number[] = [];
let stored = '';
for (let i = 0; i < ROUNDS; i++) hashes.push(await timed(async () => (stored = await hashPassword(`password number ${i}`))));
const verifies: number[] = [];
for (let i = 0; i < ROUNDS; i++) verifies.push(await timed(() => verifyPassword(stored, `password number ${ROUNDS - 1}`)));
print(`argon2id hash   (${ROUNDS}×): ${summary(hashes)}`);
print(`argon2id verify (${ROUNDS}×): ${summary(verifies)}`);

const database = await openPglite('memory://');
await database.migrate();
const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn', APP_SECRET: 'x'.repeat(32), PII_ENCRYPTION_KEY: 'y'.repeat(32) });
const app = await buildApp(config, database);
const [organisation] = await rows<{ id: number }>(
  database.db,
  sql`insert into organisations (code, path, kind, name_th) values ('bench', '/', 'tao', 'องค์การบริหารส่วนตำบลทดสอบ') returning id`,
);
await database.db.execute(sql`update organisations set path = '/' || id || '/'`);
const account = await createAccount(database.db, config.piiKey, {
  email: 'officer@bench.invalid',
  organisationId: organisation!.id,
  role: 'officer',
  grant: { organisationId: organisation!.id },
});

/** One sign-in from its own address (so the per-network limits of a real office do not apply). */
async function signIn(index: number): Promise<number> {
  const agent = new Agent(app, { remoteAddress: `10.1.${Math.floor(index / 250)}.${(index % 250) + 1}` });
  await agent.get('/office/sign-in');
  let status = 0;
  const ms = await timed(async () => {
    status = (await agent.post('/office/sign-in', { email: account.email, password: account.password })).statusCode;
  });
  if (status !== 303) throw new Error(`sign-in answered ${status}`);
  return ms;
}

const sequential: number[] = [];
for (let i = 0; i < ROUNDS; i++) sequential.push(await signIn(i));
print(`sign-in POST, one at a time (${ROUNDS}×): ${summary(sequential)}`);
const concurrent: number[] = [];
for (let i = 0; i < ROUNDS; i += 4) concurrent.push(...(await Promise.all([0, 1, 2, 3].map((j) => signIn(1000 + i + j)))));
print(`sign-in POST, 4 at once (${concurrent.length}×): ${summary(concurrent)}`);

await app.close();
await database.close();
