// The LGPD procedures' rules: the data export (queued here, built by export-worker.ts), the organization's
// deletion with its grace period, and the deletion of one's own account.
import { DataExport, Membership, User, type EntityManager, type Organization } from '@picineiros/db';
import { TRPCError } from '@trpc/server';
import { clearSessionCookies } from '../accounts/cookies';
import { countPasswordCheck } from '../accounts/password-checks';
import { verifyPassword } from '../accounts/password';
import type { Context } from '../context';
import { queueMail } from '../mail/outbox';
import { organizationDeletionEmail } from '../mail/templates';
import { fieldError } from '../shared/field-error';
import { formatLocalDateBr, localDateOf } from '../shared/local-time';
import { messages } from '../shared/messages';
import type { OrgContext } from '../shared/org-context';
import { eraseUser, purgeOrganization } from './erasure';
import type {
  TDeleteAccountInput,
  TDeletion,
  TDeletionResult,
  TExportStatus,
  TExportSummary,
  TRequestOrganizationDeletionInput,
} from './schema';

/** Between an owner's request and the purge, the organization can be restored (LGPD: the grace period). */
export const DELETION_GRACE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

// ---- The data export ------------------------------------------------------------------------------

export function describeExport(dataExport: DataExport): TExportSummary {
  return {
    id: dataExport.id,
    status: dataExport.status,
    progress: dataExport.progress,
    requestedAt: dataExport.createdAt,
    finishedAt: dataExport.finishedAt ?? null,
    expiresAt: dataExport.expiresAt ?? null,
    downloadedAt: dataExport.downloadedAt ?? null,
    fileSize: dataExport.fileSize ?? null,
    /** `GET` it with the access token (owner only), once. */
    downloadPath: dataExport.status === 'ready' ? `/exports/${dataExport.id}.zip` : null,
  };
}
/** Queues an export of every record of the caller's organization (owners only; see the router). */
export async function requestExport(ctx: OrgContext): Promise<TExportSummary> {
  const inFlight = await ctx.em.count(DataExport, {
    organization: ctx.organization,
    status: { $in: ['queued', 'running'] },
  });
  if (inFlight > 0) throw new TRPCError({ code: 'CONFLICT', message: messages.exportAlreadyRunning });
  const dataExport = ctx.em.create(DataExport, {
    organization: ctx.organization,
    requestedBy: ctx.user,
    createdAt: ctx.clock(),
  });
  await ctx.em.flush();
  return describeExport(dataExport);
}

/** The organization's latest exports, newest first. */
export async function listExports(ctx: OrgContext): Promise<TExportStatus> {
  const rows = await ctx.em.find(
    DataExport,
    { organization: ctx.organization },
    { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 5 },
  );
  return { exports: rows.map(describeExport) };
}

// ---- Deletion -------------------------------------------------------------------------------------

async function assertPassword(em: EntityManager, userId: string, password: string): Promise<User> {
  const user = await em.findOneOrFail(User, { id: userId }, { populate: ['passwordHash'] });
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw fieldError('password', messages.wrongPassword);
  }
  return user;
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

export function describeDeletion(organization: Organization): TDeletion {
  return organization.deletionRequestedAt && organization.purgeAfter
    ? { requestedAt: organization.deletionRequestedAt, purgeAfter: organization.purgeAfter }
    : null;
}

/** Schedules the organization's purge in DELETION_GRACE_DAYS, after the owner retyped its name and password. */
export async function requestOrganizationDeletion(
  ctx: OrgContext,
  input: TRequestOrganizationDeletionInput,
): Promise<TDeletionResult> {
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

export async function cancelOrganizationDeletion(ctx: OrgContext): Promise<TDeletionResult> {
  const organization = ctx.organization;
  if (!organization.deletionRequestedAt) {
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: messages.organizationDeletionNotPending });
  }
  organization.deletionRequestedAt = null;
  organization.purgeAfter = null;
  await ctx.em.flush();
  return { deletion: null };
}
