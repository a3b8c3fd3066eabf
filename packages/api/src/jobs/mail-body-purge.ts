import { MailMessage, type Database } from '@picineiros/db';
import type { MaintenanceJob } from './organization-purge';

/** What a sent mail's text and HTML become once its retention is over. */
export const PURGED_MAIL_BODY = '[conteúdo removido após o envio]';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Empties the bodies of mails sent more than `retentionDays` ago, keeping who, what kind, subject and when:
 * a body can hold a link with a live token (invite, password reset, e-mail verification), and the outbox
 * has no reason to keep it once delivered. One conditional update, so it is idempotent and safe on several
 * instances at once; pending and failed mails keep their bodies (they are still to be sent).
 */
export async function purgeSentMailBodies(
  database: Database,
  now: Date,
  retentionDays: number,
): Promise<{ purged: number }> {
  const before = new Date(now.getTime() - retentionDays * DAY_MS);
  const purged = await database
    .fork()
    .nativeUpdate(
      MailMessage,
      { status: 'sent', sentAt: { $lt: before }, text: { $ne: PURGED_MAIL_BODY } },
      { text: PURGED_MAIL_BODY, html: PURGED_MAIL_BODY },
      { filters: false },
    );
  return { purged };
}

export const mailBodyPurgeJob: MaintenanceJob = {
  name: 'mail-body-purge',
  run: (database, now, settings) => purgeSentMailBodies(database, now, settings.outboxBodyRetentionDays),
};
