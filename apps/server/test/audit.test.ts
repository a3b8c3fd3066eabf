import { Membership } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createClock,
  errorOf,
  signUpOwner,
  startTestServer,
  type SignedIn,
  type TestServer,
} from './harness';

// The audit log over HTTP: every change of clients, pools, appointments and finance entries made through
// the API is recorded with its member, and only owners and admins can read it.
// 23:50 on 14 March in São Paulo: the local-date filter is checked across midnight.
const clock = createClock(new Date('2026-03-15T02:50:00Z'));
let server: TestServer;
let owner: SignedIn;
let admin: SignedIn;
let staff: SignedIn;

async function membershipIdOf(userId: string, orgId: string): Promise<string> {
  const membership = await server.database
    .fork()
    .findOneOrFail(Membership, { user: userId, organization: orgId });
  return membership.id;
}

async function listAll(member: SignedIn, filters: Record<string, unknown> = {}) {
  const items = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await member.client.audit.list.query({
      ...filters,
      limit: 2,
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
}

beforeAll(async () => {
  server = await startTestServer({ clock });
  owner = await signUpOwner(server, { name: 'Olga Dona' });
  admin = await addMember(server, owner.orgId, 'admin');
  staff = await addMember(server, owner.orgId, 'staff');
});

afterAll(async () => {
  await server.close();
});

describe(`audit log on ${process.env['TEST_DIALECT']}`, () => {
  let clientId = '';
  let poolId = '';

  it('records creates, updates, archives and restores with who and what changed', async () => {
    const created = await owner.client.clients.create.mutate({
      name: 'Beatriz Andrade',
      pools: [{ type: 'fiberglass', volumeLiters: 40000 }],
    });
    clientId = created.id;
    poolId = created.pools[0]?.id ?? '';
    clock.advance(60_000);
    await staff.client.clients.update.mutate({ id: clientId, name: 'Beatriz Andrade Melo' });
    clock.advance(60_000);
    await admin.client.clients.archive.mutate({ id: clientId });
    clock.advance(60_000);
    await admin.client.clients.restore.mutate({ id: clientId });

    const entries = await listAll(owner, { entityId: clientId });
    expect(entries.map((entry) => entry.action)).toEqual(['restore', 'archive', 'update', 'create']);
    const [restore, archive, update, create] = entries;
    expect(create?.actor?.name).toBe('Olga Dona');
    expect(create?.actor?.userId).toBe(owner.userId);
    expect(create?.changes['name']).toEqual({ before: null, after: 'Beatriz Andrade' });
    expect(update?.actor?.userId).toBe(staff.userId);
    expect(update?.changes).toEqual({ name: { before: 'Beatriz Andrade', after: 'Beatriz Andrade Melo' } });
    expect(archive?.actor?.userId).toBe(admin.userId);
    expect(archive?.changes['deletedAt']?.before).toBeNull();
    expect(restore?.changes['deletedAt']?.after).toBeNull();
    expect(update?.at.getTime()).toBe((create?.at.getTime() ?? 0) + 60_000);

    const poolEntries = await listAll(owner, { entityType: 'pool' });
    expect(poolEntries).toEqual([
      expect.objectContaining({ entityId: poolId, action: 'create', entityType: 'pool' }),
    ]);
    expect(poolEntries[0]?.changes['type']).toEqual({ before: null, after: 'fiberglass' });
  });

  it('records status changes of appointments and payments of finance entries', async () => {
    const visit = await owner.client.appointments.create.mutate({
      clientId,
      date: '2026-03-12',
      startTime: '09:00',
      priceCents: 15000,
    });
    await owner.client.appointments.setStatus.mutate({ id: visit.id, status: 'confirmed' });
    const entry = await owner.client.finance.create.mutate({
      clientId,
      description: 'Manutenção de março',
      amountCents: 25000,
      dueDate: '2026-03-20',
    });
    await owner.client.finance.markPaid.mutate({ id: entry.id, method: 'pix' });

    const visitEntries = await listAll(owner, { entityId: visit.id });
    expect(visitEntries.map((item) => item.action)).toEqual(['status_change', 'create']);
    expect(visitEntries[0]?.changes['status']).toEqual({ before: 'pending', after: 'confirmed' });
    const financeEntries = await listAll(admin, { entityType: 'financeEntry', entityId: entry.id });
    expect(financeEntries.map((item) => item.action)).toEqual(['status_change', 'create']);
    expect(financeEntries[0]?.changes).toMatchObject({
      status: { before: 'pending', after: 'paid' },
      paymentMethod: { before: null, after: 'pix' },
    });
    // Notifications are synced, not audited.
    expect((await listAll(owner)).some((item) => item.entityType === 'notification')).toBe(false);
  });

  it('filters by member and by local date range, newest first across pages', async () => {
    const staffMembership = await membershipIdOf(staff.userId, owner.orgId);
    const byStaff = await listAll(owner, { membershipId: staffMembership });
    expect(byStaff.map((item) => item.action)).toEqual(['update']);

    clock.now = new Date('2026-03-15T03:00:30Z'); // 15 March, 00:00:30 in São Paulo
    await owner.client.clients.update.mutate({ id: clientId, notes: 'Portão azul' });
    const fifteenth = await listAll(owner, { from: '2026-03-15', to: '2026-03-15' });
    expect(fifteenth.map((item) => item.changes['notes']?.after)).toEqual(['Portão azul']);
    const fourteenth = await listAll(owner, { to: '2026-03-14' });
    expect(fourteenth.length).toBeGreaterThan(5);
    expect(fourteenth.some((item) => item.changes['notes'])).toBe(false);
    expect(await listAll(owner, { from: '2026-03-16' })).toEqual([]);

    const all = await listAll(owner);
    const times = all.map((item) => item.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(all.map((item) => item.id)).size).toBe(all.length);
    const onePage = await owner.client.audit.list.query({ limit: 100 });
    expect(onePage.items.map((item) => item.id)).toEqual(all.map((item) => item.id));
  });

  it('is closed to staff and to other organizations', async () => {
    expect((await errorOf(staff.client.audit.list.query({}))).data?.code).toBe('FORBIDDEN');
    const stranger = await signUpOwner(server);
    expect((await stranger.client.audit.list.query({ entityId: clientId })).items).toEqual([]);
    expect((await stranger.client.audit.list.query({})).items).toEqual([]);
  });

  it('refuses bad filters with field errors', async () => {
    const error = await errorOf(
      owner.client.audit.list.query({
        cursor: 'x',
        from: '2026-02-30',
        limit: 0,
        entityType: 'user' as 'pool',
      }),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(Object.keys(error.data?.fieldErrors ?? {}).sort()).toEqual([
      'cursor',
      'entityType',
      'from',
      'limit',
    ]);
    const range = await errorOf(owner.client.audit.list.query({ from: '2026-03-10', to: '2026-03-01' }));
    expect(range.data?.fieldErrors).toHaveProperty('to');
  });
});
