import { hashPassword } from '@picineiros/api/accounts/password';
import { clientSearchColumns } from '@picineiros/api/shared/search-text';
import { openDatabase, seedDemo } from '@picineiros/db';
import { buildServer } from './app';
import { connectEmbeddedAsaas, startEmbeddedAsaas, startWebhookRetry } from './billing/embedded';
import { ConfigError, loadConfig } from './config';
import { startExportWorker } from './exports/worker';
import { startJobScheduler } from './jobs/scheduler';
import { createServerMetrics } from './observability/metrics';
import { initErrorTracking } from './observability/sentry';
import { createSlowQueryLog } from './observability/slow-queries';
import { createMailSender } from './mail/transport';
import { startMailWorker } from './mail/worker';

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  // Before the database: errors during migrations are reported too.
  const errorTracker = await initErrorTracking(config);
  const slowQueryLog = createSlowQueryLog(config.slowQueryMs);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    slowQuery: slowQueryLog.settings,
  });
  const metrics = createServerMetrics(database);
  // Before the server is built: the embedded default points billing at a fake Asaas on loopback.
  const fakeAsaas = await startEmbeddedAsaas(config);
  const app = await buildServer({ config, database, metrics, errorTracker, slowQueryLog });
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
    metrics,
  });
  const stopExportWorker = startExportWorker({
    database,
    dataDir: config.dataDir,
    logger: app.log,
    intervalMs: 2000,
    clock: () => new Date(),
  });
  const stopWebhookRetry =
    config.jobsEnabled && config.billing.asaasApiKey
      ? startWebhookRetry({ database, logger: app.log, clock: () => new Date() })
      : () => undefined;
  const stopScheduler = config.jobsEnabled
    ? startJobScheduler({ database, logger: app.log, clock: () => new Date(), metrics })
    : () => undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopScheduler();
      stopWebhookRetry();
      void fakeAsaas?.close();
      void Promise.all([stopMailWorker(), stopExportWorker()])
        .then(() => app.close())
        .then(() => database.close())
        .then(() => errorTracker.close());
    });
  }
  const address = await app.listen({ port: config.port, host: config.host });
  connectEmbeddedAsaas(fakeAsaas, app, config);
  if (fakeAsaas) app.log.info({ asaas: fakeAsaas.baseUrl }, 'billing: local fake Asaas (no ASAAS_API_KEY)');
  if (config.billing.mode === 'off') app.log.warn('billing: off (production without ASAAS_API_KEY)');
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
