// Erasing people and organizations (LGPD): a user's personal data everywhere, a whole organization with
// every row of the tenant plan, and the purge job for organizations whose grace period is over. The rules
// that decide when (passwords, last owners, the grace period) are in service.ts.
import { ReferenceKind } from '@mikro-orm/core';
import {
  AccountToken,
  AuditEntry,
  LoginEvent,
  MailMessage,
  Membership,
  Notification,
  Organization,
  RateLimitHit,
  Session,
  User,
  type Database,
  type EntityManager,
} from '@picineiros/db';
import { passwordCheckSubject } from '../accounts/password-checks';
import { messages } from '../shared/messages';
import { planOrganizationTables } from './tenant-tables';

const REMOVED_EMAIL = 'e-mail removido';

/** Notifications and mails that name members by name or e-mail (written by members/service.ts). */
const MEMBER_NOTIFICATION_TYPES = ['member_invited', 'member_joined'] as const;
const MEMBER_MAIL_KINDS = ['invite', 'organization_deletion'];

function replaceAll(text: string, needles: readonly [string, string][]): string {
  return needles.reduce((result, [needle, replacement]) => result.split(needle).join(replacement), text);
}

/**
 * Removes a user's personal data everywhere: the user row, its memberships (by cascade), sessions and
 * tokens go; audit entries keep the fact but name "Usuário removido"; login events keep outcome and time
 * with e-mail, IP, user agent and every other optional detail cleared; the e-mail's rate-limit counters
 * and outbox mails go; team notifications and invitation mails that named the user are rewritten
 * (notifications through the unit of work, so they sync to the desktops as changed rows).
 */
export async function eraseUser(em: EntityManager, user: User): Promise<void> {
  const { email, name } = user;
  const organizationIds = (
    await em.find(Membership, { user }, { fields: ['organization'], filters: false })
  ).map((membership) => membership.organization.id);
  const needles: [string, string][] = [
    [email, REMOVED_EMAIL],
    [name, messages.removedUserName],
  ];

  await em.nativeUpdate(
    AuditEntry,
    { user },
    { user: null, membership: null, actorName: messages.removedUserName },
    { filters: false },
  );
  // Every optional column of a login event is a detail of the person (IP, browser, device…): cleared,
  // whatever columns the table has today. The e-mail column is required: emptied.
  const loginMeta = em.getMetadata().get(LoginEvent.name);
  const cleared: Record<string, null> = {};
  for (const prop of loginMeta.props) {
    if (prop.nullable && (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.MANY_TO_ONE)) {
      cleared[prop.name] = null;
    }
  }
  await em.nativeUpdate(LoginEvent, { $or: [{ user }, { email }] }, { ...cleared, email: '' });
  await em.nativeDelete(Session, { user });
  await em.nativeDelete(AccountToken, { $or: [{ user }, { email }] });
  await em.nativeDelete(RateLimitHit, { subject: { $in: [email, passwordCheckSubject(user.id)] } });
  await em.nativeDelete(MailMessage, { to: email });

  if (organizationIds.length > 0) {
    const mentions = { $or: [{ text: { $like: `%${name}%` } }, { text: { $like: `%${email}%` } }] };
    const mails = await em.find(MailMessage, {
      organizationId: { $in: organizationIds },
      kind: { $in: MEMBER_MAIL_KINDS },
      ...mentions,
    });
    for (const mail of mails) {
      mail.subject = replaceAll(mail.subject, needles);
      mail.text = replaceAll(mail.text, needles);
      mail.html = replaceAll(mail.html, needles);
    }
    const notifications = await em.find(
      Notification,
      {
        organization: { $in: organizationIds },
        type: { $in: [...MEMBER_NOTIFICATION_TYPES] },
        $or: [
          { title: { $like: `%${name}%` } },
          { body: { $like: `%${name}%` } },
          { body: { $like: `%${email}%` } },
        ],
      },
      { filters: false },
    );
    for (const notification of notifications) {
      notification.title = replaceAll(notification.title, needles);
      notification.body = replaceAll(notification.body, needles);
    }
    await em.flush();
  }
  // Memberships, and what hangs on them (personal notifications, read marks), go by cascade.
  await em.nativeDelete(User, { id: user.id });
}

/**
 * Deletes every row of an organization: the organization row takes its tenant rows with it (foreign keys
 * cascade), tables that name it by a plain `organizationId` column (the mail outbox…) are emptied first.
 * Members of no other organization are erased; export files are swept by the export worker once their
 * rows are gone.
 */
export async function purgeOrganization(em: EntityManager, organizationId: string): Promise<void> {
  // The rate-limit counters of the addresses it invited name those people; they are not kept for anyone.
  const invited = await em.find(
    AccountToken,
    { organization: organizationId },
    { fields: ['email'], filters: false },
  );
  if (invited.length > 0) {
    await em.nativeDelete(RateLimitHit, {
      subject: { $in: [...new Set(invited.map((token) => token.email))] },
    });
  }
  const plan = planOrganizationTables(em.getMetadata());
  for (const table of plan.tables) {
    const byColumn = table.meta.props.find(
      (prop) => prop.kind === ReferenceKind.SCALAR && prop.name === 'organizationId',
    );
    if (byColumn && table.rule === 'direct') {
      await em.nativeDelete(table.meta.className, { organizationId }, { filters: false });
    }
  }
  // Members who belong to no other organization: their accounts existed for this one only, and go with it,
  // erased like a deleted account (login and audit records anonymized). The others keep their accounts.
  const members = await em.find(Membership, { organization: organizationId }, { fields: ['user'] });
  const memberIds = members.map((membership) => membership.user.id);
  const elsewhere = await em.find(
    Membership,
    { user: { $in: memberIds }, organization: { $ne: organizationId } },
    { fields: ['user'] },
  );
  const staying = new Set(elsewhere.map((membership) => membership.user.id));
  const orphans = await em.find(User, { id: { $in: memberIds.filter((id) => !staying.has(id)) } });
  await em.nativeDelete(Organization, { id: organizationId });
  for (const user of orphans) await eraseUser(em, user);
}

/**
 * The purge job: every organization whose grace period is over is deleted, each in its own transaction.
 * Idempotent (a purged organization is simply no longer found), so it runs on every scheduler tick.
 */
export async function purgeDueOrganizations(
  database: Database,
  now: Date,
): Promise<{ purged: number; organizationIds: string[] }> {
  const due = await database
    .fork()
    .find(Organization, { purgeAfter: { $lte: now } }, { fields: ['id'], orderBy: { purgeAfter: 'asc' } });
  for (const organization of due) {
    await database.fork().transactional(async (em) => {
      // Cancelled meanwhile? Checked again inside the transaction.
      const still = await em.count(Organization, { id: organization.id, purgeAfter: { $lte: now } });
      if (still > 0) await purgeOrganization(em, organization.id);
    });
  }
  return { purged: due.length, organizationIds: due.map((organization) => organization.id) };
}
