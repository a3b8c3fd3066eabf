import { setTimeout as sleep } from 'node:timers/promises';
import { ReferenceKind } from '@mikro-orm/core';
import type { SyncChange } from '@picineiros/api/client';
import { Client, Organization, Pool, TENANT_FILTER } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, seedClient, signUpOwner, startTestServer, type SignedIn, type TestServer } from './harness';

// The sync feed over HTTP: every change of the organization after a cursor, in order, archived rows as
// tombstones, with the full row the desktop replica stores.
let server: TestServer;
let owner: SignedIn;
let stranger: SignedIn;

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server);
  stranger = await signUpOwner(server);
});

afterAll(async () => {
  await server.close();
});

async function pullAll(member: SignedIn, cursor = 0, limit = 3) {
  const changes: SyncChange[] = [];
  let pages = 0;
  for (;;) {
    const page = await member.client.sync.pull.query({ cursor, limit });
    pages += 1;
    changes.push(...page.changes);
    expect(page.cursor).toBeGreaterThanOrEqual(cursor);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor, pages };
  }
}

const ENTITY_CLASSES = {
  client: 'Client',
  pool: 'Pool',
  appointment: 'Appointment',
  financeEntry: 'FinanceEntry',
  notification: 'Notification',
} as const;

/** The columns of an entity as the feed names them: scalars as they are, many-to-one as `<name>Id`. */
function columnsOf(className: string): string[] {
  const meta = server.database.orm.getMetadata().get(className);
  return meta.props
    .flatMap((prop) =>
      prop.kind === ReferenceKind.SCALAR
        ? [prop.name]
        : prop.kind === ReferenceKind.MANY_TO_ONE
          ? [`${prop.name}Id`]
          : [],
    )
    .sort();
}

describe(`sync feed on ${process.env['TEST_DIALECT']}`, () => {
  let clientId = '';
  let cursorAfterCreates = 0;

  it('sends every created row, with all its columns, in version order', async () => {
    const client = await owner.client.clients.create.mutate({
      name: 'Carlos Eduardo Ramos',
      pools: [{ type: 'vinyl', volumeLiters: 25000 }, { type: 'masonry' }],
    });
    clientId = client.id;
    const visit = await owner.client.appointments.create.mutate({
      clientId,
      date: '2026-04-01',
      startTime: '10:30',
      priceCents: 18000,
    });
    const entry = await owner.client.finance.create.mutate({
      clientId,
      description: 'Pacote mensal',
      amountCents: 30000,
      dueDate: '2026-04-05',
    });

    const { changes, cursor, pages } = await pullAll(owner);
    expect(pages).toBeGreaterThan(1);
    const versions = changes.map((change) => change.syncVersion);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(cursor).toBe(versions.at(-1));
    cursorAfterCreates = cursor;

    const byType = (type: SyncChange['entityType']) => changes.filter((change) => change.entityType === type);
    expect(byType('client').map((change) => change.id)).toEqual([clientId]);
    expect(byType('pool')).toHaveLength(2);
    expect(byType('appointment').map((change) => change.id)).toEqual([visit.id]);
    expect(byType('financeEntry').map((change) => change.id)).toEqual([entry.id]);
    expect(byType('notification')).toHaveLength(1);
    for (const change of changes) {
      expect(Object.keys(change.row).sort()).toEqual(columnsOf(ENTITY_CLASSES[change.entityType]));
      expect(change.row.organizationId).toBe(owner.orgId);
      expect(change.deleted).toBe(false);
    }
    const visitRow = byType('appointment')[0]?.row as Record<string, unknown>;
    expect(visitRow).toMatchObject({ clientId, date: '2026-04-01', startTime: '10:30', priceCents: 18000 });
    expect(visitRow['createdAt']).toBeInstanceOf(Date);
    const poolRow = byType('pool')[0]?.row as Record<string, unknown>;
    expect(poolRow).toMatchObject({ clientId, deletedAt: null });
  });

  it('sends a changed row again at its new version, and archived rows as tombstones', async () => {
    await owner.client.clients.update.mutate({ id: clientId, name: 'Carlos Eduardo Ramos Filho' });
    await owner.client.clients.archive.mutate({ id: clientId });
    // Two changes of one row since the cursor: the feed carries its latest state, once.
    const { changes } = await pullAll(owner, cursorAfterCreates);
    expect(changes).toHaveLength(1);
    const latest = changes.at(-1);
    expect(latest).toMatchObject({ entityType: 'client', id: clientId, deleted: true });
    expect(latest?.row).toMatchObject({ name: 'Carlos Eduardo Ramos Filho' });
    expect((latest?.row as Record<string, unknown>)['deletedAt']).toBeInstanceOf(Date);

    const nothingNew = await owner.client.sync.pull.query({ cursor: latest?.syncVersion ?? 0 });
    expect(nothingNew).toEqual({ changes: [], cursor: latest?.syncVersion, hasMore: false });
  });

  it("never shows another organization's rows", async () => {
    const { changes } = await pullAll(stranger);
    expect(changes).toEqual([]);
  });

  it('refuses a bad cursor or limit with field errors', async () => {
    const error = await errorOf(owner.client.sync.pull.query({ cursor: -1, limit: 100_000 }));
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(Object.keys(error.data?.fieldErrors ?? {}).sort()).toEqual(['cursor', 'limit']);
  });

  it('misses no change while transactions commit concurrently', async () => {
    const writers = 6;
    const rounds = 12;
    const organization = await server.database.fork().findOneOrFail(Organization, owner.orgId);
    const noiseOrganization = stranger.orgId;
    let writing = true;

    // Each writer creates clients and pools and renames its own clients, holding its transaction open
    // for a random while after flushing, so commits finish in a different order than they started.
    async function write(writer: number, organizationId: string) {
      const mine: string[] = [];
      for (let round = 0; round < rounds; round += 1) {
        const em = server.database.fork();
        em.setFilterParams(TENANT_FILTER, { organizationId });
        await em.transactional(async (tx) => {
          const existing = mine.length > 0 && round % 3 !== 0 ? mine[round % mine.length] : undefined;
          if (existing) {
            const client = await tx.findOneOrFail(Client, existing);
            client.name = `Cliente ${writer}-${round}`;
          } else {
            const client = seedClient(tx, organizationId, {
              name: `Cliente ${writer}-${round}`,
              pools: [{ type: 'other' }],
            });
            mine.push(client.id);
          }
          await tx.flush();
          await sleep(Math.random() * 15);
        });
      }
    }

    const replica = new Map<string, { syncVersion: number; name?: unknown }>();
    async function read() {
      let cursor = 0;
      for (;;) {
        const done = !writing;
        const page = await owner.client.sync.pull.query({ cursor, limit: 7 });
        for (const change of page.changes) {
          const known = replica.get(change.id);
          expect(change.syncVersion).toBeGreaterThan(known?.syncVersion ?? 0);
          replica.set(change.id, {
            syncVersion: change.syncVersion,
            name: (change.row as Record<string, unknown>)['name'],
          });
        }
        cursor = page.cursor;
        // One last full drain after the writers are done.
        if (done && !page.hasMore) return;
        if (!page.hasMore) await sleep(2);
      }
    }

    const reader = read();
    await Promise.all(
      Array.from({ length: writers }, (_, writer) =>
        write(writer, writer % 3 === 2 ? noiseOrganization : organization.id),
      ),
    );
    writing = false;
    await reader;

    const em = server.database.fork();
    em.setFilterParams(TENANT_FILTER, { organizationId: organization.id });
    const clients = await em.find(Client, {});
    const pools = await em.find(Pool, {});
    expect(clients.length).toBeGreaterThan(writers);
    for (const row of [...clients, ...pools]) {
      const seen = replica.get(row.id);
      expect(seen?.syncVersion, `row ${row.id}`).toBe(row.syncVersion);
      if (row instanceof Client) expect(seen?.name).toBe(row.name);
    }
    const versions = [...clients, ...pools].map((row) => row.syncVersion);
    expect(new Set(versions).size).toBe(versions.length);
  });
});
