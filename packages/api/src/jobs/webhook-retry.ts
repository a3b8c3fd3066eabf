import type { Database } from '@picineiros/db';
import { pruneWebhookEvents, retryWebhookEvents } from '../billing/webhooks';
import type { MaintenanceJob } from './organization-purge';

/**
 * Asaas webhook events stored but not processed (processing failed, or the server stopped in between) are
 * processed again when their backoff is due (30 s doubling to 1 h, at most 10 attempts). Safe on several
 * instances at once: processing an event twice ends in the same state. Processed events older than the
 * retention are deleted on the way.
 */
export const webhookRetryJob = {
  name: 'asaas-webhook-retry',
  async run(database: Database, now: Date) {
    const result = await retryWebhookEvents(database, now);
    return { ...result, pruned: await pruneWebhookEvents(database, now) };
  },
} satisfies MaintenanceJob;
