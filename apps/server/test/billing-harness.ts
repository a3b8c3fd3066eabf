// A test server wired to the fake Asaas on loopback (webhooks delivered when the test says so).
import { Subscription } from '@picineiros/db';
import { startFakeAsaas, type FakeAsaas } from '../src/billing/fake-asaas';
import { createClock, startTestServer, type SignedIn, type TestServer } from './harness';

export const FAKE_ASAAS_KEY = '$aact_test_fake_key_0123456789';
export const WEBHOOK_TOKEN = 'webhook-token-for-tests-0123456789';

export type BillingTestServer = {
  server: TestServer;
  fake: FakeAsaas;
  clock: ReturnType<typeof createClock>;
  close(): Promise<void>;
};

export async function startBillingServer(
  start = new Date('2026-03-02T12:00:00Z'),
  env: Record<string, string> = {},
): Promise<BillingTestServer> {
  const clock = createClock(start);
  const fake = await startFakeAsaas({ apiKey: FAKE_ASAAS_KEY, autoDeliver: false, clock });
  const server = await startTestServer({
    clock,
    env: {
      ASAAS_BASE_URL: fake.baseUrl,
      ASAAS_API_KEY: FAKE_ASAAS_KEY,
      ASAAS_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
      BILLING_GRACE_DAYS: '7',
      ...env,
    },
  });
  fake.setWebhook(`${server.url}/webhooks/asaas`, WEBHOOK_TOKEN);
  return {
    server,
    fake,
    clock,
    async close() {
      await fake.close();
      await server.close();
    },
  };
}

/** Sets the Asaas subscription id the server knows for an organization (straight in the database). */
export async function setAsaasSubscriptionId(
  server: TestServer,
  orgId: string,
  value: string | null,
): Promise<void> {
  const em = server.database.fork();
  const subscription = await em.findOneOrFail(Subscription, { organization: orgId }, { filters: false });
  subscription.asaasSubscriptionId = value;
  await em.flush();
}

/** The organization's subscription row, fresh from the database. */
export async function subscriptionOf(server: TestServer, orgId: string): Promise<Subscription> {
  return server.database
    .fork()
    .findOneOrFail(Subscription, { organization: orgId }, { populate: ['plan'], filters: false });
}

/** Delivers every queued webhook and asserts the server took each one (200). */
export async function deliverAll(fake: FakeAsaas): Promise<string[]> {
  const sent = await fake.deliver();
  for (const delivery of sent) {
    if (delivery.status !== 200)
      throw new Error(`webhook ${delivery.event.event} answered ${delivery.status}`);
  }
  return sent.map((delivery) => delivery.event.event);
}

export const DAY_MS = 86_400_000;

/** Subscribes an owner (CPF given) and returns the Asaas ids of the subscription and its first payment. */
export async function subscribeOwner(
  context: BillingTestServer,
  owner: SignedIn,
  planCode = 'essencial',
  billingType: 'pix' | 'boleto' | 'credit_card' = 'pix',
  api: SignedIn['client'] = owner.client,
) {
  const result = await api.billing.subscribe.mutate({
    planCode,
    billingType,
    cpfCnpj: '529.982.247-25',
  });
  const subscription = await subscriptionOf(context.server, owner.orgId);
  const asaasSubscriptionId = subscription.asaasSubscriptionId ?? '';
  const payment = context.fake.paymentsOf(asaasSubscriptionId)[0];
  if (!payment) throw new Error('the fake created no payment');
  return { result, asaasSubscriptionId, paymentId: payment.id };
}
