import { AuditEntry, currentChangeContext, Membership, User, type Organization } from '@picineiros/db';
import type { Context } from '../context';
import { describeDeletion } from '../privacy/service';
import { ADDRESS_COLUMNS, applyAddress } from '../shared/address';
import { applyContact } from '../shared/contact';
import type { OrgContext } from '../shared/org-context';
import { describeCompany } from './company';
import type { TCurrentOrganization, TOrganizationView, TUpdateOrganizationInput } from './schema';

export function describeOrganization(organization: Organization): TOrganizationView {
  return {
    id: organization.id,
    ...describeCompany(organization),
    timezone: organization.timezone,
    hasLogo: organization.logoContentType != null,
  };
}

/** The caller's organization, their role in it, and its pending deletion if an owner asked for one. */
export function describeCurrentOrganization(ctx: OrgContext): TCurrentOrganization {
  return {
    ...describeOrganization(ctx.organization),
    role: ctx.membership.role,
    deletion: describeDeletion(ctx.organization),
  };
}

/** The organization's columns a settings change may touch, as the audit log records them. */
const AUDITED_COLUMNS = [
  'name',
  'timezone',
  'document',
  'phone',
  'replyToEmail',
  ...ADDRESS_COLUMNS,
  'appointmentReminderHour',
  'financeNoticeHour',
  'emailAppointmentReminders',
  'emailDueNotices',
  'emailOverdueNotices',
] as const satisfies readonly (keyof Organization)[];

type AuditedColumns = Pick<Organization, (typeof AUDITED_COLUMNS)[number]>;

function auditedColumnsOf(organization: Organization): AuditedColumns {
  return Object.fromEntries(
    AUDITED_COLUMNS.map((column) => [column, organization[column] ?? null]),
  ) as AuditedColumns;
}

/**
 * Applies a settings change to the organization and records it in the audit log in the same flush: the
 * organization is not a synced row, so the change-tracking subscriber does not see it.
 */
export async function changeOrganizationSettings(
  ctx: Context,
  organization: Organization,
  change: (organization: Organization) => void,
): Promise<void> {
  const before = auditedColumnsOf(organization);
  change(organization);
  const after = auditedColumnsOf(organization);
  const changes = Object.fromEntries(
    AUDITED_COLUMNS.filter((column) => before[column] !== after[column]).map((column) => [
      column,
      { before: before[column], after: after[column] },
    ]),
  );
  if (Object.keys(changes).length > 0) {
    const actor = currentChangeContext()?.actor ?? null;
    ctx.em.create(AuditEntry, {
      organization,
      membership: actor ? ctx.em.getReference(Membership, actor.membershipId) : null,
      user: actor ? ctx.em.getReference(User, actor.userId) : null,
      actorName: actor?.name.slice(0, 120) ?? null,
      at: ctx.clock(),
      entityType: 'organization',
      entityId: organization.id,
      action: 'update',
      changes,
    });
  }
  await ctx.em.flush();
}

export async function updateOrganization(
  ctx: Context,
  organization: Organization,
  input: TUpdateOrganizationInput,
): Promise<TOrganizationView> {
  await changeOrganizationSettings(ctx, organization, (target) => {
    if (input.name !== undefined) target.name = input.name;
    if (input.timezone !== undefined) target.timezone = input.timezone;
    applyContact(target, input);
    if (input.replyToEmail !== undefined) target.replyToEmail = input.replyToEmail;
    applyAddress(target, input.address);
  });
  return describeOrganization(organization);
}
