/**
 * Starts one real server for the whole browser run: the bundle `npm run build` made, on a free
 * port, with a throwaway data directory that it seeds on first start, the demo accounts, and
 * e-mail sent by SMTP to a port that the tests reading mail listen on (support/mailbox.ts).
 * E2E_BASE_URL reuses a server that is already running instead (handy while writing tests), with
 * E2E_SMTP_PORT the port its SMTP_URL names.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, productionEnv, startServer } from '../harness/server.js';

/** The tile server the pages are told to use; the page-weight budget leaves it out. */
export const E2E_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    tileUrl: string;
    /** where the server delivers e-mail (smtp://127.0.0.1:PORT); 0 when unknown */
    smtpPort: number;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide('tileUrl', E2E_TILE_URL);
  const given = process.env.E2E_BASE_URL?.trim();
  if (given) {
    project.provide('baseUrl', given.replace(/\/$/, ''));
    project.provide('smtpPort', Number(process.env.E2E_SMTP_PORT ?? 0));
    return async () => undefined;
  }
  const entry = 'dist/server/src/main.js';
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run the browser tests with \`npm run test:e2e\`, which builds first`);
  const dataDir = await mkdtemp(join(tmpdir(), 'citizeninfo-e2e-'));
  // Links in e-mails name the server under test.
  const port = await freePort();
  // Nothing listens there between test files: the outbox retries what fails meanwhile.
  const smtpPort = await freePort();
  const server = await startServer({
    command: [process.execPath, entry],
    port,
    env: {
      ...productionEnv(),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      TILE_URL: E2E_TILE_URL,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DEMO_ACCOUNTS: 'true',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    },
    // The first start seeds the demo (about 15 s alone, longer on a busy machine).
    timeoutMs: 300_000,
  });
  project.provide('baseUrl', server.url);
  project.provide('smtpPort', smtpPort);
  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
