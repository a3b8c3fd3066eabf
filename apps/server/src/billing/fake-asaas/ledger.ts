import { randomBytes } from 'node:crypto';
import {
  addMonth,
  localDate,
  type FakeCustomer,
  type FakeEvent,
  type FakePayment,
  type FakeSubscription,
} from './model';
import type { WebhookQueue } from './webhooks';

/**
 * The fake's accounts: customers, subscriptions and payments in memory, and the changes that Asaas makes
 * on its own (a subscription's next invoice, a payment's status), each with its webhook.
 */
export function createLedger(options: { clock: () => Date; origin: () => string; webhooks: WebhookQueue }) {
  const { clock, webhooks } = options;
  const customers = new Map<string, FakeCustomer>();
  const subscriptions = new Map<string, FakeSubscription>();
  const payments = new Map<string, FakePayment>();

  const nextId = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;
  const today = () => localDate(clock());

  function createPayment(fields: {
    customer: string;
    subscription: string | null;
    value: number;
    billingType: string;
    dueDate: string;
    description: string | null;
    externalReference: string | null;
  }): FakePayment {
    const id = nextId('pay');
    const origin = options.origin();
    const payment: FakePayment = {
      object: 'payment',
      id,
      dateCreated: today(),
      customer: fields.customer,
      subscription: fields.subscription,
      installment: null,
      paymentLink: null,
      value: fields.value,
      netValue: Math.round(fields.value * 0.97 * 100) / 100,
      description: fields.description,
      billingType: fields.billingType,
      status: 'PENDING',
      dueDate: fields.dueDate,
      originalDueDate: fields.dueDate,
      paymentDate: null,
      clientPaymentDate: null,
      confirmedDate: null,
      invoiceUrl: `${origin}/i/${id.slice(4)}`,
      bankSlipUrl: fields.billingType === 'BOLETO' ? `${origin}/b/${id.slice(4)}` : null,
      invoiceNumber: String(payments.size + 1).padStart(8, '0'),
      externalReference: fields.externalReference,
      deleted: false,
      anticipated: false,
      postalService: false,
    };
    payments.set(id, payment);
    webhooks.emit('PAYMENT_CREATED', { payment });
    return payment;
  }

  /** The subscription's next invoice (Asaas generates it ahead of the due date). */
  function generateNextPayment(subscription: FakeSubscription): FakePayment {
    const payment = createPayment({
      customer: subscription.customer,
      subscription: subscription.id,
      value: subscription.value,
      billingType: subscription.billingType === 'UNDEFINED' ? 'PIX' : subscription.billingType,
      dueDate: subscription.nextDueDate,
      description: subscription.description,
      externalReference: subscription.externalReference,
    });
    subscription.nextDueDate = addMonth(subscription.nextDueDate);
    return payment;
  }

  /** A payment changes status (paid, confirmed, overdue, refunded) and Asaas tells with event `type`. */
  function setStatus(paymentId: string, status: string, type: string): FakeEvent {
    const payment = payments.get(paymentId);
    if (!payment) throw new Error(`fake Asaas: no payment ${paymentId}`);
    payment.status = status;
    if (status === 'RECEIVED' || status === 'CONFIRMED') {
      const date = today();
      payment.confirmedDate ??= date;
      payment.clientPaymentDate ??= date;
      if (status === 'RECEIVED') payment.paymentDate = date;
    }
    return webhooks.emit(type, { payment });
  }

  return { customers, subscriptions, payments, nextId, today, createPayment, generateNextPayment, setStatus };
}

export type Ledger = ReturnType<typeof createLedger>;
