import { EntitySchema } from '@mikro-orm/core';
import { type BillingType, type InvoiceStatus } from '../constants';
import { Subscription } from './subscription.entity';
import { TenantEntity, TenantEntitySchema } from './tenant-entity';

/**
 * A charge Asaas made to the organization (a "payment" in Asaas's API), mirrored from webhooks. Its status
 * only moves forward (see the billing service's precedence), so events that arrive out of order never
 * turn a received payment back into an overdue one.
 */
export class Invoice extends TenantEntity<
  'subscription' | 'invoiceUrl' | 'pixCode' | 'paidAt' | 'overdueAt' | 'asaasStatus'
> {
  subscription?: Subscription | null;
  asaasPaymentId!: string;
  amountCents!: number;
  /** Local date ('YYYY-MM-DD') as Asaas gives it. */
  dueDate!: string;
  status!: InvoiceStatus;
  billingType!: BillingType;
  invoiceUrl?: string | null;
  /** PIX copy-and-paste code, fetched from Asaas when first listed. */
  pixCode?: string | null;
  paidAt?: Date | null;
  overdueAt?: Date | null;
  /** Asaas's own status word, for support. */
  asaasStatus?: string | null;
}

export const InvoiceSchema = new EntitySchema<Invoice, TenantEntity<string>>({
  class: Invoice,
  extends: TenantEntitySchema,
  tableName: 'invoices',
  properties: {
    subscription: { kind: 'm:1', entity: () => Subscription, nullable: true, deleteRule: 'set null' },
    asaasPaymentId: { type: 'string', length: 64, unique: true },
    amountCents: { type: 'integer' },
    dueDate: { type: 'string', length: 10 },
    status: { type: 'string', length: 16 },
    billingType: { type: 'string', length: 16 },
    invoiceUrl: { type: 'string', length: 500, nullable: true },
    pixCode: { type: 'text', nullable: true },
    paidAt: { type: 'datetime', nullable: true },
    overdueAt: { type: 'datetime', nullable: true },
    asaasStatus: { type: 'string', length: 40, nullable: true },
  },
  indexes: [{ properties: ['organization', 'dueDate'] }],
});
