import { createHash, timingSafeEqual } from 'node:crypto';
import { HANDLED_EVENTS, receiveAsaasWebhook, type ApiObserver } from '@picineiros/api/server';
import type { Database } from '@picineiros/db';
import type { FastifyInstance } from 'fastify';

export const ASAAS_WEBHOOK_PATH = '/webhooks/asaas';

/** Constant-time comparison: both sides hashed first, so the lengths are equal and nothing leaks. */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * `POST /webhooks/asaas`. The token is checked before the body is read (401 either way, missing or wrong);
 * a body that is not JSON is Fastify's 400; an event is stored before it is processed, and the answer is
 * 200 whether processing worked or not (a failure stays stored and is retried), so Asaas's queue never
 * stalls on us.
 */
export function registerAsaasWebhook(
  app: FastifyInstance,
  options: { database: Database; clock: () => Date; token: string; observer: ApiObserver },
): void {
  app.post(
    ASAAS_WEBHOOK_PATH,
    {
      onRequest: async (request, reply) => {
        const header = request.headers['asaas-access-token'];
        const presented = Array.isArray(header) ? header[0] : header;
        if (!tokenMatches(presented, options.token)) {
          return reply.code(401).send({ error: 'invalid or missing asaas-access-token' });
        }
      },
    },
    async (request, reply) => {
      const receipt = await receiveAsaasWebhook(options.database, request.body, options.clock());
      if (receipt.status === 400) {
        options.observer.webhookHandled({ provider: 'asaas', event: 'other', outcome: 'failed' });
        return reply.code(400).send({ error: receipt.error });
      }
      // Only known event types become label values, so a sender cannot grow the metric's label set.
      const known = (HANDLED_EVENTS as readonly string[]).includes(receipt.eventType);
      options.observer.webhookHandled({
        provider: 'asaas',
        event: known ? receipt.eventType : 'other',
        outcome: receipt.duplicate ? 'ignored' : receipt.processed ? 'processed' : 'failed',
      });
      if (!receipt.processed) {
        request.log.warn({ eventId: receipt.eventId }, 'Asaas event stored, processing failed; will retry');
      }
      return reply.code(200).send({ received: true, duplicate: receipt.duplicate });
    },
  );
}
