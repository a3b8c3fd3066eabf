import {
  dailyJobs,
  runDailyJob,
  webhookRetryJob,
  retryWebhookEvents,
  createAsaasGateway,
} from '@picineiros/api/server';
import { Client, Invoice, MailMessage, Notification, WebhookEvent } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAY_MS,
  deliverAll,
  FAKE_ASAAS_KEY,
  startBillingServer,
  subscribeOwner,
  subscriptionOf,
  setAsaasSubscriptionId,
  WEBHOOK_TOKEN,
  type BillingTestServer,
} from './billing-harness';
import { addMember, errorOf, seed, seedAppointment, seedClient, signUpOwner, type SignedIn } from './harness';
import { sample } from './metrics-sample';

let context: BillingTestServer;
beforeAll(async () => {
  context = await startBillingServer();
});
afterAll(async () => {
  await context.close();
});

function postWebhook(body: string, token: string | null = WEBHOOK_TOKEN) {
  return fetch(`${context.server.url}/webhooks/asaas`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { 'asaas-access-token': token }),
    },
    body,
  });
}

/** Signs the owner in again (the access token lasts 15 minutes; tests move the clock by days). */
async function signInAgain(owner: SignedIn): Promise<SignedIn['client']> {
  const login = await context.server
    .client()
    .auth.login.mutate({ email: owner.email, password: owner.password, client: 'desktop' });
  return context.server.client({ accessToken: () => login.accessToken, orgId: () => owner.orgId });
}

async function invoiceOf(paymentId: string): Promise<Invoice> {
  return context.server.database
    .fork()
    .findOneOrFail(Invoice, { asaasPaymentId: paymentId }, { filters: false });
}

describe('billing: trial, subscription and payment', () => {
  it('starts every registration on a 14-day trial of the largest plan, visible to every member', async () => {
    const owner = await signUpOwner(context.server);
    const current = await owner.client.billing.current.query();
    expect(current).toMatchObject({
      status: 'trialing',
      plan: { code: 'equipe', limits: { activeClients: 1000 } },
      trialDaysLeft: 14,
      readOnly: false,
      readOnlyReason: null,
      banner: null,
      subscribed: false,
      canManage: true,
      billingAvailable: true,
      usage: { activeClients: { used: 0, limit: 1000 }, members: { used: 1, limit: 10 } },
    });
    expect(current.trialEndsAt?.getTime()).toBe(context.clock.now.getTime() + 14 * DAY_MS);
    const staff = await addMember(context.server, owner.orgId, 'staff');
    expect((await staff.client.billing.current.query()).canManage).toBe(false);
    expect((await errorOf(staff.client.billing.invoices.query())).data?.code).toBe('FORBIDDEN');
    expect((await errorOf(staff.client.billing.cancel.mutate())).data?.code).toBe('FORBIDDEN');
    const plans = await owner.client.billing.plans.query();
    expect(plans.map((plan) => plan.code)).toEqual(['essencial', 'profissional', 'equipe']);
    expect(plans[0]).toMatchObject({ priceCents: 4900, limits: { activeClients: 50 } });
  });

  it('lets only owners subscribe, requires a valid CPF/CNPJ, and changes nothing when refused', async () => {
    const owner = await signUpOwner(context.server);
    const admin = await addMember(context.server, owner.orgId, 'admin');
    const forbidden = await errorOf(
      admin.client.billing.subscribe.mutate({
        planCode: 'essencial',
        billingType: 'pix',
        cpfCnpj: '529.982.247-25',
      }),
    );
    expect(forbidden.data?.code).toBe('FORBIDDEN');
    const missing = await errorOf(
      owner.client.billing.subscribe.mutate({ planCode: 'essencial', billingType: 'pix' }),
    );
    expect(missing.data?.code).toBe('BAD_REQUEST');
    expect(missing.data?.fieldErrors).toHaveProperty('cpfCnpj');
    const invalid = await errorOf(
      owner.client.billing.subscribe.mutate({
        planCode: 'essencial',
        billingType: 'pix',
        cpfCnpj: '123.456.789-00',
      }),
    );
    expect(invalid.data?.fieldErrors?.['cpfCnpj']).toMatch(/CPF inválido/);
    const plan = await errorOf(
      owner.client.billing.subscribe.mutate({
        planCode: 'ouro',
        billingType: 'pix',
        cpfCnpj: '529.982.247-25',
      }),
    );
    expect(plan.data?.fieldErrors).toHaveProperty('planCode');
    expect(
      [...context.fake.customers.values()].some((customer) => customer.externalReference === owner.orgId),
    ).toBe(false);
    expect((await subscriptionOf(context.server, owner.orgId)).asaasSubscriptionId).toBeNull();
  });

  it('trial → subscribe (PIX code and invoice link at once) → PAYMENT_RECEIVED → active', async () => {
    const owner = await signUpOwner(context.server, { organizationName: 'Piscinas Pagantes' });
    const { result, asaasSubscriptionId, paymentId } = await subscribeOwner(
      context,
      owner,
      'essencial',
      'pix',
    );

    // Asaas got a customer keyed by the organization and a monthly subscription due at the trial's end.
    const remote = context.fake.subscriptions.get(asaasSubscriptionId);
    const customer = [...context.fake.customers.values()].find((item) => item.id === remote?.customer);
    expect(customer).toMatchObject({
      externalReference: owner.orgId,
      cpfCnpj: '52998224725',
      name: 'Piscinas Pagantes',
    });
    expect(remote).toMatchObject({
      cycle: 'MONTHLY',
      billingType: 'PIX',
      value: 49,
      externalReference: owner.orgId,
    });
    expect(context.fake.payments.get(paymentId)?.dueDate).toBe('2026-03-16');

    expect(result.invoice).toMatchObject({
      asaasPaymentId: paymentId,
      amountCents: 4900,
      dueDate: '2026-03-16',
      status: 'pending',
      billingType: 'pix',
    });
    expect(result.invoice?.invoiceUrl).toContain(context.fake.origin);
    expect(result.invoice?.pixCode).toContain(paymentId);
    expect(result.current).toMatchObject({
      status: 'trialing',
      subscribed: true,
      plan: { code: 'essencial' },
    });
    // The organization's document is kept for the next time.
    expect(result.current.document).toBe('52998224725');

    expect(await deliverAll(context.fake)).toEqual(['SUBSCRIPTION_CREATED', 'PAYMENT_CREATED']);
    context.fake.pay(paymentId);
    expect(await deliverAll(context.fake)).toEqual(['PAYMENT_RECEIVED']);

    const current = await owner.client.billing.current.query();
    expect(current).toMatchObject({ status: 'active', readOnly: false, banner: null, trialEndsAt: null });
    // Paid for the month that starts at the due date.
    expect(current.currentPeriodEnd?.toISOString()).toBe('2026-04-16T03:00:00.000Z');
    const invoices = await owner.client.billing.invoices.query();
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ status: 'received', pixCode: null });
    expect(invoices[0]?.paidAt).toBeInstanceOf(Date);

    // A second subscribe is refused: changePlan is the way.
    const again = await errorOf(
      owner.client.billing.subscribe.mutate({ planCode: 'equipe', billingType: 'pix' }),
    );
    expect(again.data?.code).toBe('PRECONDITION_FAILED');
  });

  it('creates one Asaas subscription when subscribe is sent twice at once (double click)', async () => {
    const owner = await signUpOwner(context.server);
    const input = { planCode: 'essencial', billingType: 'pix', cpfCnpj: '529.982.247-25' } as const;
    const results = await Promise.allSettled([
      owner.client.billing.subscribe.mutate(input),
      owner.client.billing.subscribe.mutate(input),
      owner.client.billing.subscribe.mutate(input),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const remote = [...context.fake.subscriptions.values()].filter(
      (item) => item.externalReference === owner.orgId,
    );
    expect(remote).toHaveLength(1);
    expect((await subscriptionOf(context.server, owner.orgId)).asaasSubscriptionId).toBe(remote[0]?.id);
    context.fake.takeQueued();
  });

  it('PAYMENT_OVERDUE → past_due with a banner → grace passes → read-only → paid → active', async () => {
    const owner = await signUpOwner(context.server);
    const { paymentId } = await subscribeOwner(context, owner, 'profissional', 'boleto');
    await deliverAll(context.fake);
    const start = context.clock.now;
    try {
      context.clock.advance(15 * DAY_MS);
      let api = await signInAgain(owner);
      context.fake.markOverdue(paymentId);
      await deliverAll(context.fake);
      const pastDue = await api.billing.current.query();
      expect(pastDue).toMatchObject({
        status: 'past_due',
        readOnly: false,
        banner: { kind: 'past_due', daysLeft: 7 },
      });
      expect(pastDue.graceEndsAt?.getTime()).toBe(context.clock.now.getTime() + 7 * DAY_MS);
      // Within the grace, writes go on.
      await api.clients.create.mutate({ name: 'Cliente na tolerância', pools: [{ type: 'other' }] });

      context.clock.advance(7 * DAY_MS + 60_000);
      api = await signInAgain(owner);
      const readOnly = await api.billing.current.query();
      expect(readOnly).toMatchObject({ status: 'past_due', readOnly: true, readOnlyReason: 'past_due' });
      expect(readOnly.banner?.kind).toBe('read_only');
      const refused = await errorOf(
        api.clients.create.mutate({ name: 'Recusado', pools: [{ type: 'other' }] }),
      );
      expect(refused.data?.code).toBe('PRECONDITION_FAILED');
      expect(refused.data?.billing).toEqual({ reason: 'read_only', readOnlyReason: 'past_due' });
      expect(refused.message).toMatch(/somente para leitura.*Assinatura/);
      // Reads still work.
      expect((await api.clients.list.query({})).items.map((client) => client.name)).toContain(
        'Cliente na tolerância',
      );

      context.fake.pay(paymentId);
      await deliverAll(context.fake);
      expect(await api.billing.current.query()).toMatchObject({ status: 'active', readOnly: false });
      await api.clients.create.mutate({ name: 'Depois do pagamento', pools: [{ type: 'other' }] });
    } finally {
      context.clock.now = start;
    }
  });

  it('makes an organization read-only when the trial ends without a subscription, and lets it subscribe', async () => {
    const owner = await signUpOwner(context.server);
    const start = context.clock.now;
    try {
      context.clock.advance(13 * DAY_MS);
      let api = await signInAgain(owner);
      expect(await api.billing.current.query()).toMatchObject({
        trialDaysLeft: 1,
        banner: { kind: 'trial_ending', daysLeft: 1 },
      });
      context.clock.advance(DAY_MS + 1000);
      api = await signInAgain(owner);
      const ended = await api.billing.current.query();
      expect(ended).toMatchObject({ readOnly: true, readOnlyReason: 'trial_ended', trialDaysLeft: 0 });
      const refused = await errorOf(
        api.clients.create.mutate({ name: 'Sem plano', pools: [{ type: 'other' }] }),
      );
      expect(refused.data?.billing).toEqual({ reason: 'read_only', readOnlyReason: 'trial_ended' });

      // Subscribing within the grace after the trial would let writes go on until the invoice's grace ends;
      // well past it, billing.* (exempt) is the way out: the invoice is due today and writes wait for it.
      context.clock.advance(8 * DAY_MS);
      api = await signInAgain(owner);
      const { result, paymentId } = await subscribeOwner(context, owner, 'essencial', 'credit_card', api);
      expect(result.invoice?.dueDate).toBe('2026-03-24');
      expect(result.current.readOnly).toBe(true);
      await deliverAll(context.fake);
      context.fake.confirm(paymentId);
      await deliverAll(context.fake);
      expect(await api.billing.current.query()).toMatchObject({ status: 'active', readOnly: false });
      await api.clients.create.mutate({ name: 'Com plano', pools: [{ type: 'other' }] });
    } finally {
      context.clock.now = start;
    }
  });

  it('changes plan (repricing the pending invoice) and cancels (usable until the paid period ends)', async () => {
    const owner = await signUpOwner(context.server);
    const { asaasSubscriptionId, paymentId } = await subscribeOwner(context, owner, 'essencial', 'pix');
    await deliverAll(context.fake);
    const changed = await owner.client.billing.changePlan.mutate({
      planCode: 'profissional',
      billingType: 'boleto',
    });
    expect(changed).toMatchObject({ plan: { code: 'profissional' }, billingType: 'boleto' });
    expect(context.fake.subscriptions.get(asaasSubscriptionId)).toMatchObject({
      value: 99,
      billingType: 'BOLETO',
    });
    expect(context.fake.payments.get(paymentId)).toMatchObject({ value: 99, billingType: 'BOLETO' });
    await deliverAll(context.fake);
    expect(await invoiceOf(paymentId)).toMatchObject({
      amountCents: 9900,
      billingType: 'boleto',
      status: 'pending',
    });
    const same = await errorOf(owner.client.billing.changePlan.mutate({ planCode: 'profissional' }));
    expect(same.data?.fieldErrors).toHaveProperty('planCode');

    context.fake.pay(paymentId);
    await deliverAll(context.fake);
    const canceled = await owner.client.billing.cancel.mutate();
    expect(canceled).toMatchObject({
      status: 'canceled',
      subscribed: false,
      readOnly: false,
      banner: { kind: 'canceled' },
    });
    expect(context.fake.subscriptions.get(asaasSubscriptionId)?.deleted).toBe(true);
    expect(await deliverAll(context.fake)).toContain('SUBSCRIPTION_DELETED');
    const start = context.clock.now;
    try {
      context.clock.now = new Date((canceled.currentPeriodEnd?.getTime() ?? 0) + 1000);
      const api = await signInAgain(owner);
      expect(await api.billing.current.query()).toMatchObject({
        readOnly: true,
        readOnlyReason: 'canceled',
      });
    } finally {
      context.clock.now = start;
    }
  });
});

describe('billing: webhooks', () => {
  it('applies late events of a canceled subscription after the organization subscribed again', async () => {
    const owner = await signUpOwner(context.server);
    const first = await subscribeOwner(context, owner, 'essencial');
    await deliverAll(context.fake);
    context.fake.markOverdue(first.paymentId);
    await deliverAll(context.fake);
    await owner.client.billing.cancel.mutate();
    // Asaas's PAYMENT_DELETED for the unpaid invoice is late: it arrives after the new subscription.
    const late = context.fake.takeQueued();
    expect(late.map((item) => item.event)).toEqual(['PAYMENT_DELETED', 'SUBSCRIPTION_DELETED']);
    const second = await owner.client.billing.subscribe.mutate({ planCode: 'essencial', billingType: 'pix' });
    const secondPaymentId = second.invoice?.asaasPaymentId ?? '';
    await deliverAll(context.fake);
    for (const item of late) expect((await context.fake.send(item)).status).toBe(200);
    expect(await invoiceOf(first.paymentId)).toMatchObject({ status: 'deleted' });
    context.fake.pay(secondPaymentId);
    await deliverAll(context.fake);
    // The old subscription's deletion event did not cancel the new one, and no stale overdue invoice
    // keeps the organization past due.
    expect(await owner.client.billing.current.query()).toMatchObject({ status: 'active', subscribed: true });
  });

  it('refuses a missing or wrong token with 401, bad JSON or a non-event with 400, and stores nothing', async () => {
    const event = JSON.stringify({ id: 'evt_token_test', event: 'PAYMENT_CREATED' });
    expect((await postWebhook(event, null)).status).toBe(401);
    expect((await postWebhook(event, 'x')).status).toBe(401);
    expect((await postWebhook(event, WEBHOOK_TOKEN.replace(/.$/, '!'))).status).toBe(401);
    expect((await postWebhook('{"id": ')).status).toBe(400);
    expect((await postWebhook('[1,2]')).status).toBe(400);
    expect((await postWebhook(JSON.stringify({ event: 'PAYMENT_CREATED' }))).status).toBe(400);
    expect(
      (await postWebhook(JSON.stringify({ id: 'x'.repeat(500), event: 'PAYMENT_CREATED' }))).status,
    ).toBe(400);
    const em = context.server.database.fork();
    expect(await em.count(WebhookEvent, { eventId: 'evt_token_test' })).toBe(0);
  });

  /** Webhook deliveries counted by /metrics (open without a token outside production). */
  async function webhookCount(labels: Record<string, string>): Promise<number> {
    const text = await (await fetch(`${context.server.url}/metrics`)).text();
    return sample(text, 'picineiros_webhook_events_total', { provider: 'asaas', ...labels });
  }

  it('answers a duplicate delivery 200 and applies it once; out-of-order events end right', async () => {
    const ignoredBefore = await webhookCount({ event: 'PAYMENT_RECEIVED', outcome: 'ignored' });
    const processedBefore = await webhookCount({ event: 'PAYMENT_RECEIVED', outcome: 'processed' });
    const owner = await signUpOwner(context.server);
    const { paymentId } = await subscribeOwner(context, owner);
    const queued = context.fake.takeQueued();
    const created = queued.find((item) => item.event === 'PAYMENT_CREATED');
    if (!created) throw new Error('no PAYMENT_CREATED');
    // The payer pays, then the invoice would have gone overdue: Asaas delivers RECEIVED first, then the
    // stale OVERDUE and CREATED, then RECEIVED again.
    const overdue = context.fake.eventOf('PAYMENT_OVERDUE', paymentId);
    const received = context.fake.pay(paymentId);
    context.fake.takeQueued();
    for (const item of [received, overdue, created, received]) {
      const delivery = await context.fake.send(item);
      expect(delivery.status).toBe(200);
    }
    const duplicate = await postWebhook(JSON.stringify(received));
    expect(duplicate.status).toBe(200);
    expect(await duplicate.json()).toMatchObject({ duplicate: true });
    // Two redeliveries of RECEIVED were ignored; the first was processed.
    expect(await webhookCount({ event: 'PAYMENT_RECEIVED', outcome: 'processed' })).toBe(processedBefore + 1);
    expect(await webhookCount({ event: 'PAYMENT_RECEIVED', outcome: 'ignored' })).toBe(ignoredBefore + 2);

    const em = context.server.database.fork();
    expect(await em.count(WebhookEvent, { eventId: received.id })).toBe(1);
    expect(await invoiceOf(paymentId)).toMatchObject({ status: 'received' });
    expect(await owner.client.billing.current.query()).toMatchObject({ status: 'active', readOnly: false });
    // A late PAYMENT_DELETED does not undo a payment either.
    expect((await context.fake.send(context.fake.eventOf('PAYMENT_DELETED', paymentId))).status).toBe(200);
    expect(await invoiceOf(paymentId)).toMatchObject({ status: 'received' });
    // A refund moves it forward.
    context.fake.refund(paymentId);
    await deliverAll(context.fake);
    expect(await invoiceOf(paymentId)).toMatchObject({ status: 'refunded' });
  });

  it('keeps an event it failed to process and processes it on retry (job) or on redelivery', async () => {
    const owner = await signUpOwner(context.server);
    // A subscription Asaas knows and the server does not (yet): as when its webhook overtakes the commit of
    // the subscribe call.
    const gateway = createAsaasGateway({ baseUrl: context.fake.baseUrl, apiKey: FAKE_ASAAS_KEY });
    const customer = await gateway.createCustomer({
      name: 'X',
      cpfCnpj: '52998224725',
      externalReference: owner.orgId,
    });
    const remote = await gateway.createSubscription({
      customer: customer.id,
      billingType: 'pix',
      valueCents: 4900,
      nextDueDate: '2026-03-16',
      description: 'Picineiros',
      externalReference: owner.orgId,
    });
    const [payment] = await gateway.listSubscriptionPayments(remote.id);
    if (!payment) throw new Error('no payment');
    context.fake.takeQueued();
    const received = context.fake.pay(payment.id);
    context.fake.takeQueued();
    expect((await context.fake.send(received)).status).toBe(200);

    const em = context.server.database.fork();
    const stored = await em.findOneOrFail(WebhookEvent, { eventId: received.id });
    expect(stored).toMatchObject({ processedAt: null, attempts: 1, outcome: null });
    expect(stored.lastError).toMatch(/not known/);
    expect(await em.count(Invoice, { asaasPaymentId: payment.id }, { filters: false })).toBe(0);

    // Not due yet: the job leaves it.
    expect(await retryWebhookEvents(context.server.database, context.clock.now)).toMatchObject({
      attempted: 0,
    });
    // The subscribe call commits…
    await setAsaasSubscriptionId(context.server, owner.orgId, remote.id);
    // …and the retry job, once the backoff is due, finishes it.
    const later = new Date(context.clock.now.getTime() + 60_000);
    expect(await retryWebhookEvents(context.server.database, later)).toEqual({ attempted: 1, processed: 1 });
    const done = await context.server.database.fork().findOneOrFail(WebhookEvent, { eventId: received.id });
    expect(done).toMatchObject({
      outcome: 'processed',
      attempts: 2,
      lastError: null,
      organizationId: owner.orgId,
    });
    expect(await invoiceOf(payment.id)).toMatchObject({ status: 'received' });
    expect(await owner.client.billing.current.query()).toMatchObject({ status: 'active' });

    // The redelivery path: another stored failure is finished by Asaas delivering it again.
    const second = context.fake.nextCycle(remote.id);
    const orphan = { ...context.fake.eventOf('PAYMENT_CREATED', second.id) };
    context.fake.takeQueued();
    await setAsaasSubscriptionId(context.server, owner.orgId, null);
    expect((await context.fake.send(orphan)).status).toBe(200);
    expect(
      (await context.server.database.fork().findOneOrFail(WebhookEvent, { eventId: orphan.id })).processedAt,
    ).toBeNull();
    await setAsaasSubscriptionId(context.server, owner.orgId, remote.id);
    expect((await context.fake.send(orphan)).status).toBe(200);
    expect(await invoiceOf(second.id)).toMatchObject({ status: 'pending' });

    // Processed events are deleted after the retention (their payloads name people).
    const muchLater = new Date(context.clock.now.getTime() + 91 * DAY_MS);
    expect((await webhookRetryJob.run(context.server.database, muchLater)).pruned).toBeGreaterThanOrEqual(2);
    expect(
      await context.server.database.fork().count(WebhookEvent, { eventId: [received.id, orphan.id] }),
    ).toBe(0);
  });
});

describe('billing: plan limits', () => {
  it('accepts the 50th active client on a 50-client plan and refuses the 51st, naming the usage', async () => {
    const owner = await signUpOwner(context.server);
    await subscribeOwner(context, owner, 'essencial');
    await seed(context.server, (em) => {
      for (let index = 1; index <= 49; index += 1) seedClient(em, owner.orgId, { name: `Cliente ${index}` });
      // Paused clients do not count.
      seedClient(em, owner.orgId, { name: 'Pausado', active: false });
    });

    const fiftieth = await owner.client.clients.create.mutate({
      name: 'Quinquagésimo',
      pools: [{ type: 'other' }],
    });
    const refused = await errorOf(
      owner.client.clients.create.mutate({ name: 'Quinquagésimo primeiro', pools: [{ type: 'other' }] }),
    );
    expect(refused.data?.code).toBe('PRECONDITION_FAILED');
    expect(refused.message).toMatch(/50 de 50 clientes ativos/);
    expect(refused.data?.billing).toEqual({
      reason: 'limit_reached',
      limit: 'activeClients',
      used: 50,
      max: 50,
    });
    expect((await owner.client.billing.current.query()).usage.activeClients).toEqual({ used: 50, limit: 50 });
    // Reactivating the paused one counts like a new one; archiving one frees a place.
    const paused = (await owner.client.clients.list.query({ search: 'Pausado' })).items[0];
    const reactivate = await errorOf(
      owner.client.clients.update.mutate({ id: paused?.id ?? '', active: true }),
    );
    expect(reactivate.data?.billing).toMatchObject({ limit: 'activeClients' });
    await owner.client.clients.archive.mutate({ id: fiftieth.id });
    await owner.client.clients.create.mutate({ name: 'Cabe agora', pools: [{ type: 'other' }] });
    const restore = await errorOf(owner.client.clients.restore.mutate({ id: fiftieth.id }));
    expect(restore.data?.billing).toMatchObject({ limit: 'activeClients', used: 50 });
  });

  it('counts visits per month of the visit date: the 150th of April is accepted, the 151st refused, May is free', async () => {
    const owner = await signUpOwner(context.server);
    await subscribeOwner(context, owner, 'essencial');
    const client = await owner.client.clients.create.mutate({
      name: 'Condomínio',
      pools: [{ type: 'other' }],
    });
    const em = context.server.database.fork();
    const row = await em.findOneOrFail(Client, client.id, { filters: false });
    for (let index = 0; index < 149; index += 1) {
      const day = String((index % 30) + 1).padStart(2, '0');
      seedAppointment(em, row, { date: `2026-04-${day}`, startTime: '08:00' });
    }
    // Archived visits and other months do not count.
    seedAppointment(em, row, { date: '2026-04-15', deletedAt: context.clock.now });
    seedAppointment(em, row, { date: '2026-03-31' });
    await em.flush();
    const visit = { clientId: client.id, startTime: '10:00' };
    await owner.client.appointments.create.mutate({ ...visit, date: '2026-04-30' });
    const refused = await errorOf(owner.client.appointments.create.mutate({ ...visit, date: '2026-04-01' }));
    expect(refused.data?.billing).toEqual({
      reason: 'limit_reached',
      limit: 'appointmentsPerMonth',
      used: 150,
      max: 150,
    });
    expect(refused.message).toMatch(/150 de 150 atendimentos no mês/);
    await owner.client.appointments.create.mutate({ ...visit, date: '2026-05-01' });
  });

  it('keeps every record after a downgrade but refuses new ones over the smaller limit (members)', async () => {
    const owner = await signUpOwner(context.server);
    await subscribeOwner(context, owner, 'profissional');
    await owner.client.members.invite.mutate({ email: 'segundo@example.com', role: 'staff' });
    await addMember(context.server, owner.orgId, 'staff');
    await deliverAll(context.fake);
    await owner.client.billing.changePlan.mutate({ planCode: 'essencial' });
    const current = await owner.client.billing.current.query();
    expect(current.usage.members).toEqual({ used: 2, limit: 1 });
    const refused = await errorOf(
      owner.client.members.invite.mutate({ email: 'terceiro@example.com', role: 'staff' }),
    );
    expect(refused.data?.billing).toEqual({ reason: 'limit_reached', limit: 'members', used: 2, max: 1 });
  });

  it("sends e-mail notices up to the plan's monthly allowance; past it, only the in-app notice", async () => {
    const owner = await signUpOwner(context.server);
    await subscribeOwner(context, owner, 'essencial');
    const today = '2026-03-02';
    for (const name of ['Primeira', 'Segunda']) {
      const client = await owner.client.clients.create.mutate({
        name,
        email: `${name.toLowerCase()}@example.com`,
        pools: [{ type: 'other' }],
      });
      await owner.client.finance.create.mutate({
        clientId: client.id,
        description: 'Mensalidade',
        amountCents: 10000,
        dueDate: today,
      });
    }
    // 299 of the plan's 300 notices already sent this month.
    const em = context.server.database.fork();
    for (let index = 0; index < 299; index += 1) {
      em.create(MailMessage, {
        kind: 'appointment_reminder',
        to: 'x@example.com',
        subject: 'x',
        text: 'x',
        html: 'x',
        organizationId: owner.orgId,
        status: 'sent',
        nextAttemptAt: context.clock.now,
        createdAt: context.clock.now,
      });
    }
    await em.flush();
    expect((await owner.client.billing.current.query()).usage.emailNoticesPerMonth).toEqual({
      used: 299,
      limit: 300,
    });

    const notices = dailyJobs['finance-notices'];
    if (!notices) throw new Error('no finance-notices job');
    await runDailyJob(context.server.database, notices, context.clock.now, { localDate: today });
    const check = context.server.database.fork();
    const queued = await check.count(MailMessage, { organizationId: owner.orgId, kind: 'finance_due_today' });
    const inApp = await check.count(
      Notification,
      { organization: owner.orgId, type: 'finance_due_today' },
      { filters: false },
    );
    expect({ queued, inApp }).toEqual({ queued: 1, inApp: 2 });
  });
});
