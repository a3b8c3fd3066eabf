import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  Invoice,
  Organization,
  Plan,
  Subscription,
  type EntityManager,
  type InvoiceStatus,
} from '@picineiros/db';
import { addMonthsToLocalMonth, startOfLocalDate } from '../shared/local-time';
import { DEFAULT_BILLING_SETTINGS, type BillingSettings } from './state';

// The subscription row and its invoices, outside any request: the registration, the read-only guard,
// the webhook processor and the retry job all use these.

const DAY_MS = 86_400_000;

/** The plan a trial runs on: the largest offered (highest price), so a trial shows everything. */
export async function findTrialPlan(em: EntityManager): Promise<Plan> {
  const plan = await em.findOne(
    Plan,
    { active: true },
    { orderBy: { priceCents: 'desc', sortOrder: 'desc' } },
  );
  if (!plan) throw new Error('No active plan: the billing migration seeds them');
  return plan;
}

/** A new organization's trial, flushed with the organization (registration). */
export async function startTrial(
  em: EntityManager,
  organization: Organization,
  now: Date,
  settings: BillingSettings = DEFAULT_BILLING_SETTINGS,
): Promise<Subscription> {
  return em.create(Subscription, {
    organization,
    plan: await findTrialPlan(em),
    status: 'trialing',
    trialEndsAt: new Date(now.getTime() + settings.trialDays * DAY_MS),
  });
}

/**
 * The organization's subscription. Organizations created before billing existed (and the demo seed) get a
 * trial from their first use, so nobody is locked out by the upgrade.
 */
export async function ensureSubscription(
  em: EntityManager,
  organization: Organization,
  now: Date,
  settings: BillingSettings = DEFAULT_BILLING_SETTINGS,
): Promise<Subscription> {
  const where = { organization: organization.id };
  const found = await em.findOne(Subscription, where, { populate: ['plan'], filters: { tenant: false } });
  if (found) return found;
  const fork = em.fork();
  try {
    await startTrial(fork, fork.getReference(Organization, organization.id), now, settings);
    await fork.flush();
  } catch (error) {
    // Two first calls at once: the other one created it.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
  }
  return em.findOneOrFail(Subscription, where, { populate: ['plan'], filters: { tenant: false } });
}

// Asaas may deliver events late, twice or out of order: an invoice's status only moves forward.
const STATUS_RANK: Record<Exclude<InvoiceStatus, 'deleted'>, number> = {
  pending: 0,
  overdue: 1,
  confirmed: 2,
  received: 3,
  refunded: 4,
};
const PAID: readonly InvoiceStatus[] = ['confirmed', 'received', 'refunded'];

/** The status after `incoming` is learned about an invoice that is `current`. */
export function nextInvoiceStatus(current: InvoiceStatus, incoming: InvoiceStatus): InvoiceStatus {
  if (current === incoming) return current;
  // A removed charge stays removed unless news of a payment arrives (it was restored and paid).
  if (incoming === 'deleted') return PAID.includes(current) ? current : 'deleted';
  if (current === 'deleted') return PAID.includes(incoming) ? incoming : 'deleted';
  return STATUS_RANK[incoming] > STATUS_RANK[current] ? incoming : current;
}

/** The first instant after the month an invoice paid for (its due date plus one month, local midnight). */
function paidUntil(dueDate: string, timezone: string): Date {
  const nextMonth = addMonthsToLocalMonth(dueDate.slice(0, 7), 1);
  const [year, month] = nextMonth.split('-').map(Number) as [number, number];
  const day = Math.min(Number(dueDate.slice(8, 10)), new Date(Date.UTC(year, month, 0)).getUTCDate());
  return startOfLocalDate(`${nextMonth}-${String(day).padStart(2, '0')}`, timezone);
}

/**
 * Derives the subscription's status from its invoices, so the order in which their events arrived does not
 * matter: any overdue invoice → past_due (since the oldest one became overdue); otherwise any paid one →
 * active. The paid period grows with every paid invoice. A canceled or expired subscription keeps its
 * status (only a new subscription revives it) but still learns how far it is paid.
 */
export async function recomputeSubscription(
  em: EntityManager,
  subscription: Subscription,
  timezone: string,
): Promise<void> {
  const invoices = await em.find(Invoice, { subscription }, { filters: { tenant: false } });
  const paid = invoices.filter((invoice) => invoice.status === 'confirmed' || invoice.status === 'received');
  for (const invoice of paid) {
    const until = paidUntil(invoice.dueDate, timezone);
    if (!subscription.currentPeriodEnd || until > subscription.currentPeriodEnd) {
      subscription.currentPeriodEnd = until;
    }
  }
  if (subscription.status === 'canceled' || subscription.status === 'expired') return;
  const overdue = invoices.filter((invoice) => invoice.status === 'overdue');
  if (overdue.length > 0) {
    subscription.status = 'past_due';
    const since = Math.min(...overdue.map((invoice) => (invoice.overdueAt ?? invoice.updatedAt).getTime()));
    subscription.pastDueSince = new Date(since);
  } else if (paid.length > 0) {
    subscription.status = 'active';
    subscription.pastDueSince = null;
  }
}
