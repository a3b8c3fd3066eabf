import { AuditEntry, Client, Membership, Pool } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkFixtures, signUpOwner, startTestServer, type SignedIn, type TestServer } from './harness';
import { indexesUsedBy, plansOfCall, sequentialScansOf } from './query-plans';

// audit.list and sync.pull are served by indexes: every query they send is EXPLAINed on Postgres with
// sequential scans priced out, and must use the expected index and no Seq Scan.
let server: TestServer;
let owner: SignedIn;
let membershipId: string;
let clientId: string;

describe.runIf(process.env['TEST_DIALECT'] === 'postgresql')(
  'audit and sync: indexes (EXPLAIN on Postgres)',
  () => {
    beforeAll(async () => {
      server = await startTestServer();
      owner = await signUpOwner(server);
      const others = [await signUpOwner(server), await signUpOwner(server), await signUpOwner(server)];
      const em = server.database.fork();
      membershipId = (await em.findOneOrFail(Membership, { user: owner.userId, organization: owner.orgId }))
        .id;
      // Rows written around the unit of work on purpose: only the plans matter here.
      for (const orgId of [owner.orgId, ...others.map((other) => other.orgId)]) {
        const clients = Array.from({ length: 1000 }, (_, index) =>
          bulkFixtures.seedClient(em, orgId, {
            name: `C ${index}`,
            syncVersion: index * 2 + 1,
            pools: [{ type: 'vinyl', syncVersion: index * 2 + 2 }],
          }),
        );
        await em.insertMany(Client, clients);
        if (orgId === owner.orgId) clientId = clients[0]?.id ?? '';
        await em.insertMany(
          Pool,
          clients.flatMap((client) => client.pools.getItems()),
        );
        await em.insertMany(
          AuditEntry,
          Array.from({ length: 3000 }, (_, index) =>
            em.create(
              AuditEntry,
              {
                organization: orgId,
                membership: orgId === owner.orgId && index % 5 === 0 ? membershipId : null,
                at: new Date(Date.UTC(2026, 0, 1, 0, index)),
                entityType: index % 2 === 0 ? 'client' : 'pool',
                entityId: clients[index % 1000]?.id ?? '',
                action: 'update',
                changes: {},
              },
              { persist: false },
            ),
          ),
        );
      }
      // What the change tracking would have counted for those rows.
      await em.execute(
        `insert into sync_counters (organization_id, last_version) values ('${owner.orgId}', 2000)`,
      );
      for (const table of ['clients', 'pools', 'audit_entries', 'sync_counters'])
        await em.execute(`vacuum analyze ${table}`);
    });

    afterAll(async () => {
      await server.close();
    });

    async function plansOf(call: () => Promise<unknown>, table: RegExp) {
      const plans = await plansOfCall(server.database, call, table);
      expect(plans.length).toBeGreaterThan(0);
      for (const plan of plans) expect(sequentialScansOf([plan]), plan.sql).toEqual([]);
      return indexesUsedBy(plans);
    }

    it('serves every audit.list filter and its order from an index', async () => {
      const list = owner.client.audit.list;
      const cases: [Parameters<typeof list.query>[0], string][] = [
        [{}, 'audit_entries_organization_id_at_id_index'],
        [{ from: '2026-01-01', to: '2026-01-01' }, 'audit_entries_organization_id_at_id_index'],
        [{ cursor: `2026-01-02T00:00:00.000Z|${clientId}` }, 'audit_entries_organization_id_at_id_index'],
        [
          { entityType: 'client', entityId: 'x' },
          'audit_entries_organization_id_entity_type_entity_id_at_index',
        ],
        // Newest first with a type filter: either index is a fine plan; no sequential scan is the point.
        [{ entityType: 'pool' }, 'audit_entries_organization_id_'],
        [{ membershipId: 'x' }, 'audit_entries_organization_id_membership_id_at_index'],
      ];
      for (const [input, index] of cases) {
        const resolved = {
          ...input,
          ...(input.entityId ? { entityId: clientId } : {}),
          ...(input.membershipId ? { membershipId } : {}),
        };
        const used = await plansOf(() => list.query(resolved), /from "audit_entries"/);
        expect(
          [...used].some((name) => name.startsWith(index)),
          `${JSON.stringify(input)} used ${[...used].join(', ')}`,
        ).toBe(true);
      }
    });

    it('reads the sync feed of every synced table through its (organization, sync_version) index', async () => {
      for (const table of ['clients', 'pools', 'appointments', 'finance_entries', 'notifications']) {
        const used = await plansOf(
          () => owner.client.sync.pull.query({ cursor: 500, limit: 100 }),
          new RegExp(`from "${table}"`),
        );
        expect([...used], table).toContain(`${table}_organization_id_sync_version_index`);
      }
      const counter = await plansOf(
        () => owner.client.sync.pull.query({ cursor: 0 }),
        /from "sync_counters"/,
      );
      expect([...counter]).toContain('sync_counters_pkey');
    });
  },
);
