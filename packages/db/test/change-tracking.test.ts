import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import {
  Appointment,
  AuditEntry,
  Client,
  Membership,
  Notification,
  Organization,
  Pool,
  runWithChangeContext,
  SyncCounter,
  TENANT_FILTER,
  User,
  type ChangeActor,
} from '../src';
import { createTestDatabase, type TestDatabase } from '../src/testing';

// The change-tracking subscriber through the ORM alone: sync versions per organization and audit entries
// written in the flush's transaction, whoever flushes and however (implicit or explicit transactions).
let testDatabase: TestDatabase;
let organization: Organization;
let otherOrganization: Organization;
let actor: ChangeActor;

function clientData(name: string) {
  const key = name.toLowerCase();
  return { name, nameKey: key, searchText: key };
}

function scopedEm(organizationId: string) {
  const em = testDatabase.database.fork();
  em.setFilterParams(TENANT_FILTER, { organizationId });
  return em;
}

const asActor = <T>(work: () => Promise<T>) => runWithChangeContext({ actor, now: () => new Date() }, work);

beforeAll(async () => {
  testDatabase = await createTestDatabase(inject('databaseTemplate'));
  const em = testDatabase.database.fork();
  const user = em.create(User, {
    email: `tracking-${Date.now()}@example.com`,
    name: 'Rita',
    passwordHash: 'x',
  });
  organization = em.create(Organization, { name: 'Piscinas Rita' });
  otherOrganization = em.create(Organization, { name: 'Outra' });
  const membership = em.create(Membership, { user, organization, role: 'owner' });
  await em.flush();
  actor = { membershipId: membership.id, userId: user.id, name: user.name };
});

afterAll(async () => {
  await testDatabase.dispose();
});

async function auditOf(entityId: string) {
  return scopedEm(organization.id).find(AuditEntry, { entityId }, { orderBy: { at: 'asc', id: 'asc' } });
}

describe(`change tracking on ${inject('databaseTemplate').dialect}`, () => {
  it('numbers each change in its organization and audits it with the actor', async () => {
    const em = scopedEm(organization.id);
    const client = em.create(Client, { organization, ...clientData('Joana Prado') });
    const pool = em.create(Pool, { organization, client, type: 'vinyl', volumeLiters: 30000 });
    await asActor(() => em.flush());
    expect([client.syncVersion, pool.syncVersion].sort()).toEqual([1, 2]);

    const [created] = await auditOf(client.id);
    expect(created).toMatchObject({
      entityType: 'client',
      action: 'create',
      actorName: 'Rita',
      changes: { name: { before: null, after: 'Joana Prado' } },
    });
    expect(created?.membership?.id).toBe(actor.membershipId);
    expect(created?.user?.id).toBe(actor.userId);
    expect(created?.changes).not.toHaveProperty('searchText');
    expect((await auditOf(pool.id))[0]).toMatchObject({ entityType: 'pool', action: 'create' });

    client.name = 'Joana Prado Lima';
    await asActor(() => em.flush());
    expect(client.syncVersion).toBe(3);
    const updates = await auditOf(client.id);
    expect(updates[1]).toMatchObject({
      action: 'update',
      changes: { name: { before: 'Joana Prado', after: 'Joana Prado Lima' } },
    });
    expect(Object.keys(updates[1]?.changes ?? {})).toEqual(['name']);

    // The version reached the database, and a re-read entity has no pending change.
    const fresh = await scopedEm(organization.id).findOneOrFail(Client, client.id);
    expect(fresh.syncVersion).toBe(3);
  });

  it('writes nothing when loaded rows are flushed unchanged', async () => {
    const em = scopedEm(organization.id);
    const clients = await em.find(Client, {});
    const pools = await em.find(Pool, {});
    const versions = [...clients, ...pools].map((row) => [row.syncVersion, row.version]);
    expect(versions.length).toBeGreaterThan(0);
    em.getUnitOfWork().computeChangeSets();
    expect(em.getUnitOfWork().getChangeSets()).toEqual([]);
    await asActor(() => em.flush());
    expect([...clients, ...pools].map((row) => [row.syncVersion, row.version])).toEqual(versions);
  });

  it('tells archive, restore and status changes apart', async () => {
    const em = scopedEm(organization.id);
    const client = em.create(Client, { organization, ...clientData('Caio Nunes') });
    const visit = em.create(Appointment, { organization, client, date: '2026-03-02', startTime: '08:00' });
    await asActor(() => em.flush());
    visit.status = 'confirmed';
    await asActor(() => em.flush());
    client.deletedAt = new Date();
    await asActor(() => em.flush());
    client.deletedAt = null;
    await asActor(() => em.flush());

    expect((await auditOf(visit.id)).map((entry) => entry.action)).toEqual(['create', 'status_change']);
    expect((await auditOf(visit.id))[1]?.changes['status']).toEqual({
      before: 'pending',
      after: 'confirmed',
    });
    expect((await auditOf(client.id)).map((entry) => entry.action)).toEqual(['create', 'archive', 'restore']);
    expect(client.syncVersion).toBeGreaterThan(visit.syncVersion);
  });

  it('keeps one counter per organization and records system changes without an actor', async () => {
    const em = scopedEm(otherOrganization.id);
    const client = em.create(Client, { organization: otherOrganization, ...clientData('Lia Sá') });
    await em.flush();
    expect(client.syncVersion).toBe(1);
    const [entry] = await scopedEm(otherOrganization.id).find(AuditEntry, { entityId: client.id });
    expect(entry).toMatchObject({ action: 'create', actorName: null, membership: null });
  });

  it('versions notifications without auditing them', async () => {
    const em = scopedEm(organization.id);
    const notification = em.create(Notification, {
      organization,
      type: 'appointment_created',
      entityType: 'appointment',
      entityId: organization.id,
      title: 'Nova visita',
      body: 'Visita agendada',
    });
    await asActor(() => em.flush());
    expect(notification.syncVersion).toBeGreaterThan(0);
    expect(await auditOf(notification.id)).toEqual([]);
  });

  it('works inside explicit transactions and rolls back with them', async () => {
    const em = scopedEm(organization.id);
    const before = await em.findOneOrFail(SyncCounter, { organization });
    let first: Client | undefined;
    await asActor(() =>
      em.transactional(async (tx) => {
        first = tx.create(Client, { organization, ...clientData('Primeiro') });
        await tx.flush();
        tx.create(Client, { organization, ...clientData('Segundo') });
      }),
    );
    expect(first?.syncVersion).toBe(before.lastVersion + 1);
    expect(await auditOf(first?.id ?? '')).toHaveLength(1);

    const failing = scopedEm(organization.id);
    let doomed: Client | undefined;
    await expect(
      asActor(() =>
        failing.transactional(async (tx) => {
          doomed = tx.create(Client, { organization, ...clientData('Desfeito') });
          await tx.flush();
          throw new Error('rollback');
        }),
      ),
    ).rejects.toThrow('rollback');
    expect(await auditOf(doomed?.id ?? '')).toEqual([]);
    const after = await scopedEm(organization.id).findOneOrFail(SyncCounter, { organization });
    expect(after.lastVersion).toBe(before.lastVersion + 2);
  });
});
