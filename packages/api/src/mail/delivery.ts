import { LockMode } from '@mikro-orm/core';
import { lockSqliteForWrite, MailMessage, type Database } from '@picineiros/db';
import type { Logger } from '../context';

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The Reply-To header, when answers should not go to the sender. */
  replyTo?: string;
};

/** What actually sends: SMTP in production, .eml files in the embedded default, whatever a test needs. */
export type MailSender = { send(mail: OutgoingMail): Promise<void> };

export const MAX_DELIVERY_ATTEMPTS = 50;

/** Exponential backoff: 30 s, 1 min, 2 min… capped at 1 h, so a day-long outage is retried ~30 times. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60 * 1000);
}

export type DeliveryResult = { sent: number; failed: number; remaining: number };

/** A claimed mail is invisible to other workers this long; a worker that dies mid-send frees it after that. */
export const CLAIM_LEASE_MS = 5 * 60 * 1000;

/**
 * Sends the mails that are due, oldest first. A short transaction claims a batch (on Postgres with
 * `FOR UPDATE SKIP LOCKED`, so several server instances share the work) by moving its `nextAttemptAt`
 * past a lease; the sending happens outside any transaction, so a slow SMTP server holds no lock. A failed
 * send stays pending with a backed-off `nextAttemptAt`; after MAX_DELIVERY_ATTEMPTS it is marked failed.
 */
export async function deliverDueMail(
  database: Database,
  sender: MailSender,
  now: Date,
  logger: Logger,
  batchSize = 20,
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0, remaining: 0 };
  const em = database.fork();
  const claimed = await em.transactional(async (tx) => {
    await lockSqliteForWrite(tx, database.dialect);
    const due = await tx.find(
      MailMessage,
      { status: 'pending', nextAttemptAt: { $lte: now } },
      {
        orderBy: { nextAttemptAt: 'asc', id: 'asc' },
        limit: batchSize,
        ...(database.dialect === 'postgresql' ? { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE } : {}),
      },
    );
    for (const mail of due) {
      mail.attempts += 1;
      mail.nextAttemptAt = new Date(now.getTime() + CLAIM_LEASE_MS);
    }
    return due;
  });
  for (const mail of claimed) {
    try {
      await sender.send({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      });
      mail.status = 'sent';
      mail.sentAt = now;
      mail.lastError = null;
      result.sent += 1;
    } catch (error) {
      mail.lastError = String(error instanceof Error ? error.message : error).slice(0, 500);
      if (mail.attempts >= MAX_DELIVERY_ATTEMPTS) mail.status = 'failed';
      mail.nextAttemptAt = new Date(now.getTime() + retryDelayMs(mail.attempts));
      result.failed += 1;
      logger.warn(
        { mailId: mail.id, kind: mail.kind, attempts: mail.attempts, err: error },
        'mail delivery failed',
      );
    }
    // Recorded one by one: a crash after a send must not make the whole batch go out again.
    await em.flush();
  }
  result.remaining = await database
    .fork()
    .count(MailMessage, { status: 'pending', nextAttemptAt: { $lte: now } });
  return result;
}
