/** Starts CitizenInfo: configuration, database, migrations, first-start seed, then the HTTP server. */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET, ensureDemoAccounts } from './features/accounts/demo.js';
import { scheduleRetention } from './features/complaints/retention.js';
import { startWorker } from './jobs/queue.js';
import { seed } from './seed/index.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  await database.migrate();
  const app = await buildApp(config, database);
  if (config.seedOnStart) await seed(database.db, (message) => app.log.info(message));
  if (config.demoAccounts) await ensureDemoAccounts(database.db, config.piiKey);
  // Daily removal of complaints' personal data past retention; each run enqueues the next day's.
  await scheduleRetention(database.db);
  const worker = startWorker(database.db, app.jobHandlers, app.log);

  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await worker.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  const address = await app.listen({ host: config.host, port: config.port });
  app.log.info({ address, database: database.engine }, 'CitizenInfo is running');
  process.stdout.write(`\nCitizenInfo: ${config.publicUrl} (database: ${database.engine})\n`);
  if (config.demoAccounts) {
    process.stdout.write(`Demo accounts (sign in at ${config.publicUrl}/office; second-factor secret ${DEMO_TOTP_SECRET}):\n`);
    for (const account of DEMO_ACCOUNTS) process.stdout.write(`  ${account.role.padEnd(10)} ${account.email} / ${account.password} — ${account.scope}\n`);
  }
  if (!config.smtpUrl) process.stdout.write(`E-mail is not sent (no SMTP_URL): read it at ${config.publicUrl}/dev/mailbox\n`);
  process.stdout.write('\n');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    process.stderr.write(`\nCitizenInfo could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n\n`);
  }
  process.exit(1);
});
