// A local stand-in for Asaas's API v3 (the endpoints Picineiros uses, with their paths and payload shapes
// as Asaas documents them) on a loopback port, with the `access_token` header checked. It also sends
// webhooks the way Asaas does (POST with the `asaas-access-token` header) and has controls that play the
// payer's part: pay, confirm, make overdue, refund, start the next month. Tests use it; the embedded
// server (no ASAAS_API_KEY, not production) runs it in-process so billing works end to end on one machine.
// This file is the HTTP server and the controls; the parts live in ./fake-asaas/: the objects (model.ts),
// the accounts (ledger.ts), the API endpoints (api-routes.ts), the webhooks (webhooks.ts) and the payer's
// invoice page (invoice-page.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeAsaasApi } from './fake-asaas/api-routes';
import { invoicePage } from './fake-asaas/invoice-page';
import { createLedger } from './fake-asaas/ledger';
import { isOpen, type FakeEvent, type FakePayment, type Json } from './fake-asaas/model';
import { createWebhookQueue } from './fake-asaas/webhooks';

export type { Delivery, FakeCustomer, FakeEvent, FakePayment, FakeSubscription } from './fake-asaas/model';

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

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  response.writeHead(status, { 'content-type': type });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

export type FakeAsaas = Awaited<ReturnType<typeof startFakeAsaas>>;

export async function startFakeAsaas(options: FakeAsaasOptions) {
  const clock = options.clock ?? (() => new Date());
  const webhooks = createWebhookQueue({ ...options, clock });
  let origin = '';
  const ledger = createLedger({ clock, origin: () => origin, webhooks });
  const { customers, subscriptions, payments } = ledger;

  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', origin);
      const method = request.method ?? 'GET';
      let match: RegExpMatchArray | null;
      // The payer's invoice page and its "Simular pagamento" button: no API key, as on Asaas.
      if ((match = url.pathname.match(/^\/i\/(\w+)(\/pay)?$/))) {
        const paymentId = `pay_${match[1] ?? ''}`;
        const payment = payments.get(paymentId);
        if (method === 'POST' && match[2]) {
          if (payment && isOpen(payment)) ledger.setStatus(paymentId, 'RECEIVED', 'PAYMENT_RECEIVED');
          response.writeHead(303, { location: `/i/${match[1] ?? ''}` });
          response.end();
          return;
        }
        send(response, 200, invoicePage(paymentId, payment), 'text/html; charset=utf-8');
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
      const result = routeAsaasApi(ledger, webhooks, {
        method,
        path: url.pathname,
        query: url.searchParams,
        body,
      });
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
    deliveries: webhooks.deliveries,
    setWebhook: webhooks.setWebhook,
    setAutoDeliver: webhooks.setAutoDeliver,
    /** Events waiting to be sent. */
    get queued(): readonly FakeEvent[] {
      return webhooks.queue;
    },
    /** Drops queued events without sending them (tests that send their own, in their own order). */
    takeQueued(): FakeEvent[] {
      return webhooks.queue.splice(0, webhooks.queue.length);
    },
    deliver: webhooks.deliver,
    /** Sends one event now (a duplicate, an out-of-order one); returns the server's HTTP status. */
    send: webhooks.send,
    /** The payer pays (PIX or boleto settled): RECEIVED and PAYMENT_RECEIVED. */
    pay: (paymentId: string) => ledger.setStatus(paymentId, 'RECEIVED', 'PAYMENT_RECEIVED'),
    /** Card payment approved, money not yet available: CONFIRMED and PAYMENT_CONFIRMED. */
    confirm: (paymentId: string) => ledger.setStatus(paymentId, 'CONFIRMED', 'PAYMENT_CONFIRMED'),
    markOverdue: (paymentId: string) => ledger.setStatus(paymentId, 'OVERDUE', 'PAYMENT_OVERDUE'),
    refund: (paymentId: string) => ledger.setStatus(paymentId, 'REFUNDED', 'PAYMENT_REFUNDED'),
    /** Asaas generating the next month's invoice of a subscription. */
    nextCycle(subscriptionId: string): FakePayment {
      const subscription = subscriptions.get(subscriptionId);
      if (!subscription) throw new Error(`fake Asaas: no subscription ${subscriptionId}`);
      return ledger.generateNextPayment(subscription);
    },
    /** Builds an event without queuing it (for tests that reorder or repeat deliveries). */
    eventOf(type: string, paymentId: string): FakeEvent {
      const payment = payments.get(paymentId);
      if (!payment) throw new Error(`fake Asaas: no payment ${paymentId}`);
      return webhooks.eventOf(type, { payment });
    },
    paymentsOf(subscriptionId: string): FakePayment[] {
      return [...payments.values()].filter((payment) => payment.subscription === subscriptionId);
    },
    async close(): Promise<void> {
      await webhooks.settled();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
