import {
  Invoice,
  type EntityManager,
  type InvoiceStatus,
  type Organization,
  type Subscription,
} from '@picineiros/db';
import { billingTypeFromAsaas, reaisToCents, type AsaasPayment } from './asaas';
import { nextInvoiceStatus } from './subscription';

/** Our invoice status for an Asaas payment's own status word. */
export function invoiceStatusOfPayment(payment: AsaasPayment): InvoiceStatus {
  if (payment.deleted) return 'deleted';
  switch (payment.status) {
    case 'CONFIRMED':
      return 'confirmed';
    case 'RECEIVED':
    case 'RECEIVED_IN_CASH':
      return 'received';
    case 'OVERDUE':
      return 'overdue';
    case 'REFUNDED':
      return 'refunded';
    default:
      return 'pending';
  }
}

/**
 * Mirrors an Asaas payment into an invoice (insert or move forward), for the webhook processor and for
 * the subscribe call, which reads the first invoice at once. Returns the invoice.
 */
export function applyPayment(
  em: EntityManager,
  existing: Invoice | null,
  subscription: Subscription | null,
  organization: Organization,
  payment: AsaasPayment,
  incoming: Invoice['status'],
  now: Date,
): Invoice {
  const invoice =
    existing ??
    em.create(Invoice, {
      organization,
      subscription,
      asaasPaymentId: payment.id,
      amountCents: reaisToCents(payment.value),
      dueDate: payment.dueDate,
      status: 'pending',
      billingType: billingTypeFromAsaas(payment.billingType),
    });
  const before = invoice.status;
  invoice.status = nextInvoiceStatus(before, incoming);
  if (invoice.status === before && existing) {
    // Same or older news: details may still be fresher while unpaid (a repriced pending invoice).
    if (before === 'pending' || before === 'overdue') {
      invoice.amountCents = reaisToCents(payment.value);
      invoice.dueDate = payment.dueDate;
    }
  } else if (invoice.status === 'pending' || invoice.status === 'overdue') {
    invoice.amountCents = reaisToCents(payment.value);
    invoice.dueDate = payment.dueDate;
  }
  invoice.billingType = billingTypeFromAsaas(payment.billingType);
  invoice.invoiceUrl = payment.invoiceUrl ?? invoice.invoiceUrl ?? null;
  invoice.asaasStatus = payment.status;
  if (invoice.status === 'overdue') invoice.overdueAt ??= now;
  if ((invoice.status === 'received' || invoice.status === 'confirmed') && !invoice.paidAt) {
    // Asaas gives the payment's local date only; noon UTC keeps it on that date in Brazil.
    const paidOn = [payment.paymentDate, payment.confirmedDate].find(
      (date): date is string => typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date),
    );
    invoice.paidAt = paidOn ? new Date(`${paidOn}T12:00:00Z`) : now;
  }
  return invoice;
}
