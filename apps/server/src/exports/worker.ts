import { runPendingExports } from '@picineiros/api/server';
import type { Database } from '@picineiros/db';
import type { FastifyBaseLogger } from 'fastify';

/**
 * Polls for queued LGPD exports and builds them, one round at a time per process (several processes
 * share the work safely: see runPendingExports). Returns a function that stops it and waits for the round.
 */
export function startExportWorker(options: {
  database: Database;
  dataDir: string;
  logger: FastifyBaseLogger;
  intervalMs: number;
  clock: () => Date;
}): () => Promise<void> {
  let running: Promise<void> | undefined;
  const round = async () => {
    try {
      await runPendingExports(options.database, {
        dataDir: options.dataDir,
        clock: options.clock,
        logger: options.logger,
      });
    } catch (error) {
      options.logger.error({ err: error }, 'data export round failed');
    }
  };
  const timer = setInterval(() => {
    running ??= round().finally(() => (running = undefined));
  }, options.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
