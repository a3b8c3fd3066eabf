import {
  Appointment,
  Client,
  MailMessage,
  Membership,
  type EntityManager,
  type Organization,
  type Plan,
  type PlanLimit,
} from '@picineiros/db';
import type { Context } from '../context';
import { addMonthsToLocalMonth, localDateOf, startOfLocalDate, type LocalDate } from '../shared/local-time';
import { billingError } from './errors';
import { billingMessages } from './messages';
import { DEFAULT_BILLING_SETTINGS, deriveBillingState } from './state';
import { ensureSubscription } from './subscription';

/** Mail kinds that count as "e-mail notices" (mails to the organization's clients sent by the daily jobs). */
export const EMAIL_NOTICE_KINDS = ['appointment_reminder', 'finance_due_today', 'finance_overdue'] as const;

export function limitOf(plan: Plan, limit: PlanLimit): number {
  switch (limit) {
    case 'activeClients':
      return plan.maxActiveClients;
    case 'members':
      return plan.maxMembers;
    case 'appointmentsPerMonth':
      return plan.maxAppointmentsPerMonth;
    case 'emailNoticesPerMonth':
      return plan.maxEmailNoticesPerMonth;
  }
}

function monthRange(localDate: LocalDate): { from: LocalDate; to: LocalDate } {
  const month = localDate.slice(0, 7);
  return { from: `${month}-01`, to: `${addMonthsToLocalMonth(month, 1)}-01` };
}

/**
 * Current usage of a limit. Visits count by visit date in the month of `localDate` (default: this local
 * month); e-mail notices by the local month they were queued in.
 */
export async function usageOf(
  em: EntityManager,
  organization: Organization,
  limit: PlanLimit,
  now: Date,
  localDate: LocalDate = localDateOf(now, organization.timezone),
): Promise<number> {
  const scope = { filters: { tenant: false } };
  switch (limit) {
    case 'activeClients':
      return em.count(Client, { organization, deletedAt: null, active: true }, scope);
    case 'members':
      return em.count(Membership, { organization });
    case 'appointmentsPerMonth': {
      const { from, to } = monthRange(localDate);
      return em.count(Appointment, { organization, deletedAt: null, date: { $gte: from, $lt: to } }, scope);
    }
    case 'emailNoticesPerMonth': {
      const { from, to } = monthRange(localDate);
      return em.count(MailMessage, {
        organizationId: organization.id,
        kind: { $in: [...EMAIL_NOTICE_KINDS] },
        createdAt: {
          $gte: startOfLocalDate(from, organization.timezone),
          $lt: startOfLocalDate(to, organization.timezone),
        },
      });
    }
  }
}

type LimitContext = Pick<Context, 'em' | 'clock' | 'settings'>;

/**
 * The one place plan limits are enforced: the services call it before creating a record that counts
 * (a client, a member, a visit). Refuses with PRECONDITION_FAILED naming the limit and the usage. A plan
 * smaller than the current usage (a downgrade) keeps every record; only new ones are refused.
 */
export async function assertWithinLimit(
  ctx: LimitContext,
  organization: Organization,
  limit: PlanLimit,
  options: { localDate?: LocalDate } = {},
): Promise<void> {
  const now = ctx.clock();
  const subscription = await ensureSubscription(ctx.em, organization, now, ctx.settings.billing);
  const max = limitOf(subscription.plan, limit);
  const used = await usageOf(ctx.em, organization, limit, now, options.localDate);
  if (used + 1 > max) {
    throw billingError('PRECONDITION_FAILED', billingMessages.limitReached(limit, used, max), {
      reason: 'limit_reached',
      limit,
      used,
      max,
    });
  }
}

/**
 * The read-only rule, for the tRPC guard and the few writes that do not go through it (accepting an
 * invitation): refuses when the trial ended without a subscription, the grace after an unpaid invoice
 * passed, or a canceled subscription's paid period ended.
 */
export async function assertOrganizationWritable(
  ctx: LimitContext,
  organization: Organization,
): Promise<void> {
  const now = ctx.clock();
  const settings = ctx.settings.billing ?? DEFAULT_BILLING_SETTINGS;
  const subscription = await ensureSubscription(ctx.em, organization, now, settings);
  const state = deriveBillingState(subscription, now, settings);
  if (state.readOnlyReason) {
    throw billingError('PRECONDITION_FAILED', billingMessages.readOnly(state.readOnlyReason), {
      reason: 'read_only',
      readOnlyReason: state.readOnlyReason,
    });
  }
}
