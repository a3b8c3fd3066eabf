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
import { TRPCError } from '@trpc/server';
import { clearSessionCookies } from '../accounts/cookies';
import { countPasswordCheck, passwordCheckSubject } from '../accounts/password-checks';
import { verifyPassword } from '../accounts/password';
import type { Context } from '../context';
import { queueMail } from '../mail/outbox';
import { organizationDeletionEmail } from '../mail/templates';
import { fieldError } from '../shared/field-error';
import { formatLocalDateBr, localDateOf } from '../shared/local-time';
import { messages } from '../shared/messages';
import type { OrgContext } from '../shared/org-context';
import type { TDeleteAccountInput, TRequestOrganizationDeletionInput } from './schema';
import { planOrganizationTables } from './tenant-tables';

/** Between an owner's request and the purge, the organization can be restored (LGPD: the grace period). */
export const DELETION_GRACE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

const REMOVED_EMAIL = 'e-mail removido';

/** Notifications and mails that name members by name or e-mail (written by members/service.ts). */
const MEMBER_NOTIFICATION_TYPES = ['member_invited', 'member_joined'] as const;
const MEMBER_MAIL_KINDS = ['invite', 'organization_deletion'];

async function assertPassword(em: EntityManager, userId: string, password: string): Promise<User> {
  const user = await em.findOneOrFail(User, { id: userId }, { populate: ['passwordHash'] });
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw fieldError('password', messages.wrongPassword);
  }
  return user;
}

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

type SignedInContext = Context & { user: User };

/**
 * Deletes the caller's account. The last owner of an organization that has other members must first hand
 * the organization over (members.transferOwnership) or ask for its deletion; an organization whose only
 * member is the caller goes with the account, at once.
 */
export async function deleteAccount(ctx: SignedInContext, input: TDeleteAccountInput): Promise<{ ok: true }> {
  await countPasswordCheck(ctx, ctx.user.id);
  await ctx.em.transactional(async (em) => {
    const user = await assertPassword(em, ctx.user.id, input.password);
    const memberships = await em.find(
      Membership,
      { user, role: 'owner' },
      { populate: ['organization'], filters: false },
    );
    const alone: string[] = [];
    for (const membership of memberships) {
      const organization = membership.organization;
      const [owners, members] = await Promise.all([
        em.count(Membership, { organization, role: 'owner' }),
        em.count(Membership, { organization }),
      ]);
      if (owners > 1) continue;
      if (members === 1) alone.push(organization.id);
      else if (!organization.deletionRequestedAt) {
        throw new TRPCError({
          code: 'PRECONDITION_FAILED',
          message: messages.lastOwnerMustTransfer(organization.name),
        });
      }
    }
    for (const organizationId of alone) await purgeOrganization(em, organizationId);
    await eraseUser(em, user);
  });
  clearSessionCookies(ctx);
  ctx.logger.info({ userId: ctx.user.id }, 'account deleted');
  return { ok: true };
}

export function describeDeletion(organization: Organization) {
  return organization.deletionRequestedAt && organization.purgeAfter
    ? { requestedAt: organization.deletionRequestedAt, purgeAfter: organization.purgeAfter }
    : null;
}

/** Schedules the organization's purge in DELETION_GRACE_DAYS, after the owner retyped its name and password. */
export async function requestOrganizationDeletion(ctx: OrgContext, input: TRequestOrganizationDeletionInput) {
  const organization = ctx.organization;
  if (organization.deletionRequestedAt) {
    throw new TRPCError({ code: 'CONFLICT', message: messages.organizationDeletionPending });
  }
  const typed = input.organizationName.trim().toLocaleLowerCase('pt-BR');
  if (typed !== organization.name.trim().toLocaleLowerCase('pt-BR')) {
    throw fieldError('organizationName', messages.organizationNameMismatch);
  }
  await countPasswordCheck(ctx, ctx.user.id);
  await assertPassword(ctx.em, ctx.user.id, input.password);
  const now = ctx.clock();
  organization.deletionRequestedAt = now;
  organization.purgeAfter = new Date(now.getTime() + DELETION_GRACE_DAYS * DAY_MS);
  // Every owner hears of it at once: a deletion asked for from a stolen session can still be cancelled.
  const owners = await ctx.em.find(
    Membership,
    { organization, role: 'owner' },
    { populate: ['user'], orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  const purgeDate = formatLocalDateBr(localDateOf(organization.purgeAfter, organization.timezone));
  for (const owner of owners) {
    queueMail(
      ctx.em,
      {
        kind: 'organization_deletion',
        to: owner.user.email,
        organizationId: organization.id,
        content: organizationDeletionEmail({
          name: owner.user.name,
          organizationName: organization.name,
          requestedByName: ctx.user.name,
          purgeDate,
          settingsLink: `${ctx.settings.publicUrl.replace(/\/$/, '')}/#/settings`,
        }),
      },
      now,
    );
  }
  await ctx.em.flush();
  ctx.logger.info(
    { organizationId: organization.id, purgeAfter: organization.purgeAfter },
    'organization deletion requested',
  );
  return { deletion: describeDeletion(organization) };
}

export async function cancelOrganizationDeletion(ctx: OrgContext) {
  const organization = ctx.organization;
  if (!organization.deletionRequestedAt) {
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: messages.organizationDeletionNotPending });
  }
  organization.deletionRequestedAt = null;
  organization.purgeAfter = null;
  await ctx.em.flush();
  return { deletion: null };
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
