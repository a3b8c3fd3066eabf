// Plan limits and uniqueness under parallel requests, on both dialects: the requests of each case are sent
// at once, and the rows in the database are counted afterwards.
import type { AppRouter } from '@picineiros/api';
import { issueAccountToken } from '@picineiros/api/server';
import { Appointment, Client, Membership, Organization, User } from '@picineiros/db';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBillingServer, subscribeOwner, type BillingTestServer } from './billing-harness';
import { seed, seedAppointment, seedClient, signUpOwner, type SignedIn } from './harness';

let context: BillingTestServer;

beforeAll(async () => {
  context = await startBillingServer();
});
afterAll(async () => {
  await context.close();
});

/** Settles every call and counts the outcomes by tRPC error code ('OK' for a success). */
async function outcomes(calls: Promise<unknown>[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const result of await Promise.allSettled(calls)) {
    const code =
      result.status === 'fulfilled'
        ? 'OK'
        : result.reason instanceof TRPCClientError
          ? String((result.reason as TRPCClientError<AppRouter>).data?.code)
          : 'UNKNOWN';
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

/** Adds `count` active clients straight in the database. */
function seedClients(owner: SignedIn, count: number): Promise<Client[]> {
  return seed(context.server, (em) =>
    Array.from({ length: count }, (_, index) => seedClient(em, owner.orgId, { name: `Cliente ${index}` })),
  );
}

function countActiveClients(orgId: string): Promise<number> {
  return context.server.database
    .fork()
    .count(Client, { organization: orgId, deletedAt: null, active: true }, { filters: false });
}

describe('plan limits under parallel creates', () => {
  it('10 parallel client creates at 48 of 50 end with 50 active clients', async () => {
    const owner = await signUpOwner(context.server);
    await subscribeOwner(context, owner, 'essencial');
    await seedClients(owner, 48);
    const counts = await outcomes(
      Array.from({ length: 10 }, (_, index) =>
        owner.client.clients.create.mutate({ name: `Paralelo ${index}`, pools: [{ type: 'other' }] }),
      ),
    );
    expect(counts).toEqual({ OK: 2, PRECONDITION_FAILED: 8 });
    expect(await countActiveClients(owner.orgId)).toBe(50);
  });

  it('parallel restores and reactivations count like creates', async () => {
    const owner = await signUpOwner(context.server);
    await subscribeOwner(context, owner, 'essencial');
    const clients = await seedClients(owner, 50);
    const em = context.server.database.fork();
    // Ten archived and ten paused: 30 active. Ten restores, ten reactivations and five creates in parallel
    // ask for 25 places where 20 are left.
    const rows = await em.find(Client, { id: clients.map((client) => client.id) }, { filters: false });
    rows.slice(0, 10).forEach((row) => (row.deletedAt = context.clock.now));
    rows.slice(10, 20).forEach((row) => (row.active = false));
    await em.flush();
    const counts = await outcomes([
      ...rows.slice(0, 10).map((row) => owner.client.clients.restore.mutate({ id: row.id })),
      ...rows.slice(10, 20).map((row) => owner.client.clients.update.mutate({ id: row.id, active: true })),
      ...Array.from({ length: 5 }, (_, index) =>
        owner.client.clients.create.mutate({ name: `Extra ${index}`, pools: [{ type: 'other' }] }),
      ),
    ]);
    expect(counts['OK']).toBe(20);
    expect(counts['PRECONDITION_FAILED']).toBe(5);
    expect(await countActiveClients(owner.orgId)).toBe(50);
  });

  it('parallel visit creates at 148 of 150 in a month end with 150', async () => {
    const owner = await signUpOwner(context.server);
    await subscribeOwner(context, owner, 'essencial');
    const client = await seed(context.server, (em) => {
      const client = seedClient(em, owner.orgId, { name: 'Cliente' });
      for (let index = 0; index < 148; index += 1) {
        const date = `2026-04-${String((index % 28) + 1).padStart(2, '0')}`;
        seedAppointment(em, client, { date, startTime: '08:00' });
      }
      return client;
    });
    const counts = await outcomes(
      Array.from({ length: 10 }, (_, index) =>
        owner.client.appointments.create.mutate({
          clientId: client.id,
          date: `2026-04-${String(index + 10)}`,
          startTime: '10:00',
        }),
      ),
    );
    expect(counts).toEqual({ OK: 2, PRECONDITION_FAILED: 8 });
    expect(
      await context.server.database
        .fork()
        .count(
          Appointment,
          { organization: owner.orgId, deletedAt: null, date: { $like: '2026-04-%' } },
          { filters: false },
        ),
    ).toBe(150);
  });

  it('6 parallel invitation acceptances on a 3-member plan end with 3 members', async () => {
    const owner = await signUpOwner(context.server);
    await subscribeOwner(context, owner, 'profissional');
    const em = context.server.database.fork();
    const organization = em.getReference(Organization, owner.orgId);
    const invitedBy = em.getReference(User, owner.userId);
    const tokens = Array.from({ length: 6 }, (_, index) =>
      issueAccountToken(
        em,
        'invite',
        { email: `convidado.${index}.${owner.orgId}@example.com`, organization, role: 'staff', invitedBy },
        context.clock.now,
      ),
    );
    await em.flush();
    const counts = await outcomes(
      tokens.map((token, index) =>
        context.server.client().members.acceptInvite.mutate({
          token,
          name: `Convidado ${index}`,
          password: 'senha-do-convidado',
        }),
      ),
    );
    expect(counts).toEqual({ OK: 2, PRECONDITION_FAILED: 4 });
    expect(await context.server.database.fork().count(Membership, { organization: owner.orgId })).toBe(3);
  });
});

describe('unique CPF/CNPJ among active clients', () => {
  it('10 parallel creates with one CPF make one client; the others get the field error on document', async () => {
    const owner = await signUpOwner(context.server);
    const calls = Array.from({ length: 10 }, (_, index) =>
      owner.client.clients.create.mutate({
        name: `Mesmo CPF ${index}`,
        document: '529.982.247-25',
        pools: [{ type: 'other' }],
      }),
    );
    expect(await outcomes(calls)).toEqual({ OK: 1, BAD_REQUEST: 9 });
    for (const result of await Promise.allSettled(calls)) {
      if (result.status === 'rejected') {
        const error = result.reason as TRPCClientError<AppRouter>;
        expect(error.data?.fieldErrors).toEqual({ document: 'Já existe um cliente com este CPF/CNPJ.' });
      }
    }
    const em = context.server.database.fork();
    expect(
      await em.count(Client, { organization: owner.orgId, document: '52998224725' }, { filters: false }),
    ).toBe(1);
  });

  it('the database itself refuses a second active client with the CPF; archived ones do not count', async () => {
    const owner = await signUpOwner(context.server);
    const document = '52998224725';
    await seed(context.server, (em) => {
      seedClient(em, owner.orgId, { name: 'Arquivado', document, deletedAt: context.clock.now });
      seedClient(em, owner.orgId, { name: 'Ativo', document });
    });
    await expect(
      seed(context.server, (em) => seedClient(em, owner.orgId, { name: 'Outro', document })),
    ).rejects.toThrow(/unique/i);
  });
});
