import { EntitySchema } from '@mikro-orm/core';
import { type BillingType, type SubscriptionStatus } from '../constants';
import { Plan } from './plan.entity';
import { TenantEntity, TenantEntitySchema } from './tenant-entity';

/**
 * The organization's subscription (one per organization, created with the organization as a trial). The
 * status is what the last Asaas events said; whether the organization may write is derived from it and
 * the clock (trial end, grace after `pastDueSince`, `currentPeriodEnd` after a cancel) by the billing
 * service, never stored.
 */
export class Subscription extends TenantEntity<
  | 'trialEndsAt'
  | 'currentPeriodEnd'
  | 'pastDueSince'
  | 'canceledAt'
  | 'asaasCustomerId'
  | 'asaasSubscriptionId'
  | 'billingType'
  | 'changingUntil'
> {
  plan!: Plan;
  status!: SubscriptionStatus;
  trialEndsAt?: Date | null;
  /** End of the last paid month: a canceled subscription stays writable until then. */
  currentPeriodEnd?: Date | null;
  /** When the oldest unpaid invoice became overdue; the grace period counts from here. */
  pastDueSince?: Date | null;
  canceledAt?: Date | null;
  asaasCustomerId?: string | null;
  asaasSubscriptionId?: string | null;
  billingType?: BillingType | null;
  /**
   * A subscribe, plan change or cancel is talking to Asaas until then: a second one at the same time is
   * refused instead of creating a second Asaas subscription (which would charge twice).
   */
  changingUntil?: Date | null;
}

export const SubscriptionSchema = new EntitySchema<Subscription, TenantEntity<string>>({
  class: Subscription,
  extends: TenantEntitySchema,
  tableName: 'subscriptions',
  properties: {
    plan: { kind: 'm:1', entity: () => Plan },
    status: { type: 'string', length: 16 },
    trialEndsAt: { type: 'datetime', nullable: true },
    currentPeriodEnd: { type: 'datetime', nullable: true },
    pastDueSince: { type: 'datetime', nullable: true },
    canceledAt: { type: 'datetime', nullable: true },
    asaasCustomerId: { type: 'string', length: 64, nullable: true },
    asaasSubscriptionId: { type: 'string', length: 64, nullable: true, unique: true },
    billingType: { type: 'string', length: 16, nullable: true },
    changingUntil: { type: 'datetime', nullable: true },
  },
  uniques: [{ properties: ['organization'] }],
});
