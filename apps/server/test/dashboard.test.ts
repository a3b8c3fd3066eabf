import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClock,
  errorOf,
  seed,
  seedClient,
  signUpOwner,
  startTestServer,
  type SignedIn,
  type TestServer,
} from './harness';

let server: TestServer;
// Noon of 2027-01-15 in São Paulo (UTC−3).
const clock = createClock(new Date('2027-01-15T15:00:00Z'));
let owner: SignedIn;

/** A local São Paulo wall-clock time as an instant. */
const saoPaulo = (local: string) => new Date(`${local}-03:00`);

beforeAll(async () => {
  server = await startTestServer({ clock });
  owner = await signUpOwner(server);
  const ana = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana' }));
  await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Bruno' }));
  await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Inativo', active: false }));
  await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Arquivado', deletedAt: new Date() }));
  const api = owner.client;

  const visit = (date: string, startTime: string) =>
    api.appointments.create.mutate({ clientId: ana.id, date, startTime });
  await visit('2027-01-15', '10:00');
  const confirmed = await visit('2027-01-21', '08:00');
  await api.appointments.setStatus.mutate({ id: confirmed.id, status: 'confirmed' });
  await visit('2027-01-22', '08:00');
  const cancelled = await visit('2027-01-16', '08:00');
  await api.appointments.setStatus.mutate({ id: cancelled.id, status: 'cancelled' });
  const done = await visit('2026-12-20', '08:00');
  await api.appointments.setStatus.mutate({ id: done.id, status: 'confirmed' });
  await api.appointments.setStatus.mutate({ id: done.id, status: 'done' });
  const archived = await visit('2027-01-17', '08:00');
  await api.appointments.archive.mutate({ id: archived.id });

  const entry = (amountCents: number, dueDate: string) =>
    api.finance.create.mutate({ clientId: ana.id, description: 'Mensalidade', amountCents, dueDate });
  const paid = async (amountCents: number, paidAt: Date) => {
    const created = await entry(amountCents, '2026-06-01');
    await api.finance.markPaid.mutate({ id: created.id, method: 'pix', paidAt });
    return created;
  };
  // Month and year boundaries in São Paulo's calendar, not UTC's.
  await paid(1000, saoPaulo('2026-12-31T23:30:00')); // December (already January in UTC)
  await paid(2000, saoPaulo('2027-01-01T00:30:00')); // January
  await paid(4000, saoPaulo('2026-07-31T23:59:00')); // July: before the last 6 months
  await paid(8000, saoPaulo('2026-08-01T00:00:00')); // August: first of the last 6 months
  await paid(16000, saoPaulo('2026-10-31T23:30:00')); // October
  const archivedPaid = await paid(32000, saoPaulo('2027-01-10T10:00:00'));
  await api.finance.archive.mutate({ id: archivedPaid.id });
  await entry(100, '2027-01-14'); // overdue
  await entry(200, '2027-01-15'); // due today: not overdue
  await entry(400, '2026-12-10'); // overdue
  const archivedPending = await entry(800, '2026-12-11');
  await api.finance.archive.mutate({ id: archivedPending.id });
});
afterAll(async () => {
  await server.close();
});

describe('dashboard.summary', () => {
  it('covers the current local month by default, owed amounts in full, and the last 6 months of revenue', async () => {
    const summary = await owner.client.dashboard.summary.query();
    expect(summary).toMatchObject({
      today: '2027-01-15',
      range: { from: '2027-01-01', to: '2027-01-31' },
      activeClients: 2,
      appointmentsByStatus: { pending: 2, confirmed: 1, done: 0, cancelled: 1 },
      totals: { pendingCents: 700, overdueCents: 500, paidCents: 2000 },
      monthlyRevenue: [
        { month: '2026-08', paidCents: 8000 },
        { month: '2026-09', paidCents: 0 },
        { month: '2026-10', paidCents: 16000 },
        { month: '2026-11', paidCents: 0 },
        { month: '2026-12', paidCents: 1000 },
        { month: '2027-01', paidCents: 2000 },
      ],
    });
    // Today through the 21st, pending or confirmed, in date order.
    expect(summary.upcomingAppointments.count).toBe(2);
    expect(summary.upcomingAppointments.items.map((item) => item.date)).toEqual(['2027-01-15', '2027-01-21']);
  });

  it('covers everything up to `to` when only `to` is given', async () => {
    const summary = await owner.client.dashboard.summary.query({ to: '2027-01-31' });
    expect(summary).toMatchObject({
      range: { from: null, to: '2027-01-31' },
      appointmentsByStatus: { pending: 2, confirmed: 1, done: 1, cancelled: 1 },
      totals: { pendingCents: 700, overdueCents: 500, paidCents: 31000 },
    });
    expect(summary.monthlyRevenue.map((month) => month.month)).toEqual([
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
    ]);
  });

  it('covers a range: one month, its last evening included', async () => {
    const summary = await owner.client.dashboard.summary.query({ from: '2026-12-01', to: '2026-12-31' });
    expect(summary).toMatchObject({
      range: { from: '2026-12-01', to: '2026-12-31' },
      activeClients: 2,
      appointmentsByStatus: { pending: 0, confirmed: 0, done: 1, cancelled: 0 },
      totals: { pendingCents: 400, overdueCents: 400, paidCents: 1000 },
      monthlyRevenue: [{ month: '2026-12', paidCents: 1000 }],
    });
    expect(summary.upcomingAppointments.count).toBe(2);
  });

  it('covers a range across a year boundary, with its first and last months clipped', async () => {
    const summary = await owner.client.dashboard.summary.query({ from: '2026-10-15', to: '2027-01-01' });
    expect(summary.totals.paidCents).toBe(19000);
    expect(summary.monthlyRevenue).toEqual([
      { month: '2026-10', paidCents: 16000 },
      { month: '2026-11', paidCents: 0 },
      { month: '2026-12', paidCents: 1000 },
      { month: '2027-01', paidCents: 2000 },
    ]);
    const startOfDay = await owner.client.dashboard.summary.query({ from: '2027-01-01', to: '2027-01-01' });
    expect(startOfDay.monthlyRevenue).toEqual([{ month: '2027-01', paidCents: 2000 }]);
  });

  it('buckets by the organization time zone', async () => {
    await owner.client.organizations.update.mutate({ timezone: 'Asia/Tokyo' });
    try {
      const summary = await owner.client.dashboard.summary.query({ from: '2026-12-01', to: '2027-01-31' });
      // In Tokyo, the São Paulo evening of 31 December is already 1 January.
      expect(summary.monthlyRevenue).toEqual([
        { month: '2026-12', paidCents: 0 },
        { month: '2027-01', paidCents: 3000 },
      ]);
    } finally {
      await owner.client.organizations.update.mutate({ timezone: 'America/Sao_Paulo' });
    }
  });

  it('refuses a reversed or too long range with a field message', async () => {
    const reversed = await errorOf(
      owner.client.dashboard.summary.query({ from: '2027-01-02', to: '2027-01-01' }),
    );
    expect(reversed.data?.fieldErrors).toEqual({ to: 'A data final deve ser igual ou posterior à inicial.' });
    const long = await errorOf(
      owner.client.dashboard.summary.query({ from: '2020-01-01', to: '2027-01-01' }),
    );
    expect(long.data?.fieldErrors).toEqual({ to: 'Escolha um período de até dois anos.' });
    const openEnded = await errorOf(owner.client.dashboard.summary.query({ from: '2020-01-01' }));
    expect(openEnded.data?.fieldErrors).toEqual({ from: 'Escolha um período de até dois anos.' });
  });

  it('answers from its cache only while nothing changed, and sees a change at once', async () => {
    const first = await owner.client.dashboard.summary.query();
    expect(await owner.client.dashboard.summary.query()).toEqual(first);
    const { id: clientId } = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Nova' }));
    const entry = await owner.client.finance.create.mutate({
      clientId,
      description: 'Avulso',
      amountCents: 5,
      dueDate: '2027-01-10',
    });
    const changed = await owner.client.dashboard.summary.query();
    expect(changed.activeClients).toBe(first.activeClients + 1);
    expect(changed.totals).toEqual({ ...first.totals, pendingCents: 705, overdueCents: 505 });
    await owner.client.finance.markPaid.mutate({ id: entry.id, method: 'cash' });
    expect((await owner.client.dashboard.summary.query()).totals.paidCents).toBe(first.totals.paidCents + 5);
    await owner.client.finance.archive.mutate({ id: entry.id });
    await owner.client.dashboard.summary.query();
    // The next day in São Paulo, the same data answers with a new "today".
    clock.advance(12 * 60 * 60 * 1000);
    try {
      // The access token expired with the jump: sign in again.
      const login = await server
        .client()
        .auth.login.mutate({ email: owner.email, password: owner.password, client: 'desktop' });
      const summary = await server
        .client({ accessToken: () => login.accessToken, orgId: () => owner.orgId })
        .dashboard.summary.query();
      expect(summary.today).toBe('2027-01-16');
      expect(summary.totals.overdueCents).toBe(first.totals.overdueCents + 200);
    } finally {
      clock.advance(-12 * 60 * 60 * 1000);
    }
  });

  it("shows another organization nothing of this one's data", async () => {
    const stranger = await signUpOwner(server);
    const summary = await stranger.client.dashboard.summary.query();
    expect(summary).toMatchObject({
      activeClients: 0,
      appointmentsByStatus: { pending: 0, confirmed: 0, done: 0, cancelled: 0 },
      upcomingAppointments: { count: 0, items: [] },
      totals: { pendingCents: 0, overdueCents: 0, paidCents: 0 },
    });
    expect(summary.monthlyRevenue.every((month) => month.paidCents === 0)).toBe(true);
  });
});
