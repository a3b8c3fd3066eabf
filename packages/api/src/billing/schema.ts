import {
  BILLING_TYPES,
  INVOICE_STATUSES,
  PLAN_LIMITS,
  READ_ONLY_REASONS,
  SUBSCRIPTION_STATUSES,
  type PlanLimit,
  type ReadOnlyReason,
} from '@picineiros/db/constants';
import { ZCpfCnpj } from '../shared/brazil';
import { z } from '../shared/validation';

// Shared with the billing screen: inputs for its forms, outputs for its types.

export const ZBillingType = z.enum(BILLING_TYPES, { error: 'Escolha PIX, boleto ou cartão de crédito.' });
export const ZPlanCode = z.string().trim().min(1, { error: 'Escolha um plano.' }).max(40);

export const ZSubscribeInput = z.object({
  planCode: ZPlanCode,
  billingType: ZBillingType,
  /** Required unless the organization already has its CPF/CNPJ (settings); stored on the organization. */
  cpfCnpj: ZCpfCnpj.optional(),
});
export type TSubscribeInput = z.infer<typeof ZSubscribeInput>;

export const ZChangePlanInput = z.object({
  planCode: ZPlanCode,
  /** Also switch how the next invoices are paid. */
  billingType: ZBillingType.optional(),
});
export type TChangePlanInput = z.infer<typeof ZChangePlanInput>;

export const ZPlanLimits = z.object({
  activeClients: z.number().int(),
  members: z.number().int(),
  appointmentsPerMonth: z.number().int(),
  emailNoticesPerMonth: z.number().int(),
}) satisfies z.ZodType<Record<PlanLimit, number>>;
export type TPlanLimits = z.infer<typeof ZPlanLimits>;

export const ZPlanView = z.object({
  code: z.string(),
  name: z.string(),
  priceCents: z.number().int(),
  limits: ZPlanLimits,
});
export type TPlanView = z.infer<typeof ZPlanView>;

export const ZUsage = z.object({ used: z.number().int(), limit: z.number().int() });
export const ZBannerKind = z.enum(['trial_ending', 'past_due', 'canceled', 'read_only']);

export const ZBillingCurrent = z.object({
  plan: ZPlanView,
  status: z.enum(SUBSCRIPTION_STATUSES),
  trialEndsAt: z.date().nullable(),
  /** Days left in the trial, rounded up (14 right after sign-up, 1 on its last day); null outside one. */
  trialDaysLeft: z.number().int().nullable(),
  currentPeriodEnd: z.date().nullable(),
  /** End of the grace after an unpaid invoice (past_due); null otherwise. */
  graceEndsAt: z.date().nullable(),
  billingType: z.enum(BILLING_TYPES).nullable(),
  /** An Asaas subscription exists (subscribe was done); changePlan and cancel need it. */
  subscribed: z.boolean(),
  /** The organization's CPF/CNPJ (digits), needed to subscribe; null: ask for it. */
  document: z.string().nullable(),
  usage: z.object({
    activeClients: ZUsage,
    members: ZUsage,
    appointmentsPerMonth: ZUsage,
    emailNoticesPerMonth: ZUsage,
  }),
  readOnly: z.boolean(),
  readOnlyReason: z.enum(READ_ONLY_REASONS).nullable(),
  /** What the app-wide banner should say; null: no banner. */
  banner: z
    .object({ kind: ZBannerKind, daysLeft: z.number().int().nullable(), message: z.string() })
    .nullable(),
  /** The caller may subscribe, change plan or cancel (owners). */
  canManage: z.boolean(),
  /** Payments are configured on this server (Asaas or the local fake). */
  billingAvailable: z.boolean(),
});
export type TBillingCurrent = z.infer<typeof ZBillingCurrent>;

export const ZInvoiceView = z.object({
  id: z.string(),
  asaasPaymentId: z.string(),
  amountCents: z.number().int(),
  dueDate: z.string(),
  status: z.enum(INVOICE_STATUSES),
  billingType: z.enum(BILLING_TYPES),
  /** Asaas's invoice page: pay by PIX, boleto or card there (card data never reaches Picineiros). */
  invoiceUrl: z.string().nullable(),
  /** PIX copy-and-paste code while the invoice is payable by PIX; null otherwise. */
  pixCode: z.string().nullable(),
  paidAt: z.date().nullable(),
});
export type TInvoiceView = z.infer<typeof ZInvoiceView>;

export const ZSubscribeResult = z.object({
  current: ZBillingCurrent,
  /** The first invoice to pay (send the payer to `invoiceUrl`); null when Asaas has not created it yet. */
  invoice: ZInvoiceView.nullable(),
});
export type TSubscribeResult = z.infer<typeof ZSubscribeResult>;

/**
 * `error.data.billing` of a refused call, so the UI can show the right banner or link:
 * - `read_only`: the organization cannot write until it pays (any org-scoped mutation, PRECONDITION_FAILED);
 * - `limit_reached`: a plan limit (PRECONDITION_FAILED), with the usage;
 * - `unavailable`: payments are not configured on this server (PRECONDITION_FAILED);
 * - `provider_error`: Asaas refused or did not answer (BAD_GATEWAY).
 */
export type TBillingErrorData =
  | { reason: 'read_only'; readOnlyReason: ReadOnlyReason }
  | { reason: 'limit_reached'; limit: PlanLimit; used: number; max: number }
  | { reason: 'unavailable' }
  | { reason: 'provider_error' };

export { PLAN_LIMITS };
