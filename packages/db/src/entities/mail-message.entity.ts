import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';
import { type MailStatus } from '../constants';

/**
 * The mail outbox. A mail is stored in the same transaction as the event that causes it, and a worker sends
 * it later with retries, so an SMTP outage loses nothing. `dedupeKey` (unique) makes a mail that a job
 * could enqueue twice — e.g. one reminder per appointment and day — exist once.
 */
export class MailMessage extends BaseEntity<
  | 'organizationId'
  | 'dedupeKey'
  | 'replyTo'
  | 'status'
  | 'attempts'
  | 'lastError'
  | 'sentAt'
  | 'nextAttemptAt'
> {
  /** Plain id, not a relation: account mails (verification, reset) belong to no organization. */
  organizationId?: string | null;
  dedupeKey?: string | null;
  kind!: string;
  to!: string;
  /** The organization's reply-to e-mail for mails to its clients, so that answers reach the office. */
  replyTo?: string | null;
  subject!: string;
  text!: string;
  html!: string;
  status: MailStatus = 'pending';
  attempts = 0;
  nextAttemptAt: Date = new Date();
  lastError?: string | null;
  sentAt?: Date | null;
}

export const MailMessageSchema = new EntitySchema<MailMessage, BaseEntity<string>>({
  class: MailMessage,
  extends: BaseEntitySchema,
  tableName: 'mail_messages',
  properties: {
    organizationId: { type: 'uuid', nullable: true },
    dedupeKey: { type: 'string', length: 200, nullable: true, unique: true },
    kind: { type: 'string', length: 40 },
    to: { type: 'string', length: 254 },
    replyTo: { type: 'string', length: 254, nullable: true },
    subject: { type: 'string', length: 200 },
    text: { type: 'text' },
    html: { type: 'text' },
    status: { type: 'string', length: 16, default: 'pending' },
    attempts: { type: 'integer', default: 0 },
    nextAttemptAt: { type: 'datetime' },
    lastError: { type: 'string', length: 500, nullable: true },
    sentAt: { type: 'datetime', nullable: true },
  },
  indexes: [{ properties: ['status', 'nextAttemptAt'] }, { properties: ['organizationId', 'createdAt'] }],
});
