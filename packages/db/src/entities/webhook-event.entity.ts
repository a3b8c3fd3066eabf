import { EntitySchema } from '@mikro-orm/core';
import { type WebhookOutcome } from '../constants';
import { BaseEntity, BaseEntitySchema } from './base.entity';

/**
 * A webhook delivery from Asaas, stored (unique `eventId`) before it is processed: a duplicate delivery
 * finds the row and does nothing, and a failed processing leaves the row unprocessed for the retry job
 * (or the next delivery) to finish. Not a tenant row: the organization is only known after processing.
 */
export class WebhookEvent extends BaseEntity<
  'organizationId' | 'processedAt' | 'outcome' | 'attempts' | 'lastError' | 'nextAttemptAt'
> {
  provider!: string;
  eventId!: string;
  type!: string;
  /** The raw JSON body, kept for replays and support. */
  payload!: string;
  receivedAt!: Date;
  organizationId?: string | null;
  processedAt?: Date | null;
  outcome?: WebhookOutcome | null;
  attempts = 0;
  nextAttemptAt?: Date | null;
  lastError?: string | null;
}

export const WebhookEventSchema = new EntitySchema<WebhookEvent, BaseEntity<string>>({
  class: WebhookEvent,
  extends: BaseEntitySchema,
  tableName: 'webhook_events',
  properties: {
    provider: { type: 'string', length: 20 },
    eventId: { type: 'string', length: 200 },
    type: { type: 'string', length: 60 },
    payload: { type: 'text' },
    receivedAt: { type: 'datetime' },
    organizationId: { type: 'uuid', nullable: true },
    processedAt: { type: 'datetime', nullable: true },
    outcome: { type: 'string', length: 16, nullable: true },
    attempts: { type: 'integer', default: 0 },
    nextAttemptAt: { type: 'datetime', nullable: true },
    lastError: { type: 'string', length: 500, nullable: true },
  },
  uniques: [{ properties: ['provider', 'eventId'] }],
  indexes: [{ properties: ['processedAt', 'nextAttemptAt'] }],
});
