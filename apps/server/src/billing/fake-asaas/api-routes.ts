import type { Ledger } from './ledger';
import { addMonth, isOpen, type FakeCustomer, type FakeSubscription, type Json } from './model';
import type { WebhookQueue } from './webhooks';

// The Asaas API v3 endpoints Picineiros calls (customers, subscriptions, payments, the PIX QR code), with
// Asaas's paths, payload shapes and error bodies. The caller has already checked the `access_token`.

const BILLING_TYPES = new Set(['PIX', 'BOLETO', 'CREDIT_CARD', 'UNDEFINED']);

/** A request field as text ('' when absent or not a string). */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function validDocument(value: string): boolean {
  return /^\d{11}$|^\d{14}$/.test(value.replace(/\D/g, ''));
}

/** One page of a list, as Asaas pages them (`offset`, `limit` up to 100). */
function list<T>(items: T[], query: URLSearchParams) {
  const offset = Number(query.get('offset') ?? 0);
  const limit = Math.min(Number(query.get('limit') ?? 10), 100);
  const page = items.slice(offset, offset + limit);
  return {
    object: 'list',
    hasMore: offset + limit < items.length,
    totalCount: items.length,
    limit,
    offset,
    data: page,
  };
}

const fail = (status: number, code: string, description: string) => ({
  status,
  body: { errors: [{ code, description }] },
});

/**
 * What a subscription and a one-off charge both require, checked in this order: an existing customer, a
 * known billing type, a positive value, a 'YYYY-MM-DD' date under `dateField`. The first failure comes
 * back as the error response.
 */
function readCharge(
  ledger: Ledger,
  body: Json,
  dateField: 'nextDueDate' | 'dueDate',
):
  | { customer: FakeCustomer; billingType: string; value: number; date: string }
  | { error: ReturnType<typeof fail> } {
  const customer = ledger.customers.get(text(body['customer']));
  if (!customer) return { error: fail(400, 'invalid_customer', 'Cliente inexistente.') };
  const billingType = text(body['billingType']);
  if (!BILLING_TYPES.has(billingType))
    return { error: fail(400, 'invalid_billingType', 'Forma de pagamento inválida.') };
  const value = Number(body['value']);
  if (!(value > 0)) return { error: fail(400, 'invalid_value', 'Valor inválido.') };
  const date = text(body[dateField]);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    return { error: fail(400, `invalid_${dateField}`, 'Data inválida.') };
  return { customer, billingType, value, date };
}

export type ApiRequest = { method: string; path: string; query: URLSearchParams; body: Json };
export type ApiResponse = { status: number; body: unknown };

/** Answers one API call as Asaas would, changing the ledger and queuing Asaas's webhooks. */
export function routeAsaasApi(ledger: Ledger, webhooks: WebhookQueue, request: ApiRequest): ApiResponse {
  const { method, path, query, body } = request;
  let match: RegExpMatchArray | null;
  if (method === 'POST' && path === '/v3/customers') {
    const name = typeof body['name'] === 'string' ? body['name'] : '';
    const cpfCnpj = typeof body['cpfCnpj'] === 'string' ? body['cpfCnpj'].replace(/\D/g, '') : '';
    if (!name) return fail(400, 'invalid_name', 'O nome do cliente é obrigatório.');
    if (!validDocument(cpfCnpj)) return fail(400, 'invalid_cpfCnpj', 'O CPF/CNPJ informado é inválido.');
    const customer: FakeCustomer = {
      object: 'customer',
      id: ledger.nextId('cus'),
      dateCreated: ledger.today(),
      name,
      cpfCnpj,
      email: typeof body['email'] === 'string' ? body['email'] : null,
      externalReference: typeof body['externalReference'] === 'string' ? body['externalReference'] : null,
      deleted: false,
    };
    ledger.customers.set(customer.id, customer);
    return { status: 200, body: customer };
  }
  if (method === 'GET' && path === '/v3/customers') {
    const reference = query.get('externalReference');
    const cpfCnpj = query.get('cpfCnpj');
    const found = [...ledger.customers.values()].filter(
      (customer) =>
        (!reference || customer.externalReference === reference) &&
        (!cpfCnpj || customer.cpfCnpj === cpfCnpj),
    );
    return { status: 200, body: list(found, query) };
  }
  if (method === 'GET' && (match = path.match(/^\/v3\/customers\/([\w-]+)$/))) {
    const customer = ledger.customers.get(match[1] ?? '');
    return customer ? { status: 200, body: customer } : fail(404, 'not_found', 'Cliente não encontrado.');
  }
  if (method === 'POST' && path === '/v3/subscriptions') {
    const charge = readCharge(ledger, body, 'nextDueDate');
    if ('error' in charge) return charge.error;
    const { customer, billingType, value, date: nextDueDate } = charge;
    if (body['cycle'] !== 'MONTHLY') return fail(400, 'invalid_cycle', 'Ciclo não suportado pelo simulador.');
    const subscription: FakeSubscription = {
      object: 'subscription',
      id: ledger.nextId('sub'),
      dateCreated: ledger.today(),
      customer: customer.id,
      billingType,
      cycle: 'MONTHLY',
      value,
      nextDueDate,
      description: typeof body['description'] === 'string' ? body['description'] : null,
      status: 'ACTIVE',
      externalReference: typeof body['externalReference'] === 'string' ? body['externalReference'] : null,
      deleted: false,
    };
    ledger.subscriptions.set(subscription.id, subscription);
    webhooks.emit('SUBSCRIPTION_CREATED', { subscription });
    ledger.generateNextPayment(subscription);
    return { status: 200, body: subscription };
  }
  if ((match = path.match(/^\/v3\/subscriptions\/([\w-]+)(\/payments)?$/))) {
    const subscription = ledger.subscriptions.get(match[1] ?? '');
    if (!subscription) return fail(404, 'not_found', 'Assinatura não encontrada.');
    if (method === 'GET' && match[2]) {
      const own = [...ledger.payments.values()].filter(
        (payment) => payment.subscription === subscription.id && !payment.deleted,
      );
      return { status: 200, body: list(own, query) };
    }
    if (method === 'GET') return { status: 200, body: subscription };
    if (method === 'POST' && !match[2]) {
      if (body['value'] !== undefined) subscription.value = Number(body['value']);
      if (typeof body['billingType'] === 'string') {
        if (!BILLING_TYPES.has(body['billingType']))
          return fail(400, 'invalid_billingType', 'Forma de pagamento inválida.');
        subscription.billingType = body['billingType'];
      }
      if (typeof body['description'] === 'string') subscription.description = body['description'];
      if (body['status'] === 'INACTIVE' || body['status'] === 'ACTIVE') subscription.status = body['status'];
      webhooks.emit('SUBSCRIPTION_UPDATED', { subscription });
      if (body['updatePendingPayments'] === true) {
        for (const payment of ledger.payments.values()) {
          if (payment.subscription !== subscription.id || payment.deleted) continue;
          if (!isOpen(payment)) continue;
          payment.value = subscription.value;
          payment.billingType = subscription.billingType;
          webhooks.emit('PAYMENT_UPDATED', { payment });
        }
      }
      return { status: 200, body: subscription };
    }
    if (method === 'DELETE' && !match[2]) {
      subscription.deleted = true;
      subscription.status = 'INACTIVE';
      for (const payment of ledger.payments.values()) {
        if (payment.subscription !== subscription.id || payment.deleted) continue;
        if (!isOpen(payment)) continue;
        payment.deleted = true;
        webhooks.emit('PAYMENT_DELETED', { payment });
      }
      webhooks.emit('SUBSCRIPTION_DELETED', { subscription });
      return { status: 200, body: { deleted: true, id: subscription.id } };
    }
  }
  if (method === 'POST' && path === '/v3/payments') {
    const charge = readCharge(ledger, body, 'dueDate');
    if ('error' in charge) return charge.error;
    const { customer, billingType, value, date: dueDate } = charge;
    const payment = ledger.createPayment({
      customer: customer.id,
      subscription: null,
      value,
      billingType,
      dueDate,
      description: typeof body['description'] === 'string' ? body['description'] : null,
      externalReference: typeof body['externalReference'] === 'string' ? body['externalReference'] : null,
    });
    return { status: 200, body: payment };
  }
  if ((match = path.match(/^\/v3\/payments\/([\w-]+)(\/pixQrCode)?$/)) && method === 'GET') {
    const payment = ledger.payments.get(match[1] ?? '');
    if (!payment) return fail(404, 'not_found', 'Cobrança não encontrada.');
    if (!match[2]) return { status: 200, body: payment };
    const cents = String(Math.round(payment.value * 100));
    return {
      status: 200,
      body: {
        // A tiny PNG; the copy-and-paste code is an EMV-looking string unique to the payment.
        encodedImage:
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
        payload: `00020101021226820014br.gov.bcb.pix2560fake.asaas.local/qr/${payment.id}520400005303986540${cents.length}${cents}5802BR6304FAKE`,
        expirationDate: `${addMonth(payment.dueDate)} 23:59:59`,
      },
    };
  }
  return fail(404, 'not_found', `Not found: ${method} ${path}`);
}
