import { deliverDueMail, type MailSender } from '@picineiros/api/server';
import type { Database } from '@picineiros/db';
import type { FastifyBaseLogger } from 'fastify';
import type { WorkMetrics } from '../observability/metrics';

/**
 * Polls the outbox and sends what is due. One delivery round at a time per process; several processes
 * share the work safely (see deliverDueMail). Returns a function that stops it and waits for the round.
 */
export function startMailWorker(options: {
  database: Database;
  sender: MailSender;
  logger: FastifyBaseLogger;
  intervalMs: number;
  clock: () => Date;
  metrics?: Pick<WorkMetrics, 'mailDelivered'>;
}): () => Promise<void> {
  let running: Promise<void> | undefined;
  let stopped = false;
  const round = async () => {
    try {
      // Drain: keep going while full batches come back.
      for (;;) {
        const result = await deliverDueMail(
          options.database,
          options.sender,
          options.clock(),
          options.logger,
        );
        options.metrics?.mailDelivered(result);
        if (result.sent + result.failed === 0 || result.remaining === 0 || stopped) break;
      }
    } catch (error) {
      options.metrics?.mailDelivered('failed');
      options.logger.error({ err: error }, 'mail delivery round failed');
    }
  };
  const timer = setInterval(() => {
    if (!running) running = round().finally(() => (running = undefined));
  }, options.intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
