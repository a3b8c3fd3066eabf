export * from '../constants';
import { AccountTokenSchema } from './account-token.entity';
import { AppointmentSchema } from './appointment.entity';
import { AuditEntrySchema } from './audit-entry.entity';
import { BaseEntitySchema } from './base.entity';
import { ClientSchema } from './client.entity';
import { DataExportSchema } from './data-export.entity';
import { FinanceEntrySchema } from './finance-entry.entity';
import { InvoiceSchema } from './invoice.entity';
import { JobRunSchema } from './job-run.entity';
import { LoginEventSchema } from './login-event.entity';
import { MailMessageSchema } from './mail-message.entity';
import { MembershipSchema } from './membership.entity';
import { NotificationSchema } from './notification.entity';
import { NotificationReadSchema } from './notification-read.entity';
import { OrganizationSchema } from './organization.entity';
import { PendingRegistrationSchema } from './pending-registration.entity';
import { PlanSchema } from './plan.entity';
import { PoolSchema } from './pool.entity';
import { RateLimitHitSchema } from './rate-limit-hit.entity';
import { RequestCounterSchema } from './request-counter.entity';
import { SessionSchema } from './session.entity';
import { SubscriptionSchema } from './subscription.entity';
import { SyncCounterSchema } from './sync-counter.entity';
import { SyncedEntitySchema, TenantEntitySchema } from './tenant-entity';
import { UserSchema } from './user.entity';
import { WebhookEventSchema } from './webhook-event.entity';

export * from './account-token.entity';
export * from './appointment.entity';
export * from './audit-entry.entity';
export * from './base.entity';
export * from './client.entity';
export * from './data-export.entity';
export * from './finance-entry.entity';
export * from './invoice.entity';
export * from './job-run.entity';
export * from './login-event.entity';
export * from './mail-message.entity';
export * from './membership.entity';
export * from './notification.entity';
export * from './notification-read.entity';
export * from './organization.entity';
export * from './pending-registration.entity';
export * from './plan.entity';
export * from './pool.entity';
export * from './rate-limit-hit.entity';
export * from './request-counter.entity';
export * from './session.entity';
export * from './subscription.entity';
export * from './sync-counter.entity';
export * from './tenant';
export * from './tenant-entity';
export * from './user.entity';
export * from './webhook-event.entity';

/** Every entity schema the ORM knows; add new ones here. */
export const entitySchemas = [
  BaseEntitySchema,
  TenantEntitySchema,
  SyncedEntitySchema,
  OrganizationSchema,
  UserSchema,
  MembershipSchema,
  SessionSchema,
  LoginEventSchema,
  AccountTokenSchema,
  PendingRegistrationSchema,
  MailMessageSchema,
  RateLimitHitSchema,
  RequestCounterSchema,
  ClientSchema,
  PoolSchema,
  SyncCounterSchema,
  AuditEntrySchema,
  AppointmentSchema,
  FinanceEntrySchema,
  NotificationSchema,
  NotificationReadSchema,
  JobRunSchema,
  DataExportSchema,
  PlanSchema,
  SubscriptionSchema,
  InvoiceSchema,
  WebhookEventSchema,
];
