import { raw } from '@mikro-orm/core';
import {
  Appointment,
  Client,
  MailMessage,
  Membership,
  Subscription,
  type EntityManager,
  type Organization,
  type Plan,
  type PlanLimit,
} from '@picineiros/db';
import type { Context } from '../context';
import { addMonthsToLocalMonth, localDateOf, startOfLocalDate, type LocalDate } from '../shared/local-time';
import { withCountingLock } from '../shared/counting-lock';
import { billingError } from './errors';
import { billingMessages } from './messages';
import { DEFAULT_BILLING_SETTINGS, deriveBillingState } from './state';
import { ensureSubscription, findTrialPlan } from './subscription';

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
  localDate?: LocalDate,
): Promise<number> {
  // Only the monthly limits need the organization's time zone (a bare reference has none loaded).
  const month = () => monthRange(localDate ?? localDateOf(now, organization.timezone));
  const scope = { filters: { tenant: false } };
  switch (limit) {
    case 'activeClients':
      return em.count(Client, { organization, deletedAt: null, active: true }, scope);
    case 'members':
      return em.count(Membership, { organization });
    case 'appointmentsPerMonth': {
      const { from, to } = month();
      return em.count(Appointment, { organization, deletedAt: null, date: { $gte: from, $lt: to } }, scope);
    }
    case 'emailNoticesPerMonth': {
      const { from, to } = month();
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

type LimitContext = Pick<Context, 'em' | 'clock' | 'settings' | 'asaas'>;

/**
 * Plans and the read-only rule apply only where payments are configured (Asaas or its local fake): a
 * server without them (production without ASAAS_API_KEY, e.g. a self-hosted install) could never let an
 * organization pay its way out, so it enforces neither.
 */
function billingEnforced(ctx: LimitContext): boolean {
  return Boolean(ctx.asaas);
}

/**
 * Runs a procedure that may create what a plan limit counts (a client, a member, a visit) in one
 * transaction on `ctx.em`, so that the lock assertWithinLimit takes lasts until the new record is
 * committed: a parallel creation waits, then counts it. The routers wrap exactly those procedures.
 */
export function countedWrite<T>(ctx: Pick<Context, 'em'>, work: () => Promise<T>): Promise<T> {
  return withCountingLock(ctx.em, [], work);
}

/**
 * The one place plan limits are enforced: the services call it before creating a record that counts
 * (a client, a member, a visit), inside countedWrite. Refuses with PRECONDITION_FAILED naming the limit
 * and the usage. A plan smaller than the current usage (a downgrade) keeps every record; only new ones
 * are refused. The count is taken under a lock per organization and limit, held until the caller's
 * transaction commits, so N parallel creations at 48 of 50 end at 50.
 */
export async function assertWithinLimit(
  ctx: LimitContext,
  organization: Organization,
  limit: PlanLimit,
  options: { localDate?: LocalDate } = {},
): Promise<void> {
  if (!billingEnforced(ctx)) return;
  // Outside a transaction the lock would end with this statement and parallel calls would all pass.
  if (!ctx.em.isInTransaction()) throw new Error(`assertWithinLimit(${limit}) outside countedWrite`);
  await withCountingLock(ctx.em, [`plan-limit:${limit}:${organization.id}`], () =>
    checkWithinLimit(ctx, organization, limit, options),
  );
}

async function checkWithinLimit(
  ctx: LimitContext,
  organization: Organization,
  limit: PlanLimit,
  options: { localDate?: LocalDate },
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
  if (!billingEnforced(ctx)) return;
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

/**
 * How many more e-mail notices each organization may queue this local month: the daily jobs skip the
 * mails past it (the in-app notification still happens). A few queries whatever the number of
 * organizations: their subscriptions, then one count per time zone among them.
 */
export async function emailNoticeAllowances(
  em: EntityManager,
  organizations: Organization[],
  now: Date,
): Promise<Map<string, number>> {
  const allowances = new Map<string, number>();
  if (organizations.length === 0) return allowances;
  const ids = organizations.map((organization) => organization.id);
  const subscriptions = await em.find(
    Subscription,
    { organization: { $in: ids } },
    { populate: ['plan'], filters: { tenant: false } },
  );
  const planOf = new Map(
    subscriptions.map((subscription) => [subscription.organization.id, subscription.plan]),
  );
  // Organizations from before billing get their trial on first use; until then, the trial's limits.
  const fallback = planOf.size < ids.length ? await findTrialPlan(em) : null;
  const byTimezone = new Map<string, Organization[]>();
  for (const organization of organizations) {
    byTimezone.set(organization.timezone, [...(byTimezone.get(organization.timezone) ?? []), organization]);
  }
  for (const [timezone, group] of byTimezone) {
    const { from, to } = monthRange(localDateOf(now, timezone));
    const rows = await em
      .createQueryBuilder(MailMessage, 'mail')
      .select(['mail.organizationId', raw('count(*) as sent')])
      .where({
        organizationId: { $in: group.map((organization) => organization.id) },
        kind: { $in: [...EMAIL_NOTICE_KINDS] },
        createdAt: { $gte: startOfLocalDate(from, timezone), $lt: startOfLocalDate(to, timezone) },
      })
      .groupBy('mail.organizationId')
      .execute<{ organizationId: string; sent: number | string }[]>('all', true);
    const sent = new Map(rows.map((row) => [row.organizationId, Number(row.sent)]));
    for (const organization of group) {
      const plan = planOf.get(organization.id) ?? fallback;
      const max = plan ? plan.maxEmailNoticesPerMonth : Number.POSITIVE_INFINITY;
      allowances.set(organization.id, Math.max(0, max - (sent.get(organization.id) ?? 0)));
    }
  }
  return allowances;
}

/** Takes one notice from an organization's allowance; false when none is left (skip the mail). */
export function takeEmailNotice(allowances: Map<string, number>, organizationId: string): boolean {
  const left = allowances.get(organizationId) ?? Number.POSITIVE_INFINITY;
  if (left <= 0) return false;
  allowances.set(organizationId, left - 1);
  return true;
}
