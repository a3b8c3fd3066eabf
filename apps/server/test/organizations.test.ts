import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, errorOf, signUpOwner, startTestServer, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe(`organization context and role guards`, () => {
  it(`defaults to the caller's first organization and shows the role`, async () => {
    const owner = await signUpOwner(server, { organizationName: 'Piscinas Sol' });
    const current = await server
      .client({ accessToken: () => owner.accessToken })
      .organizations.current.query();
    expect(current).toMatchObject({
      id: owner.orgId,
      name: 'Piscinas Sol',
      timezone: 'America/Sao_Paulo',
      role: 'owner',
    });
  });

  it(`answers NOT_FOUND for another organization's id, a made-up id and a malformed id`, async () => {
    const owner = await signUpOwner(server);
    const stranger = await signUpOwner(server, { organizationName: 'Concorrente' });
    for (const orgId of [stranger.orgId, crypto.randomUUID(), 'not-a-uuid']) {
      const client = server.client({ accessToken: () => owner.accessToken, orgId: () => orgId });
      expect((await errorOf(client.organizations.current.query())).data?.code).toBe('NOT_FOUND');
      expect((await errorOf(client.members.list.query())).data?.code).toBe('NOT_FOUND');
      expect((await errorOf(client.organizations.update.mutate({ name: 'Tomada' }))).data?.code).toBe(
        'NOT_FOUND',
      );
    }
    const untouched = await stranger.client.organizations.current.query();
    expect(untouched.name).toBe('Concorrente');
  });

  it(`lets owners and admins update the organization, refuses staff with FORBIDDEN and changes nothing`, async () => {
    const owner = await signUpOwner(server, { organizationName: 'Original' });
    const admin = await addMember(server, owner.orgId, 'admin');
    const staff = await addMember(server, owner.orgId, 'staff');

    const refused = await errorOf(staff.client.organizations.update.mutate({ name: 'Pela equipe' }));
    expect(refused.data?.code).toBe('FORBIDDEN');
    expect((await owner.client.organizations.current.query()).name).toBe('Original');

    expect((await admin.client.organizations.update.mutate({ name: 'Pelo admin' })).name).toBe('Pelo admin');
    expect((await owner.client.organizations.update.mutate({ timezone: 'America/Manaus' })).timezone).toBe(
      'America/Manaus',
    );
    const { members } = await staff.client.members.list.query();
    expect(members.map((member) => member.role)).toEqual(['owner', 'admin', 'staff']);
  });

  it(`switches organization with x-org-id for a member of several`, async () => {
    const owner = await signUpOwner(server, { organizationName: 'Primeira' });
    const other = await signUpOwner(server, { organizationName: 'Segunda' });
    const em = server.database.fork();
    const { Membership, Organization, User } = await import('@picineiros/db');
    em.create(Membership, {
      user: em.getReference(User, owner.userId),
      organization: em.getReference(Organization, other.orgId),
      role: 'staff',
    });
    await em.flush();
    const client = server.client({ accessToken: () => owner.accessToken, orgId: () => other.orgId });
    expect(await client.organizations.current.query()).toMatchObject({ name: 'Segunda', role: 'staff' });
    expect((await errorOf(client.organizations.update.mutate({ name: 'x y' }))).data?.code).toBe('FORBIDDEN');
  });

  it(`validates organization updates field by field`, async () => {
    const owner = await signUpOwner(server);
    const error = await errorOf(
      owner.client.organizations.update.mutate({ name: 'x', timezone: 'Marte/Olympus' }),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.fieldErrors).toEqual({
      name: 'Informe o nome da empresa.',
      timezone: 'Fuso horário desconhecido.',
    });
  });
});
