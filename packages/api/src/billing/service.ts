import { Invoice, Plan, PLAN_LIMITS, Subscription, type EntityManager } from '@picineiros/db';
import { TRPCError } from '@trpc/server';
import type { OrgContext } from '../shared/org-context';
import { fieldError } from '../shared/field-error';
import { localDateOf } from '../shared/local-time';
import { AsaasError, type AsaasGateway } from './asaas';
import { billingError } from './errors';
import { limitOf, usageOf } from './limits';
import { billingMessages } from './messages';
import type {
  TBillingCurrent,
  TChangePlanInput,
  TInvoiceView,
  TPlanView,
  TSubscribeInput,
  TSubscribeResult,
} from './schema';
import { DEFAULT_BILLING_SETTINGS, deriveBillingState, type BillingSettings } from './state';
import { ensureSubscription, recomputeSubscription } from './subscription';
import { applyPayment, invoiceStatusOfPayment } from './invoices';

/** How long a change may talk to Asaas before another one may start anyway (a crashed call's claim). */
const CHANGE_CLAIM_MS = 60_000;

/**
 * Runs a change that calls Asaas while holding the subscription's claim: two subscribe calls at once (a
 * double click, two tabs) would otherwise both create an Asaas subscription and charge twice. The claim
 * is a conditional UPDATE, so it holds across instances; it is released at the end, or expires.
 */
async function withChangeClaim<T>(
  ctx: OrgContext,
  subscription: Subscription,
  work: () => Promise<T>,
): Promise<T> {
  const now = ctx.clock();
  const claimed = await ctx.em
    .fork()
    .nativeUpdate(
      Subscription,
      { id: subscription.id, $or: [{ changingUntil: null }, { changingUntil: { $lt: now } }] },
      { changingUntil: new Date(now.getTime() + CHANGE_CLAIM_MS) },
      { filters: false },
    );
  if (claimed === 0) throw new TRPCError({ code: 'CONFLICT', message: billingMessages.changeInProgress });
  try {
    // Re-read under the claim (the claim's UPDATE moved the row's version; a concurrent change may have
    // finished just before it was taken).
    await ctx.em.refresh(subscription, { filters: false });
    return await work();
  } finally {
    await ctx.em
      .fork()
      .nativeUpdate(Subscription, { id: subscription.id }, { changingUntil: null }, { filters: false });
  }
}

function settingsOf(ctx: OrgContext): BillingSettings {
  return ctx.settings.billing ?? DEFAULT_BILLING_SETTINGS;
}

export function viewPlan(plan: Plan): TPlanView {
  return {
    code: plan.code,
    name: plan.name,
    priceCents: plan.priceCents,
    limits: {
      activeClients: plan.maxActiveClients,
      members: plan.maxMembers,
      appointmentsPerMonth: plan.maxAppointmentsPerMonth,
      emailNoticesPerMonth: plan.maxEmailNoticesPerMonth,
    },
  };
}

export function viewInvoice(invoice: Invoice): TInvoiceView {
  const payable = invoice.status === 'pending' || invoice.status === 'overdue';
  return {
    id: invoice.id,
    asaasPaymentId: invoice.asaasPaymentId,
    amountCents: invoice.amountCents,
    dueDate: invoice.dueDate,
    status: invoice.status,
    billingType: invoice.billingType,
    invoiceUrl: invoice.invoiceUrl ?? null,
    pixCode: payable ? (invoice.pixCode ?? null) : null,
    paidAt: invoice.paidAt ?? null,
  };
}

export async function listPlans(em: EntityManager): Promise<TPlanView[]> {
  const plans = await em.find(Plan, { active: true }, { orderBy: { sortOrder: 'asc', priceCents: 'asc' } });
  return plans.map(viewPlan);
}

async function findPlan(ctx: OrgContext, code: string): Promise<Plan> {
  const plan = await ctx.em.findOne(Plan, { code, active: true });
  if (!plan) throw fieldError('planCode', billingMessages.planNotFound);
  return plan;
}

function gatewayOf(ctx: OrgContext): AsaasGateway {
  if (!ctx.asaas) {
    throw billingError('PRECONDITION_FAILED', billingMessages.unavailable, { reason: 'unavailable' });
  }
  return ctx.asaas;
}

/** Asaas's refusals as our errors: a refused CPF/CNPJ is a field error, the rest a gateway failure. */
async function askAsaas<T>(ctx: OrgContext, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!(error instanceof AsaasError)) throw error;
    ctx.logger.warn({ err: error, status: error.status, errors: error.errors }, 'Asaas request failed');
    if (error.errors.some((item) => /cpf|cnpj/i.test(`${item.code} ${item.description}`))) {
      throw fieldError('cpfCnpj', billingMessages.documentRefused);
    }
    throw billingError('BAD_GATEWAY', billingMessages.providerError, { reason: 'provider_error' });
  }
}

export async function describeBilling(ctx: OrgContext): Promise<TBillingCurrent> {
  const now = ctx.clock();
  const settings = settingsOf(ctx);
  const subscription = await ensureSubscription(ctx.em, ctx.organization, now, settings);
  const derived = deriveBillingState(subscription, now, settings);
  // Without payments configured nothing is enforced (see limits.ts), so nothing is announced either.
  const state = ctx.asaas ? derived : { ...derived, readOnlyReason: null, graceEndsAt: null, banner: null };
  const usage = Object.fromEntries(
    await Promise.all(
      PLAN_LIMITS.map(async (limit) => [
        limit,
        {
          used: await usageOf(ctx.em.fork(), ctx.organization, limit, now),
          limit: limitOf(subscription.plan, limit),
        },
      ]),
    ),
  ) as TBillingCurrent['usage'];
  return {
    plan: viewPlan(subscription.plan),
    status: subscription.status,
    trialEndsAt: subscription.status === 'trialing' ? (subscription.trialEndsAt ?? null) : null,
    trialDaysLeft: subscription.status === 'trialing' ? state.trialDaysLeft : null,
    currentPeriodEnd: subscription.currentPeriodEnd ?? null,
    graceEndsAt: state.graceEndsAt,
    billingType: subscription.billingType ?? null,
    subscribed: isSubscribed(subscription),
    document: ctx.organization.document ?? null,
    usage,
    readOnly: state.readOnlyReason !== null,
    readOnlyReason: state.readOnlyReason,
    banner: state.banner,
    canManage: ctx.membership.role === 'owner',
    billingAvailable: Boolean(ctx.asaas),
  };
}

function isSubscribed(subscription: Subscription): boolean {
  return (
    Boolean(subscription.asaasSubscriptionId) &&
    subscription.status !== 'canceled' &&
    subscription.status !== 'expired'
  );
}

/** Fills the PIX copy-and-paste code of payable PIX invoices (once; Asaas keeps it valid long after). */
async function fillPixCodes(ctx: OrgContext, invoices: Invoice[]): Promise<void> {
  if (!ctx.asaas) return;
  const gateway = ctx.asaas;
  const missing = invoices.filter(
    (invoice) =>
      invoice.billingType === 'pix' &&
      !invoice.pixCode &&
      (invoice.status === 'pending' || invoice.status === 'overdue'),
  );
  await Promise.all(
    missing.map(async (invoice) => {
      try {
        invoice.pixCode = (await gateway.getPixQrCode(invoice.asaasPaymentId)).payload;
      } catch (error) {
        // The invoice page still works without the code; the next listing tries again.
        ctx.logger.warn({ err: error, invoiceId: invoice.id }, 'PIX code not available');
      }
    }),
  );
}

export async function subscribe(ctx: OrgContext, input: TSubscribeInput): Promise<TSubscribeResult> {
  const gateway = gatewayOf(ctx);
  const now = ctx.clock();
  const organization = ctx.organization;
  const plan = await findPlan(ctx, input.planCode);
  const subscription = await ensureSubscription(ctx.em, organization, now, settingsOf(ctx));
  if (isSubscribed(subscription)) {
    throw billingError('PRECONDITION_FAILED', billingMessages.alreadySubscribed, { reason: 'unavailable' });
  }
  const document = input.cpfCnpj ?? organization.document;
  if (!document) throw fieldError('cpfCnpj', billingMessages.documentRequired);
  return withChangeClaim(ctx, subscription, () =>
    subscribeClaimed(ctx, gateway, subscription, plan, input, document),
  );
}

async function subscribeClaimed(
  ctx: OrgContext,
  gateway: AsaasGateway,
  subscription: Subscription,
  plan: Plan,
  input: TSubscribeInput,
  document: string,
): Promise<TSubscribeResult> {
  const now = ctx.clock();
  const organization = ctx.organization;
  if (isSubscribed(subscription)) {
    throw billingError('PRECONDITION_FAILED', billingMessages.alreadySubscribed, { reason: 'unavailable' });
  }

  const customerId =
    subscription.asaasCustomerId ??
    (await askAsaas(ctx, async () => {
      const found = await gateway.findCustomerByExternalReference(organization.id);
      if (found) return found.id;
      const created = await gateway.createCustomer({
        name: organization.name,
        cpfCnpj: document,
        email: ctx.user.email,
        externalReference: organization.id,
      });
      return created.id;
    }));
  // The first invoice is due when what the organization already has runs out: the trial, or a paid
  // period of a canceled subscription; otherwise today.
  const today = localDateOf(now, organization.timezone);
  const runsUntil = [
    subscription.status === 'trialing' ? subscription.trialEndsAt : null,
    subscription.currentPeriodEnd,
  ]
    .filter((end): end is Date => Boolean(end) && (end as Date) > now)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  const nextDueDate = runsUntil ? localDateOf(runsUntil, organization.timezone) : today;
  const created = await askAsaas(ctx, () =>
    gateway.createSubscription({
      customer: customerId,
      billingType: input.billingType,
      valueCents: plan.priceCents,
      nextDueDate,
      description: `Picineiros — plano ${plan.name}`,
      externalReference: organization.id,
    }),
  );

  if (input.cpfCnpj) organization.document = input.cpfCnpj;
  const previousStatus = subscription.status;
  subscription.plan = plan;
  subscription.asaasCustomerId = customerId;
  subscription.asaasSubscriptionId = created.id;
  subscription.billingType = input.billingType;
  subscription.canceledAt = null;
  if (previousStatus === 'canceled' || previousStatus === 'expired') {
    // Back from a cancellation: still paid up → active until then; otherwise unpaid since it ended, so
    // the grace period counts from there.
    const paidUntil = subscription.currentPeriodEnd;
    if (paidUntil && paidUntil > now) {
      subscription.status = 'active';
    } else {
      subscription.status = 'past_due';
      subscription.pastDueSince = paidUntil ?? now;
    }
  }
  await ctx.em.flush();

  // The first invoice, to send the payer to its page at once (its webhook may arrive later or earlier).
  let first: Invoice | null = null;
  try {
    const payments = await gateway.listSubscriptionPayments(created.id);
    for (const payment of payments) {
      const existing = await ctx.em.findOne(
        Invoice,
        { asaasPaymentId: payment.id },
        { filters: { tenant: false } },
      );
      const invoice = applyPayment(
        ctx.em,
        existing,
        subscription,
        organization,
        payment,
        invoiceStatusOfPayment(payment),
        now,
      );
      if (!first || invoice.dueDate < first.dueDate) first = invoice;
    }
    if (first) await fillPixCodes(ctx, [first]);
    await recomputeSubscription(ctx.em, subscription, organization.timezone);
    await ctx.em.flush();
  } catch (error) {
    // The subscription exists; the invoice arrives by webhook and shows in billing.invoices.
    ctx.logger.warn({ err: error }, 'first invoice not read after subscribing');
    ctx.em.clear();
    first = null;
  }
  return { current: await describeBilling(ctx), invoice: first ? viewInvoice(first) : null };
}

export async function changePlan(ctx: OrgContext, input: TChangePlanInput): Promise<TBillingCurrent> {
  const gateway = gatewayOf(ctx);
  const plan = await findPlan(ctx, input.planCode);
  const subscription = await ensureSubscription(ctx.em, ctx.organization, ctx.clock(), settingsOf(ctx));
  if (!isSubscribed(subscription) || !subscription.asaasSubscriptionId) {
    throw billingError('PRECONDITION_FAILED', billingMessages.notSubscribed, { reason: 'unavailable' });
  }
  if (
    subscription.plan.id === plan.id &&
    (!input.billingType || input.billingType === subscription.billingType)
  ) {
    throw fieldError('planCode', billingMessages.samePlan);
  }
  const asaasId = subscription.asaasSubscriptionId;
  return withChangeClaim(ctx, subscription, async () => {
    await askAsaas(ctx, () =>
      gateway.updateSubscription(asaasId, {
        valueCents: plan.priceCents,
        description: `Picineiros — plano ${plan.name}`,
        updatePendingPayments: true,
        ...(input.billingType ? { billingType: input.billingType } : {}),
      }),
    );
    // Takes effect at once, both ways: a smaller plan keeps every record but refuses new ones over its limits.
    subscription.plan = plan;
    if (input.billingType) subscription.billingType = input.billingType;
    await ctx.em.flush();
    return describeBilling(ctx);
  });
}

export async function cancelSubscription(ctx: OrgContext): Promise<TBillingCurrent> {
  const gateway = gatewayOf(ctx);
  const now = ctx.clock();
  const subscription = await ensureSubscription(ctx.em, ctx.organization, now, settingsOf(ctx));
  if (!isSubscribed(subscription) || !subscription.asaasSubscriptionId) {
    throw billingError('PRECONDITION_FAILED', billingMessages.notSubscribed, { reason: 'unavailable' });
  }
  const asaasId = subscription.asaasSubscriptionId;
  return withChangeClaim(ctx, subscription, async () => {
    // Asaas removes the subscription and its unpaid invoices (their PAYMENT_DELETED events follow).
    await askAsaas(ctx, () => gateway.deleteSubscription(asaasId));
    if (subscription.status === 'trialing' && subscription.trialEndsAt && subscription.trialEndsAt > now) {
      subscription.currentPeriodEnd = subscription.trialEndsAt;
    }
    subscription.status = 'canceled';
    subscription.canceledAt = now;
    await ctx.em.flush();
    return describeBilling(ctx);
  });
}

export async function listInvoices(ctx: OrgContext): Promise<TInvoiceView[]> {
  const invoices = await ctx.em.find(
    Invoice,
    { organization: ctx.organization },
    { orderBy: { dueDate: 'desc', id: 'desc' }, limit: 60 },
  );
  await fillPixCodes(ctx, invoices);
  await ctx.em.flush();
  return invoices.map(viewInvoice);
}
