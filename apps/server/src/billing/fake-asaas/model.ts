// The fake Asaas's objects, shaped as Asaas's API v3 documents them, and its São Paulo calendar.

export type Json = Record<string, unknown>;

export type FakeCustomer = {
  object: 'customer';
  id: string;
  dateCreated: string;
  name: string;
  cpfCnpj: string;
  email: string | null;
  externalReference: string | null;
  deleted: boolean;
};

export type FakeSubscription = {
  object: 'subscription';
  id: string;
  dateCreated: string;
  customer: string;
  billingType: string;
  cycle: string;
  value: number;
  nextDueDate: string;
  description: string | null;
  status: 'ACTIVE' | 'INACTIVE' | 'EXPIRED';
  externalReference: string | null;
  deleted: boolean;
};

export type FakePayment = {
  object: 'payment';
  id: string;
  dateCreated: string;
  customer: string;
  subscription: string | null;
  installment: null;
  paymentLink: null;
  value: number;
  netValue: number;
  description: string | null;
  billingType: string;
  status: string;
  dueDate: string;
  originalDueDate: string;
  paymentDate: string | null;
  clientPaymentDate: string | null;
  confirmedDate: string | null;
  invoiceUrl: string;
  bankSlipUrl: string | null;
  invoiceNumber: string;
  externalReference: string | null;
  deleted: boolean;
  anticipated: boolean;
  postalService: boolean;
};

export type FakeEvent = {
  id: string;
  event: string;
  dateCreated: string;
  payment?: FakePayment;
  subscription?: FakeSubscription;
};

export type Delivery = { event: FakeEvent; status: number | null; error?: string };

/** A payment the payer can still pay (its invoice page offers "Simular pagamento"). */
export function isOpen(payment: FakePayment): boolean {
  return payment.status === 'PENDING' || payment.status === 'OVERDUE';
}

export function localDate(instant: Date): string {
  // Asaas's dates are São Paulo dates; UTC−3 year-round since 2019.
  return new Date(instant.getTime() - 3 * 3_600_000).toISOString().slice(0, 10);
}

export function dateTime(instant: Date): string {
  return new Date(instant.getTime() - 3 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function addMonth(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, last))).toISOString().slice(0, 10);
}
