import { hashPassword } from '@picineiros/api/accounts/password';
import { clientSearchColumns } from '@picineiros/api/shared/search-text';
import { openDatabase, seedDemo } from '@picineiros/db';
import { buildServer } from './app';
import { ConfigError, loadConfig } from './config';
import { startJobScheduler } from './jobs/scheduler';
import { createMailSender } from './mail/transport';
import { startMailWorker } from './mail/worker';

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const app = await buildServer({ config, database });
  if (config.seedDemo) {
    const demo = await seedDemo(database.fork(), { hashPassword, clientSearchColumns });
    if (demo.created) {
      app.log.info({ email: demo.email }, 'demo organization created');
      console.log(`\n  Demo login (printed once): ${demo.email} / ${demo.password}\n`);
    }
  }
  const stopMailWorker = startMailWorker({
    database,
    sender: createMailSender(config, app.log),
    logger: app.log,
    intervalMs: config.mailPollIntervalMs,
    clock: () => new Date(),
  });
  const stopScheduler = config.jobsEnabled
    ? startJobScheduler({ database, logger: app.log, clock: () => new Date() })
    : () => undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopScheduler();
      void stopMailWorker()
        .then(() => app.close())
        .then(() => database.close());
    });
  }
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { address, database: database.dialect, startupMs: Math.round(performance.now() - startedAt) },
    'Picineiros server ready',
  );
  console.log(`\n  Picineiros is running at ${address} (database: ${database.dialect})\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
