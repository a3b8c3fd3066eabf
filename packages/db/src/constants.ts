// The enumerations of the data model, without the ORM: the entities use them, and so do the shared zod
// schemas that the browser bundle imports (`@picineiros/db/constants` pulls in no MikroORM).

export const ACCOUNT_TOKEN_PURPOSES = ['verify_email', 'reset_password', 'invite'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

export const APPOINTMENT_STATUSES = ['pending', 'confirmed', 'done', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const AUDIT_ACTIONS = ['create', 'update', 'status_change', 'archive', 'restore'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const FINANCE_STATUSES = ['pending', 'paid'] as const;
export type FinanceStatus = (typeof FINANCE_STATUSES)[number];

export const PAYMENT_METHODS = ['pix', 'cash', 'bank_transfer', 'boleto', 'card'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const LOGIN_OUTCOMES = ['success', 'failure', 'throttled'] as const;
export type LoginOutcome = (typeof LOGIN_OUTCOMES)[number];

export const MAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const MEMBERSHIP_ROLES = ['owner', 'admin', 'staff'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const NOTIFICATION_TYPES = [
  'appointment_created',
  'appointment_reminder',
  'finance_due_today',
  'finance_overdue',
  'member_invited',
  'member_joined',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const POOL_TYPES = ['fiberglass', 'vinyl', 'masonry', 'other'] as const;
export type PoolType = (typeof POOL_TYPES)[number];

export const POOL_LOCATIONS = ['outdoor', 'indoor'] as const;
export type PoolLocation = (typeof POOL_LOCATIONS)[number];

export const SESSION_CLIENTS = ['web', 'desktop'] as const;
export type SessionClient = (typeof SESSION_CLIENTS)[number];

// Billing (see docs/architecture.md, "Billing").
export const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'past_due', 'canceled', 'expired'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const INVOICE_STATUSES = [
  'pending',
  'confirmed',
  'received',
  'overdue',
  'refunded',
  'deleted',
] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** How the organization pays Picineiros; Asaas's names (PIX, BOLETO, CREDIT_CARD) in lower case. */
export const BILLING_TYPES = ['pix', 'boleto', 'credit_card'] as const;
export type BillingType = (typeof BILLING_TYPES)[number];

export const WEBHOOK_OUTCOMES = ['processed', 'ignored', 'failed'] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

/** Why an organization is read-only (no write is accepted until it pays). */
export const READ_ONLY_REASONS = ['trial_ended', 'past_due', 'canceled', 'expired'] as const;
export type ReadOnlyReason = (typeof READ_ONLY_REASONS)[number];

/** The limits a plan sets. */
export const PLAN_LIMITS = [
  'activeClients',
  'members',
  'appointmentsPerMonth',
  'emailNoticesPerMonth',
] as const;
export type PlanLimit = (typeof PLAN_LIMITS)[number];

// LGPD (see docs/architecture.md, "LGPD").
export const DATA_EXPORT_STATUSES = [
  'queued',
  'running',
  'ready',
  'downloaded',
  'failed',
  'expired',
] as const;
export type DataExportStatus = (typeof DATA_EXPORT_STATUSES)[number];
