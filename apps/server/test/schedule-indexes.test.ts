import { Appointment, Client, FinanceEntry } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bulkFixtures,
  createClock,
  signUpOwner,
  startTestServer,
  type SignedIn,
  type TestServer,
} from './harness';
import { indexesUsedBy, plansOfCall, sequentialScansOf } from './query-plans';
import { membershipIdOf } from './schedule-fixtures';

let server: TestServer;
let owner: SignedIn;
let clientId: string;
let assigneeId: string;
const clock = createClock(new Date('2026-11-20T13:00:00Z'));

describe.runIf(process.env['TEST_DIALECT'] === 'postgresql')(
  'appointments, finance and dashboard: indexes (EXPLAIN on Postgres)',
  () => {
    beforeAll(async () => {
      server = await startTestServer({ clock });
      owner = await signUpOwner(server);
      const others = [await signUpOwner(server), await signUpOwner(server), await signUpOwner(server)];
      assigneeId = await membershipIdOf(server, owner.userId, owner.orgId);
      const em = server.database.fork();
      // Enough rows in several organizations for the statistics to mean something.
      for (const orgId of [owner.orgId, ...others.map((other) => other.orgId)]) {
        const clients = Array.from({ length: 500 }, (_, index) =>
          bulkFixtures.seedClient(em, orgId, { name: `C ${index}`, pools: 0 }),
        );
        await em.insertMany(Client, clients);
        if (orgId === owner.orgId) clientId = clients[0]?.id ?? '';
        const clientAt = (index: number) => {
          const client = clients[index % clients.length];
          if (!client) throw new Error('no client');
          return client;
        };
        const statuses = ['pending', 'confirmed', 'done', 'cancelled'] as const;
        const day = (index: number) =>
          new Date(Date.UTC(2025, 0, 1 + (index % 700))).toISOString().slice(0, 10);
        await em.insertMany(
          Appointment,
          Array.from({ length: 2000 }, (_, index) =>
            bulkFixtures.seedAppointment(em, clientAt(index), {
              date: day(index),
              startTime: `${String(8 + (index % 10)).padStart(2, '0')}:00`,
              status: statuses[index % 4],
              assignee: orgId === owner.orgId && index % 7 === 0 ? assigneeId : null,
              deletedAt: index % 40 === 0 ? new Date() : null,
            }),
          ),
        );
        await em.insertMany(
          FinanceEntry,
          Array.from({ length: 2000 }, (_, index) =>
            bulkFixtures.seedFinanceEntry(em, clientAt(index), {
              description: 'Mensalidade',
              amountCents: 1000 + index,
              dueDate: day(index),
              status: index % 3 === 0 ? 'pending' : 'paid',
              paidAt: index % 3 === 0 ? null : new Date(Date.UTC(2025, 0, 1 + (index % 690), 15)),
              paymentMethod: index % 3 === 0 ? null : 'pix',
            }),
          ),
        );
      }
      await em.execute('vacuum analyze clients');
      await em.execute('vacuum analyze appointments');
      await em.execute('vacuum analyze finance_entries');
    });
    afterAll(async () => {
      await server.close();
    });

    async function plansOf(call: () => Promise<unknown>, table: RegExp) {
      const plans = await plansOfCall(server.database, call, table);
      expect(plans.length).toBeGreaterThan(0);
      expect(sequentialScansOf(plans), plans.map((plan) => plan.sql).join('\n')).toEqual([]);
      return indexesUsedBy(plans);
    }

    it('serves appointments.list filters and sort from indexes', async () => {
      const list = owner.client.appointments.list;
      const appointments = /from "appointments"/;
      const cases: [Parameters<typeof list.query>[0], string][] = [
        [{}, 'appointments_organization_id_date_start_time_index'],
        [{ from: '2025-03-01', to: '2025-03-07' }, 'appointments_organization_id_date_start_time_index'],
        [{ status: ['done'], from: '2025-03-01' }, 'appointments_organization_id_status_date_index'],
        [{ clientId: 'x' }, 'appointments_organization_id_client_id_date_index'],
        [{ assigneeId: 'x' }, 'appointments_organization_id_assignee_id_date_index'],
      ];
      for (const [input, index] of cases) {
        const resolved = {
          ...input,
          ...(input.clientId ? { clientId } : {}),
          ...(input.assigneeId ? { assigneeId } : {}),
        };
        const used = await plansOf(() => list.query(resolved), appointments);
        expect([...used], `${JSON.stringify(input)} used ${[...used].join(', ')}`).toContain(index);
      }
    });

    it('serves finance.list filters and sort from indexes', async () => {
      const list = owner.client.finance.list;
      const entries = /from "finance_entries"/;
      const cases: [Parameters<typeof list.query>[0], string[]][] = [
        [{}, ['finance_entries_organization_id_due_date_index']],
        [{ from: '2025-03-01', to: '2025-03-31' }, ['finance_entries_organization_id_due_date_index']],
        [{ overdue: true }, ['finance_entries_organization_id_status_due_date_am_52f21_index']],
        [{ status: 'pending' }, ['finance_entries_organization_id_status_due_date_am_52f21_index']],
        [{ clientId: 'x' }, ['finance_entries_organization_id_client_id_due_date_index']],
      ];
      for (const [input, indexes] of cases) {
        const resolved = { ...input, ...(input.clientId ? { clientId } : {}) };
        const used = await plansOf(() => list.query(resolved), entries);
        for (const index of indexes)
          expect([...used], `${JSON.stringify(input)} used ${[...used].join(', ')}`).toContain(index);
      }
    });

    it('serves every dashboard aggregate from an index', async () => {
      const summary = owner.client.dashboard.summary;
      const used = await plansOf(() => summary.query(), /from "?(appointments|finance_entries)"?/);
      expect([...used]).toEqual(
        expect.arrayContaining([
          'clients_organization_id_active_name_key_deleted_at_index',
          'finance_entries_organization_id_status_due_date_am_52f21_index',
          'finance_entries_organization_id_status_paid_at_amo_79810_index',
        ]),
      );
      await plansOf(
        () => summary.query({ from: '2025-01-01', to: '2025-12-31' }),
        /from "?(appointments|finance_entries)"?/,
      );
    });
  },
);
