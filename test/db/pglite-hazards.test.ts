/**
 * The embedded engine's two known hazards (DESIGN §2), proven on the real thing:
 * (1) interleaved requests must not share a transaction — a rollback in one request must never
 *     discard another request's acknowledged write;
 * (2) a second process must not open a data directory that a running process holds.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPglite, rows, type Database } from '../../src/db/client.js';
import { DataDirLockedError } from '../../src/db/data-dir-lock.js';

describe('PGlite transactions under concurrency', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openPglite('memory://');
    await database.db.execute(sql`create table writes (id serial primary key, who text not null)`);
  });
  afterAll(() => database.close());

  it('runs ORM transactions through PGlite’s own transaction() (which queues other work)', async () => {
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const spy = vi.spyOn(client, 'transaction');
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
    });
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it('keeps every committed write while interleaved transactions roll back', async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 2));
    const failing = (n: number) =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into writes (who) values (${`failed-${n}`})`);
        await pause();
        throw new Error('this request fails');
      });
    const committing = (n: number) =>
      database.db.transaction(async (tx) => {
        await pause();
        await tx.execute(sql`insert into writes (who) values (${`ok-${n}`})`);
      });
    const plain = (n: number) => database.db.execute(sql`insert into writes (who) values (${`plain-${n}`})`);
    const kinds = [failing, committing, plain];
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, n) => kinds[n % 3]!(n)));
    const acknowledged = results.filter((r) => r.status === 'fulfilled').length;
    const stored = await rows<{ who: string }>(database.db, sql`select who from writes`);
    expect(acknowledged).toBe(40);
    expect(stored.filter((r) => r.who.startsWith('failed'))).toHaveLength(0);
    expect(stored).toHaveLength(40);
  });
});

describe('the data directory lock', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'citizeninfo-lock-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a second process refuse to start, with a clear message', async () => {
    const held = await openPglite(dir);
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        env: { ...process.env, DATA_DIR: dir, PORT: '0', NODE_ENV: 'development', SEED_ON_START: 'false', LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain('is in use by another CitizenInfo process');
      expect(stderr).toContain(`PID ${process.pid}`);
    } finally {
      await held.close();
    }
  }, 60_000);

  it('refuses a second open in the same process too', async () => {
    const held = await openPglite(dir);
    try {
      await expect(openPglite(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await held.close();
    }
  });

  it('takes over the lock of a process that died (e.g. after SIGKILL)', async () => {
    // PID 2^22+ is above Linux's pid_max default, so no live process has it.
    writeFileSync(join(dir, 'citizeninfo.lock'), `${2 ** 22 + 7}@${hostname()}`);
    const database = await openPglite(dir);
    await database.ping();
    await database.close();
  });
});
