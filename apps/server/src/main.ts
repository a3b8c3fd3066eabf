import cluster, { type Worker } from 'node:cluster';
import { clientSearchColumns } from '@picineiros/api/client';
import { hashPassword } from '@picineiros/api/server';
import { openDatabase, seedDemo, type Database } from '@picineiros/db';
import type { FastifyBaseLogger } from 'fastify';
import { buildServer } from './app';
import { connectEmbeddedAsaas, connectEmbeddedAsaasToPort, startEmbeddedAsaas } from './billing/embedded';
import { ConfigError, loadConfig, type Config } from './config';
import { startExportWorker } from './exports/worker';
import { startBillingJobs, startJobScheduler } from './jobs/scheduler';
import { joinClusterMetrics, serveClusterMetrics } from './observability/cluster-metrics';
import { createServerMetrics, type ServerMetrics } from './observability/metrics';
import { initErrorTracking } from './observability/sentry';
import { createSlowQueryLog } from './observability/slow-queries';
import { createMailSender } from './mail/transport';
import { startMailWorker } from './mail/worker';
import { closeWithDeadline } from './shutdown';

// One process (SERVER_WORKERS=1, always on SQLite): migrations, demo seed, background jobs and HTTP.
// Several (Postgres only): the cluster's primary migrates, seeds and runs the background jobs, then forks
// SERVER_WORKERS processes that only serve HTTP on the shared port; a worker that dies is forked again.

const PID_HEADER = 'x-picineiros-pid';

/**
 * The last resort after SIGTERM: whatever still holds the process (a job stuck on a dead SMTP server, a
 * database that does not answer) is given a few seconds past the HTTP deadline, then the process exits.
 */
function exitNoLaterThan(ms: number, logger: FastifyBaseLogger): void {
  setTimeout(() => {
    logger.error({ afterMs: ms }, 'shutdown did not finish in time: exiting');
    process.exit(1);
  }, ms).unref();
}

/** Logs how the HTTP server closed (and whether the deadline forced open connections shut). */
async function closeHttp(app: Parameters<typeof closeWithDeadline>[0], config: Config): Promise<void> {
  const { forced, durationMs } = await closeWithDeadline(
    app,
    config.timeouts.shutdownMs,
    config.timeouts.drainMs,
  );
  app.log.info({ forced, durationMs }, 'http server closed');
}

async function openServices(config: Config, options: { migrate: boolean }) {
  // Before the database: errors during migrations are reported too.
  const errorTracker = await initErrorTracking(config);
  const slowQueryLog = createSlowQueryLog(config.slowQueryMs);
  const database = await openDatabase(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir, slowQuery: slowQueryLog.settings },
    options,
  );
  const metrics = createServerMetrics(database);
  return { errorTracker, slowQueryLog, database, metrics };
}

async function seedIfAsked(config: Config, database: Database, logger: FastifyBaseLogger): Promise<void> {
  if (!config.seedDemo) return;
  const demo = await seedDemo(database.fork(), { hashPassword, clientSearchColumns });
  if (demo.created) {
    logger.info({ email: demo.email }, 'demo organization created');
    console.log(`\n  Demo login (printed once): ${demo.email} / ${demo.password}\n`);
  }
}

/** The mail and export workers, webhook retry and the job scheduler: exactly one process runs them. */
function startBackgroundJobs(
  config: Config,
  database: Database,
  logger: FastifyBaseLogger,
  metrics: ServerMetrics,
): () => Promise<void> {
  const stopMailWorker = startMailWorker({
    database,
    sender: createMailSender(config, logger),
    logger,
    intervalMs: config.mailPollIntervalMs,
    clock: () => new Date(),
    metrics,
  });
  const stopExportWorker = startExportWorker({
    database,
    dataDir: config.dataDir,
    logger,
    intervalMs: 2000,
    clock: () => new Date(),
  });
  const schedule = {
    database,
    logger,
    clock: () => new Date(),
    metrics,
    settings: { outboxBodyRetentionDays: config.outboxBodyRetentionDays },
  };
  const stopBillingJobs =
    config.jobsEnabled && config.billing.asaasApiKey ? startBillingJobs(schedule) : () => undefined;
  const stopScheduler = config.jobsEnabled ? startJobScheduler(schedule) : () => undefined;
  logger.info({ pid: process.pid, scheduler: config.jobsEnabled }, 'background jobs started');
  return async () => {
    stopScheduler();
    stopBillingJobs();
    await Promise.all([stopMailWorker(), stopExportWorker()]);
  };
}

async function runSingleProcess(config: Config, startedAt: number): Promise<void> {
  const { errorTracker, slowQueryLog, database, metrics } = await openServices(config, { migrate: true });
  // Before the server is built: the embedded default points billing at a fake Asaas on loopback.
  const fakeAsaas = await startEmbeddedAsaas(config);
  const app = await buildServer({ config, database, metrics, errorTracker, slowQueryLog });
  await seedIfAsked(config, database, app.log);
  const stopJobs = startBackgroundJobs(config, database, app.log, metrics);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      exitNoLaterThan(config.timeouts.drainMs + config.timeouts.shutdownMs + 5000, app.log);
      void fakeAsaas?.close();
      // /readyz answers 503 from here; open connections are closed by force at the deadline.
      void Promise.all([closeHttp(app, config), stopJobs()])
        .then(() => database.close())
        .then(() => errorTracker.close())
        .then(() => process.exit(0));
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

async function runPrimary(config: Config, startedAt: number): Promise<void> {
  const { errorTracker, slowQueryLog, database, metrics } = await openServices(config, { migrate: true });
  const fakeAsaas = await startEmbeddedAsaas(config);
  // Never listens: it gives the jobs the same logger (level, redaction) as the workers.
  const app = await buildServer({ config, database, metrics, errorTracker, slowQueryLog });
  await seedIfAsked(config, database, app.log);
  const stopJobs = startBackgroundJobs(config, database, app.log, metrics);
  serveClusterMetrics(metrics.registry);
  // The workers bill through the primary's fake Asaas, so every process sees the same subscriptions.
  const workerEnv: Record<string, string> = fakeAsaas
    ? {
        ASAAS_BASE_URL: config.billing.asaasBaseUrl,
        ASAAS_API_KEY: config.billing.asaasApiKey ?? '',
        ASAAS_WEBHOOK_TOKEN: config.billing.webhookToken ?? '',
      }
    : {};
  let stopping = false;
  const restartTimers = new Set<NodeJS.Timeout>();
  const fork = (restarts: number): void => {
    const worker: Worker = cluster.fork(workerEnv);
    const forkedAt = Date.now();
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      // Backoff: 0.5 s doubling to 30 s; a worker that lived a minute starts the count again.
      const failures = Date.now() - forkedAt > 60_000 ? 0 : restarts + 1;
      const delayMs = Math.min(30_000, 250 * 2 ** failures);
      app.log.error({ pid: worker.process.pid, code, signal, restartInMs: delayMs }, 'server worker exited');
      const timer = setTimeout(() => {
        restartTimers.delete(timer);
        if (!stopping) fork(failures);
      }, delayMs);
      restartTimers.add(timer);
    });
  };
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    listening += 1;
    if (listening === 1) connectEmbeddedAsaasToPort(fakeAsaas, address.port, config);
    if (listening !== config.serverWorkers) return;
    const url = `http://${config.host}:${address.port}`;
    app.log.info(
      {
        address: url,
        database: database.dialect,
        workers: config.serverWorkers,
        startupMs: Math.round(performance.now() - startedAt),
      },
      'Picineiros server ready',
    );
    console.log(
      `\n  Picineiros is running at ${url} (database: ${database.dialect}, ${config.serverWorkers} server processes)\n`,
    );
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
      exitNoLaterThan(config.timeouts.drainMs + config.timeouts.shutdownMs + 5000, app.log);
      for (const timer of restartTimers) clearTimeout(timer);
      // Each worker stops accepting, finishes its requests and exits; then the jobs and the database.
      const exits = Object.values(cluster.workers ?? {}).map((worker) =>
        worker && !worker.isDead()
          ? new Promise<void>((resolve) => {
              worker.once('exit', () => {
                resolve();
              });
              worker.process.kill('SIGTERM');
            })
          : Promise.resolve(),
      );
      void fakeAsaas?.close();
      void Promise.all([...exits, stopJobs()])
        .then(() => app.close())
        .then(() => database.close())
        .then(() => errorTracker.close())
        .then(() => process.exit(0));
    });
  }
  if (fakeAsaas) app.log.info({ asaas: fakeAsaas.baseUrl }, 'billing: local fake Asaas (no ASAAS_API_KEY)');
  if (config.billing.mode === 'off') app.log.warn('billing: off (production without ASAAS_API_KEY)');
  for (let index = 0; index < config.serverWorkers; index += 1) fork(0);
}

async function runWorker(config: Config): Promise<void> {
  // The primary has migrated; a worker only serves HTTP.
  const { errorTracker, slowQueryLog, database, metrics } = await openServices(config, { migrate: false });
  const app = await buildServer({
    config,
    database,
    metrics,
    errorTracker,
    slowQueryLog,
    renderMetrics: joinClusterMetrics(metrics.registry),
  });
  if (!config.production) {
    // Which process answered (tests check that calls spread over the workers).
    app.addHook('onRequest', (_request, reply, done) => {
      reply.header(PID_HEADER, String(process.pid));
      done();
    });
  }
  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    exitNoLaterThan(config.timeouts.drainMs + config.timeouts.shutdownMs + 5000, app.log);
    void closeHttp(app, config)
      .then(() => database.close())
      .then(() => errorTracker.close())
      .then(() => process.exit(0));
  };
  // SIGTERM from the primary; SIGINT from a terminal's Ctrl-C; disconnect: the primary is gone.
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
  process.once('disconnect', close);
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ pid: process.pid }, 'server worker listening');
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  if (cluster.isWorker) await runWorker(config);
  else if (config.serverWorkers > 1) await runPrimary(config, startedAt);
  else await runSingleProcess(config, startedAt);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
