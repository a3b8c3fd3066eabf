import {
  isValidCep,
  isValidCnpj,
  isValidCpf,
  isValidPhone,
  clientSearchColumns,
} from '@picineiros/api/client';
import { hashPassword } from '@picineiros/api/server';
import { AuditEntry, DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness';

// The demo organization as a new user sees it on first start, through the API.
const now = new Date('2026-06-15T15:00:00Z');
let server: TestServer;
let api: ReturnType<TestServer['client']>;

beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
  const seeded = await seedDemo(server.database.fork(), {
    hashPassword,
    clientSearchColumns,
    now: () => now,
  });
  expect(seeded.created).toBe(true);
  const login = await server
    .client()
    .auth.login.mutate({ email: DEMO_EMAIL, password: DEMO_PASSWORD, client: 'desktop' });
  const orgId = login.memberships[0]?.organizationId ?? '';
  api = server.client({ accessToken: () => login.accessToken, orgId: () => orgId });
});

afterAll(async () => {
  await server.close();
});

describe(`demo seed on ${process.env['TEST_DIALECT']}`, () => {
  it('creates about 40 clients with valid documents, phones and addresses, and their pools', async () => {
    const page = await api.clients.list.query({ pageSize: 100 });
    expect(page.total).toBeGreaterThanOrEqual(38);
    expect(page.total).toBeLessThanOrEqual(42);
    for (const client of page.items) {
      expect(client.pools.length).toBeGreaterThan(0);
      const document = client.document ?? '';
      expect(document.length === 11 ? isValidCpf(document) : isValidCnpj(document), document).toBe(true);
      expect(isValidPhone(client.phone ?? ''), client.phone ?? '').toBe(true);
      expect(isValidCep(client.address.cep ?? '')).toBe(true);
      expect(client.address).toMatchObject({ uf: 'SP' });
    }
    expect(page.items.some((client) => (client.document ?? '').length === 14)).toBe(true);
    expect(new Set(page.items.map((client) => client.document)).size).toBe(page.items.length);
    // Search works on the seeded rows (folded columns from the API's own function).
    const [first] = page.items;
    const found = await api.clients.list.query({ search: first?.name.toUpperCase() ?? '' });
    expect(found.items.map((client) => client.id)).toContain(first?.id);
  });

  it('lays visits over three months and receivables paid, pending and overdue', async () => {
    const visits = await api.appointments.list.query({ from: '2026-04-01', to: '2026-07-31', limit: 500 });
    const dates = visits.items.map((visit) => visit.date).sort();
    expect(visits.items.length).toBeGreaterThan(150);
    expect((dates[0] ?? '') < '2026-04-20').toBe(true);
    expect((dates.at(-1) ?? '') > '2026-07-05').toBe(true);
    const statuses = new Set(visits.items.map((visit) => visit.status));
    expect([...statuses].sort()).toEqual(['cancelled', 'confirmed', 'done', 'pending']);
    expect(
      visits.items
        .filter((visit) => visit.date < '2026-06-15')
        .every((visit) => ['done', 'cancelled'].includes(visit.status)),
    ).toBe(true);

    const paid = await api.finance.list.query({ status: 'paid', limit: 500 });
    const overdue = await api.finance.list.query({ overdue: true, limit: 500 });
    const pending = await api.finance.list.query({ status: 'pending', limit: 500 });
    expect(paid.items.length).toBeGreaterThan(40);
    expect(overdue.items.length).toBeGreaterThan(3);
    expect(pending.items.length).toBeGreaterThan(overdue.items.length);

    const summary = await api.dashboard.summary.query({});
    expect(summary.activeClients).toBeGreaterThan(30);
    expect(summary.totals.overdueCents).toBeGreaterThan(0);
    expect(summary.upcomingAppointments.count).toBeGreaterThan(0);
  });

  it('went through change tracking: every row is in the sync feed, with distinct versions, and audited', async () => {
    const versions: number[] = [];
    let cursor = 0;
    for (;;) {
      const page = await api.sync.pull.query({ cursor, limit: 1000 });
      versions.push(...page.changes.map((change) => change.syncVersion));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(versions.length).toBeGreaterThan(300);
    expect(new Set(versions).size).toBe(versions.length);
    expect(Math.max(...versions)).toBe(versions.length);
    const audited = await server.database.fork().count(AuditEntry, {}, { filters: false });
    expect(audited).toBe(versions.length);
  });

  it('runs once', async () => {
    const again = await seedDemo(server.database.fork(), { hashPassword, clientSearchColumns });
    expect(again.created).toBe(false);
  });
});
