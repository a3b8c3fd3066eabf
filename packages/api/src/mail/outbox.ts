import { MailMessage, type EntityManager } from '@picineiros/db';
import type { MailContent } from './templates';

export type QueuedMail = {
  kind: string;
  to: string;
  content: MailContent;
  organizationId?: string | null;
  /** Where answers go (the organization's reply-to e-mail, for mails to its clients). */
  replyTo?: string | null;
  /** A mail with the same key is queued only once (jobs that might run twice). */
  dedupeKey?: string | null;
};

/**
 * Stores a mail in the outbox, to be flushed with the change that causes it (same transaction); the mail
 * worker sends it later. Nothing is sent here.
 */
export function queueMail(em: EntityManager, mail: QueuedMail, now: Date): MailMessage {
  return em.create(MailMessage, {
    kind: mail.kind,
    to: mail.to,
    subject: mail.content.subject,
    text: mail.content.text,
    html: mail.content.html,
    organizationId: mail.organizationId ?? null,
    replyTo: mail.replyTo ?? null,
    dedupeKey: mail.dedupeKey ?? null,
    nextAttemptAt: now,
  });
}
