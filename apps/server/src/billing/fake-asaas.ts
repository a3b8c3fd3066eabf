// A local stand-in for Asaas's API v3 (the endpoints Picineiros uses, with their paths and payload shapes
// as Asaas documents them) on a loopback port, with the `access_token` header checked. It also sends
// webhooks the way Asaas does (POST with the `asaas-access-token` header) and has controls that play the
// payer's part: pay, confirm, make overdue, refund, start the next month. Tests use it; the embedded
// server (no ASAAS_API_KEY, not production) runs it in-process so billing works end to end on one machine.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

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

export type FakeAsaasOptions = {
  apiKey: string;
  /** Where webhooks go (can be set later with setWebhook, once the server listens). */
  webhookUrl?: string;
  webhookToken?: string;
  /** Send queued webhooks by themselves (default true); tests turn it off and call deliver(). */
  autoDeliver?: boolean;
  clock?: () => Date;
  port?: number;
};

const BILLING_TYPES = new Set(['PIX', 'BOLETO', 'CREDIT_CARD', 'UNDEFINED']);

function localDate(instant: Date): string {
  // Asaas's dates are São Paulo dates; UTC−3 year-round since 2019.
  return new Date(instant.getTime() - 3 * 3_600_000).toISOString().slice(0, 10);
}

function dateTime(instant: Date): string {
  return new Date(instant.getTime() - 3 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function addMonth(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, last))).toISOString().slice(0, 10);
}

/** A request field as text ('' when absent or not a string). */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function validDocument(value: string): boolean {
  return /^\d{11}$|^\d{14}$/.test(value.replace(/\D/g, ''));
}

export type FakeAsaas = Awaited<ReturnType<typeof startFakeAsaas>>;

export async function startFakeAsaas(options: FakeAsaasOptions) {
  const clock = options.clock ?? (() => new Date());
  const customers = new Map<string, FakeCustomer>();
  const subscriptions = new Map<string, FakeSubscription>();
  const payments = new Map<string, FakePayment>();
  const queue: FakeEvent[] = [];
  const deliveries: Delivery[] = [];
  let webhookUrl = options.webhookUrl;
  let webhookToken = options.webhookToken ?? '';
  let autoDeliver = options.autoDeliver ?? true;
  let sequence = 0;
  let origin = '';
  let delivering: Promise<Delivery[]> = Promise.resolve([]);

  const nextId = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

  function event(type: string, body: { payment?: FakePayment; subscription?: FakeSubscription }): FakeEvent {
    sequence += 1;
    return {
      id: `evt_${randomBytes(16).toString('hex')}&${sequence}`,
      event: type,
      dateCreated: dateTime(clock()),
      // A snapshot, as Asaas sends the object as it was when the event happened.
      ...(body.payment ? { payment: { ...body.payment } } : {}),
      ...(body.subscription ? { subscription: { ...body.subscription } } : {}),
    };
  }

  function emit(type: string, body: { payment?: FakePayment; subscription?: FakeSubscription }): FakeEvent {
    const created = event(type, body);
    queue.push(created);
    if (autoDeliver) setImmediate(() => void deliver());
    return created;
  }

  async function post(created: FakeEvent): Promise<Delivery> {
    if (!webhookUrl) return { event: created, status: null, error: 'no webhook URL' };
    try {
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'asaas-access-token': webhookToken },
        body: JSON.stringify(created),
      });
      await response.arrayBuffer();
      return { event: created, status: response.status };
    } catch (error) {
      return { event: created, status: null, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Sends every queued webhook, in order, one at a time (as Asaas's queue does). */
  function deliver(): Promise<Delivery[]> {
    delivering = delivering.then(async () => {
      const sent: Delivery[] = [];
      while (queue.length > 0) {
        const next = queue.shift() as FakeEvent;
        const delivery = await post(next);
        deliveries.push(delivery);
        sent.push(delivery);
      }
      return sent;
    });
    return delivering;
  }

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
    const payment: FakePayment = {
      object: 'payment',
      id,
      dateCreated: localDate(clock()),
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
    emit('PAYMENT_CREATED', { payment });
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
    body: Json,
    dateField: 'nextDueDate' | 'dueDate',
  ):
    | { customer: FakeCustomer; billingType: string; value: number; date: string }
    | { error: ReturnType<typeof fail> } {
    const customer = customers.get(text(body['customer']));
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

  function route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: Json,
  ): { status: number; body: unknown } {
    let match: RegExpMatchArray | null;
    if (method === 'POST' && path === '/v3/customers') {
      const name = typeof body['name'] === 'string' ? body['name'] : '';
      const cpfCnpj = typeof body['cpfCnpj'] === 'string' ? body['cpfCnpj'].replace(/\D/g, '') : '';
      if (!name) return fail(400, 'invalid_name', 'O nome do cliente é obrigatório.');
      if (!validDocument(cpfCnpj)) return fail(400, 'invalid_cpfCnpj', 'O CPF/CNPJ informado é inválido.');
      const customer: FakeCustomer = {
        object: 'customer',
        id: nextId('cus'),
        dateCreated: localDate(clock()),
        name,
        cpfCnpj,
        email: typeof body['email'] === 'string' ? body['email'] : null,
        externalReference: typeof body['externalReference'] === 'string' ? body['externalReference'] : null,
        deleted: false,
      };
      customers.set(customer.id, customer);
      return { status: 200, body: customer };
    }
    if (method === 'GET' && path === '/v3/customers') {
      const reference = query.get('externalReference');
      const cpfCnpj = query.get('cpfCnpj');
      const found = [...customers.values()].filter(
        (customer) =>
          (!reference || customer.externalReference === reference) &&
          (!cpfCnpj || customer.cpfCnpj === cpfCnpj),
      );
      return { status: 200, body: list(found, query) };
    }
    if (method === 'GET' && (match = path.match(/^\/v3\/customers\/([\w-]+)$/))) {
      const customer = customers.get(match[1] ?? '');
      return customer ? { status: 200, body: customer } : fail(404, 'not_found', 'Cliente não encontrado.');
    }
    if (method === 'POST' && path === '/v3/subscriptions') {
      const charge = readCharge(body, 'nextDueDate');
      if ('error' in charge) return charge.error;
      const { customer, billingType, value, date: nextDueDate } = charge;
      if (body['cycle'] !== 'MONTHLY')
        return fail(400, 'invalid_cycle', 'Ciclo não suportado pelo simulador.');
      const subscription: FakeSubscription = {
        object: 'subscription',
        id: nextId('sub'),
        dateCreated: localDate(clock()),
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
      subscriptions.set(subscription.id, subscription);
      emit('SUBSCRIPTION_CREATED', { subscription });
      generateNextPayment(subscription);
      return { status: 200, body: subscription };
    }
    if ((match = path.match(/^\/v3\/subscriptions\/([\w-]+)(\/payments)?$/))) {
      const subscription = subscriptions.get(match[1] ?? '');
      if (!subscription) return fail(404, 'not_found', 'Assinatura não encontrada.');
      if (method === 'GET' && match[2]) {
        const own = [...payments.values()].filter(
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
        if (body['status'] === 'INACTIVE' || body['status'] === 'ACTIVE')
          subscription.status = body['status'];
        emit('SUBSCRIPTION_UPDATED', { subscription });
        if (body['updatePendingPayments'] === true) {
          for (const payment of payments.values()) {
            if (payment.subscription !== subscription.id || payment.deleted) continue;
            if (payment.status !== 'PENDING' && payment.status !== 'OVERDUE') continue;
            payment.value = subscription.value;
            payment.billingType = subscription.billingType;
            emit('PAYMENT_UPDATED', { payment });
          }
        }
        return { status: 200, body: subscription };
      }
      if (method === 'DELETE' && !match[2]) {
        subscription.deleted = true;
        subscription.status = 'INACTIVE';
        for (const payment of payments.values()) {
          if (payment.subscription !== subscription.id || payment.deleted) continue;
          if (payment.status !== 'PENDING' && payment.status !== 'OVERDUE') continue;
          payment.deleted = true;
          emit('PAYMENT_DELETED', { payment });
        }
        emit('SUBSCRIPTION_DELETED', { subscription });
        return { status: 200, body: { deleted: true, id: subscription.id } };
      }
    }
    if (method === 'POST' && path === '/v3/payments') {
      const charge = readCharge(body, 'dueDate');
      if ('error' in charge) return charge.error;
      const { customer, billingType, value, date: dueDate } = charge;
      const payment = createPayment({
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
      const payment = payments.get(match[1] ?? '');
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

  function setStatus(paymentId: string, status: string, type: string): FakeEvent {
    const payment = payments.get(paymentId);
    if (!payment) throw new Error(`fake Asaas: no payment ${paymentId}`);
    payment.status = status;
    const today = localDate(clock());
    if (status === 'RECEIVED' || status === 'CONFIRMED') {
      payment.confirmedDate ??= today;
      payment.clientPaymentDate ??= today;
      if (status === 'RECEIVED') payment.paymentDate = today;
    }
    return emit(type, { payment });
  }

  function invoicePage(paymentId: string): string {
    const payment = payments.get(paymentId);
    if (!payment) return '<!doctype html><p>Fatura não encontrada.</p>';
    const value = payment.value.toFixed(2).replace('.', ',');
    const payable = payment.status === 'PENDING' || payment.status === 'OVERDUE';
    return `<!doctype html><html lang="pt-BR"><meta charset="utf-8"><title>Fatura ${payment.invoiceNumber} (simulador Asaas)</title>
<body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">
<h1>Fatura ${payment.invoiceNumber}</h1><p>Simulador local do Asaas — nenhum dinheiro de verdade.</p>
<p>${payment.description ?? ''}<br>Valor: R$ ${value}<br>Vencimento: ${payment.dueDate}<br>Forma: ${payment.billingType}<br>Situação: <strong>${payment.status}</strong></p>
${payable ? `<form method="post" action="/i/${paymentId.slice(4)}/pay"><button type="submit">Simular pagamento</button></form>` : ''}
</body></html>`;
  }

  async function readBody(request: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function send(response: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
    response.writeHead(status, { 'content-type': type });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', origin);
      const method = request.method ?? 'GET';
      let match: RegExpMatchArray | null;
      if ((match = url.pathname.match(/^\/i\/(\w+)(\/pay)?$/))) {
        const paymentId = `pay_${match[1] ?? ''}`;
        if (method === 'POST' && match[2]) {
          const payment = payments.get(paymentId);
          if (payment && (payment.status === 'PENDING' || payment.status === 'OVERDUE')) {
            setStatus(paymentId, 'RECEIVED', 'PAYMENT_RECEIVED');
          }
          response.writeHead(303, { location: `/i/${match[1] ?? ''}` });
          response.end();
          return;
        }
        send(response, 200, invoicePage(paymentId), 'text/html; charset=utf-8');
        return;
      }
      if (request.headers['access_token'] !== options.apiKey) {
        send(response, 401, {
          errors: [{ code: 'invalid_access_token', description: 'Chave de API inválida.' }],
        });
        return;
      }
      const text = await readBody(request);
      let body: Json = {};
      if (text) {
        try {
          const parsed: unknown = JSON.parse(text);
          body = typeof parsed === 'object' && parsed !== null ? (parsed as Json) : {};
        } catch {
          send(response, 400, { errors: [{ code: 'invalid_json', description: 'JSON inválido.' }] });
          return;
        }
      }
      const result = route(method, url.pathname, url.searchParams, body);
      send(response, result.status, result.body);
    })().catch((error: unknown) => {
      send(response, 500, { errors: [{ code: 'fake_error', description: String(error) }] });
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** What ASAAS_BASE_URL should be. */
    baseUrl: `${origin}/v3`,
    origin,
    customers,
    subscriptions,
    payments,
    /** Every webhook sent so far, with the server's answer. */
    deliveries,
    setWebhook(url: string, token: string) {
      webhookUrl = url;
      webhookToken = token;
    },
    setAutoDeliver(value: boolean) {
      autoDeliver = value;
    },
    /** Events waiting to be sent. */
    get queued(): readonly FakeEvent[] {
      return queue;
    },
    /** Drops queued events without sending them (tests that send their own, in their own order). */
    takeQueued(): FakeEvent[] {
      return queue.splice(0, queue.length);
    },
    deliver,
    /** Sends one event now (a duplicate, an out-of-order one); returns the server's HTTP status. */
    async send(created: FakeEvent): Promise<Delivery> {
      const delivery = await post(created);
      deliveries.push(delivery);
      return delivery;
    },
    /** The payer pays (PIX or boleto settled): RECEIVED and PAYMENT_RECEIVED. */
    pay: (paymentId: string) => setStatus(paymentId, 'RECEIVED', 'PAYMENT_RECEIVED'),
    /** Card payment approved, money not yet available: CONFIRMED and PAYMENT_CONFIRMED. */
    confirm: (paymentId: string) => setStatus(paymentId, 'CONFIRMED', 'PAYMENT_CONFIRMED'),
    markOverdue: (paymentId: string) => setStatus(paymentId, 'OVERDUE', 'PAYMENT_OVERDUE'),
    refund: (paymentId: string) => setStatus(paymentId, 'REFUNDED', 'PAYMENT_REFUNDED'),
    /** Asaas generating the next month's invoice of a subscription. */
    nextCycle(subscriptionId: string): FakePayment {
      const subscription = subscriptions.get(subscriptionId);
      if (!subscription) throw new Error(`fake Asaas: no subscription ${subscriptionId}`);
      return generateNextPayment(subscription);
    },
    /** Builds an event without queuing it (for tests that reorder or repeat deliveries). */
    eventOf(type: string, paymentId: string): FakeEvent {
      const payment = payments.get(paymentId);
      if (!payment) throw new Error(`fake Asaas: no payment ${paymentId}`);
      return event(type, { payment });
    },
    paymentsOf(subscriptionId: string): FakePayment[] {
      return [...payments.values()].filter((payment) => payment.subscription === subscriptionId);
    },
    async close(): Promise<void> {
      await delivering;
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
