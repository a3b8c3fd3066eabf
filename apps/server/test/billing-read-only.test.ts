// A read-only organization (here: trial over, no subscription) refuses EVERY org-scoped mutation of
// appRouter — enumerated from the router, so a new mutation is covered without touching this file — while
// reads, report downloads and billing (the way out) keep working.
import { appRouter, orgProcedure, READ_ONLY_EXEMPT_MUTATIONS } from '@picineiros/api/server';
import { AuditEntry, MailMessage, Membership, Organization, Subscription } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, startBillingServer, type BillingTestServer } from './billing-harness';
import { errorOf, signUpOwner, type SignedIn } from './harness';
import { PROCEDURE_CASES, seedOneOfEverything, type OrganizationIds } from './procedure-cases';

let context: BillingTestServer;
let owner: SignedIn;
let ids: OrganizationIds;
let inviteToken: string;

type ProcedureDefinition = { _def: { type: string; middlewares: unknown[] } };

// Org-scoped procedures are the ones built on orgProcedure: their middleware chain holds its middleware
// (the one that resolves the organization and runs the read-only guard). Account-level procedures
// (auth.*, a member's own settings) and public ones (members.acceptInvite, tested below) do not.
const ORG_MIDDLEWARE = (orgProcedure as unknown as ProcedureDefinition)._def.middlewares.at(-1);
const PROCEDURES = appRouter._def.procedures as unknown as Record<string, ProcedureDefinition>;
const isOrgScoped = (path: string) => PROCEDURES[path]?._def.middlewares.includes(ORG_MIDDLEWARE) ?? false;
const EXEMPT = (path: string) => path.startsWith('billing.') || READ_ONLY_EXEMPT_MUTATIONS.has(path);

function mutationPaths(): string[] {
  return Object.entries(PROCEDURES)
    .filter(([, procedure]) => procedure._def.type === 'mutation')
    .map(([path]) => path)
    .sort();
}

type RawError = { error?: { json?: { message?: string; data?: { code?: string; billing?: unknown } } } };

/**
 * A mutation without a typed case, over plain HTTP with an empty input: the guard sits in orgProcedure,
 * before any input validation or role check, so the answer must still be the read-only refusal.
 */
async function callRaw(path: string): Promise<{ code?: string; billing?: unknown; message?: string }> {
  const response = await fetch(`${context.server.url}/trpc/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${owner.accessToken}`,
      'x-org-id': owner.orgId,
    },
    body: JSON.stringify({ json: {} }),
  });
  const body = (await response.json()) as RawError;
  return { ...body.error?.json?.data, message: body.error?.json?.message };
}

async function footprint() {
  const em = context.server.database.fork();
  const organization = await em.findOneOrFail(Organization, owner.orgId);
  return {
    audit: await em.count(AuditEntry, { organization: owner.orgId }, { filters: false }),
    members: await em.count(Membership, { organization: owner.orgId }),
    mails: await em.count(MailMessage, { organizationId: owner.orgId }),
    organizationVersion: organization.version,
  };
}

beforeAll(async () => {
  context = await startBillingServer();
  owner = await signUpOwner(context.server, { organizationName: 'Piscinas Somente Leitura' });
  ids = await seedOneOfEverything(context.server, owner);
  // An invitation sent while the organization could still write.
  await owner.client.members.invite.mutate({ email: 'convidada@example.com', role: 'staff' });
  const mail = await context.server.database
    .fork()
    .findOneOrFail(MailMessage, { to: 'convidada@example.com' }, { orderBy: { createdAt: 'desc' } });
  inviteToken = decodeURIComponent(/[?&]token=([\w%-]+)/.exec(mail.text)?.[1] ?? '');
  // The trial ended yesterday, without a subscription.
  const em = context.server.database.fork();
  const subscription = await em.findOneOrFail(
    Subscription,
    { organization: owner.orgId },
    { filters: false },
  );
  subscription.trialEndsAt = new Date(context.clock.now.getTime() - DAY_MS);
  await em.flush();
});
afterAll(async () => {
  await context.close();
});

describe('read-only organization', () => {
  it('is reported by billing.current with its reason and banner', async () => {
    expect(await owner.client.billing.current.query()).toMatchObject({
      readOnly: true,
      readOnlyReason: 'trial_ended',
      banner: { kind: 'read_only' },
    });
  });

  it('refuses every org-scoped mutation of appRouter with PRECONDITION_FAILED and changes nothing', async () => {
    const guarded = mutationPaths().filter((path) => isOrgScoped(path) && !EXEMPT(path));
    // The walk really covers the data routers (a regression that made everything exempt would pass
    // vacuously otherwise).
    expect(guarded).toEqual(expect.arrayContaining(['clients.create', 'finance.markPaid', 'members.invite']));
    expect(isOrgScoped('auth.login')).toBe(false);
    const before = await footprint();
    const accepted: string[] = [];
    for (const path of guarded) {
      const typed = PROCEDURE_CASES[path];
      let outcome: { code?: string; billing?: unknown; message?: string };
      if (typed) {
        const error = await errorOf(typed.call(owner.client, ids)).catch(() => null);
        outcome = error
          ? { code: error.data?.code, billing: error.data?.billing, message: error.message }
          : {};
      } else {
        outcome = await callRaw(path);
      }
      if (
        outcome.code !== 'PRECONDITION_FAILED' ||
        JSON.stringify(outcome.billing) !==
          JSON.stringify({ reason: 'read_only', readOnlyReason: 'trial_ended' })
      ) {
        accepted.push(`${path}: ${outcome.code ?? 'accepted'} ${outcome.message ?? ''}`);
      }
    }
    expect(accepted).toEqual([]);
    expect(await footprint()).toEqual(before);
  });

  it('refuses to let an invitation join it (not an org-scoped call, same rule)', async () => {
    const refused = await errorOf(
      context.server.client().members.acceptInvite.mutate({
        token: inviteToken,
        name: 'Convidada',
        password: 'senha-da-convidada',
      }),
    );
    expect(refused.data?.code).toBe('PRECONDITION_FAILED');
    expect(refused.data?.billing).toMatchObject({ reason: 'read_only' });
  });

  it('keeps every read and the report downloads working', async () => {
    const reads = Object.entries(PROCEDURE_CASES).filter(([, procedure]) => procedure.kind === 'read');
    expect(reads.length).toBeGreaterThan(5);
    for (const [, procedure] of reads) await procedure.call(owner.client, ids);
    await owner.client.organizations.current.query();
    await owner.client.members.list.query();
    await owner.client.billing.invoices.query();
    const response = await fetch(`${context.server.url}/reports/clients.csv`, {
      headers: { authorization: `Bearer ${owner.accessToken}`, 'x-org-id': owner.orgId },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Vitória Quaresma');
  });

  it('still accepts the exempt mutations: read marks and billing, which gets it out', async () => {
    await owner.client.notifications.markAllRead.mutate();
    await owner.client.billing.subscribe.mutate({
      planCode: 'essencial',
      billingType: 'pix',
      cpfCnpj: '529.982.247-25',
    });
    const subscription = await context.server.database
      .fork()
      .findOneOrFail(Subscription, { organization: owner.orgId }, { filters: false });
    const payment = context.fake.paymentsOf(subscription.asaasSubscriptionId ?? '')[0];
    context.fake.pay(payment?.id ?? '');
    await context.fake.deliver();
    expect(await owner.client.billing.current.query()).toMatchObject({ status: 'active', readOnly: false });
    await owner.client.clients.create.mutate({ name: 'Depois de pagar', pools: [{ type: 'other' }] });
  });
});
