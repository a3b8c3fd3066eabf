// Financeiro as an office works it: text search, the filtered rows' totals, what "Cobrar atendimento
// concluído" may offer (billable visits), and what a paid entry lets one change.
import { FinanceEntry } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClock,
  errorOf,
  seed,
  seedClient,
  signUpOwner,
  startTestServer,
  type TestServer,
} from './harness';
import { scopedFork } from './schedule-fixtures';

let server: TestServer;
const clock = createClock(new Date('2026-03-10T15:00:00Z'));
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(async () => {
  await server.close();
});

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('finance list: search and totals', () => {
  it('finds entries by description or client name ignoring case and accents, with totals of every matching row', async () => {
    const owner = await signUpOwner(server);
    const joao = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'João Araújo' }));
    const maria = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Maria Souza' }));
    const create = (clientId: string, description: string, amountCents: number, dueDate: string) =>
      owner.client.finance.create.mutate({ clientId, description, amountCents, dueDate });
    const cleaning = await create(joao.id, 'Limpeza de verão', 15000, '2026-03-01');
    const products = await create(maria.id, 'Produtos: cloro e algicida', 8050, '2026-03-05');
    const monthly = await create(maria.id, 'Mensalidade de março', 40000, '2026-03-20');
    const repair = await create(joao.id, 'Conserto da bomba', 22000, '2026-04-02');
    await owner.client.finance.markPaid.mutate({ id: products.id, method: 'pix' });

    const list = (input: Parameters<typeof owner.client.finance.list.query>[0]) =>
      owner.client.finance.list.query(input);
    // Description, accents and case ignored.
    expect(ids((await list({ search: 'VERAO' })).items)).toEqual([cleaning.id]);
    expect(ids((await list({ search: 'marco' })).items)).toEqual([monthly.id]);
    // Client name (folded the same way), and every word must appear in one or the other.
    expect(ids((await list({ search: 'joão' })).items)).toEqual([cleaning.id, repair.id]);
    expect(ids((await list({ search: 'araujo bomba' })).items)).toEqual([repair.id]);
    expect(ids((await list({ search: 'souza cloro' })).items)).toEqual([products.id]);
    expect((await list({ search: 'joão cloro' })).items).toEqual([]);
    // Punctuation is folded away like in the clients' search; a blank search is no filter.
    expect(ids((await list({ search: 'produtos:' })).items)).toEqual([products.id]);
    expect((await list({ search: '   ' })).items).toHaveLength(4);

    // Totals cover every matching row, not only the page; later pages (a report's walk) do not carry them.
    const first = await list({ limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.totals).toEqual({ count: 4, amountCents: 15000 + 8050 + 40000 + 22000 });
    const second = await list({ limit: 1, cursor: first.nextCursor ?? '' });
    expect(second.totals).toBeNull();
    expect((await list({ status: 'pending' })).totals).toEqual({ count: 3, amountCents: 77000 });
    expect((await list({ status: 'paid' })).totals).toEqual({ count: 1, amountCents: 8050 });
    expect((await list({ clientId: maria.id, search: 'mensalidade' })).totals).toEqual({
      count: 1,
      amountCents: 40000,
    });
    expect((await list({ from: '2026-03-02', to: '2026-03-31' })).totals).toEqual({
      count: 2,
      amountCents: 48050,
    });
    // 10 March in São Paulo: only the cleaning is overdue.
    expect((await list({ overdue: true })).totals).toEqual({ count: 1, amountCents: 15000 });
    expect((await list({ search: 'nada disso' })).totals).toEqual({ count: 0, amountCents: 0 });
    // Archived entries count only when asked for.
    await owner.client.finance.archive.mutate({ id: repair.id });
    expect((await list({})).totals).toEqual({ count: 3, amountCents: 63050 });
    expect((await list({ includeArchived: true })).totals).toEqual({ count: 4, amountCents: 85050 });
  });

  it('refuses an overlong search with a field error', async () => {
    const owner = await signUpOwner(server);
    const error = await errorOf(owner.client.finance.list.query({ search: 'x'.repeat(101) }));
    expect(error.data?.fieldErrors).toEqual({ search: 'Busca longa demais (até 100 caracteres).' });
  });
});

describe('billable visits', () => {
  it('lists only done visits with a price, of an active client, not billed yet (archived entries count)', async () => {
    const owner = await signUpOwner(server);
    const ana = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana' }));
    const bia = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Bia' }));
    const visit = async (
      clientId: string,
      date: string,
      priceCents: number | null,
      status: 'pending' | 'done' = 'done',
    ) => {
      const created = await owner.client.appointments.create.mutate({
        clientId,
        date,
        startTime: '09:00',
        priceCents,
      });
      if (status === 'done') {
        await owner.client.appointments.setStatus.mutate({ id: created.id, status: 'confirmed' });
        await owner.client.appointments.setStatus.mutate({ id: created.id, status: 'done' });
      }
      return created;
    };
    const billable = await visit(ana.id, '2026-03-02', 15000);
    await visit(ana.id, '2026-03-03', 15000, 'pending');
    await visit(ana.id, '2026-03-04', null);
    const billed = await visit(ana.id, '2026-03-05', 12000);
    await owner.client.finance.createFromAppointment.mutate({ appointmentId: billed.id });
    const billedThenArchived = await visit(ana.id, '2026-03-06', 12000);
    const archivedEntry = await owner.client.finance.createFromAppointment.mutate({
      appointmentId: billedThenArchived.id,
    });
    await owner.client.finance.archive.mutate({ id: archivedEntry.id });
    const archivedVisit = await visit(ana.id, '2026-03-07', 9000);
    await owner.client.appointments.archive.mutate({ id: archivedVisit.id });
    await visit(bia.id, '2026-03-08', 9000);
    await owner.client.clients.archive.mutate({ id: bia.id });

    const listed = await owner.client.appointments.list.query({ billable: true });
    expect(ids(listed.items)).toEqual([billable.id]);
    // Every listed visit is accepted by createFromAppointment, and then leaves the list.
    await owner.client.finance.createFromAppointment.mutate({ appointmentId: billable.id });
    expect((await owner.client.appointments.list.query({ billable: true })).items).toEqual([]);
    // Restoring the archived entry does not make its visit billable again; un-archiving the client does
    // bring back its visit.
    await owner.client.clients.restore.mutate({ id: bia.id });
    expect((await owner.client.appointments.list.query({ billable: true })).items).toHaveLength(1);
  });

  it('bills a visit once under parallel requests: one entry, the others CONFLICT', async () => {
    const owner = await signUpOwner(server);
    const { id: clientId } = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana' }));
    const created = await owner.client.appointments.create.mutate({
      clientId,
      date: '2026-03-02',
      startTime: '09:00',
      priceCents: 15000,
    });
    await owner.client.appointments.setStatus.mutate({ id: created.id, status: 'confirmed' });
    await owner.client.appointments.setStatus.mutate({ id: created.id, status: 'done' });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        owner.client.finance.createFromAppointment.mutate({ appointmentId: created.id }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') {
        const error = await errorOf(Promise.reject(result.reason as Error));
        expect(error.data?.code).toBe('CONFLICT');
      }
    }
    expect(await scopedFork(server, owner.orgId).count(FinanceEntry, {})).toBe(1);
  });
});

describe('editing a paid entry', () => {
  it('changes its description, refuses client, amount and due date until the payment is undone', async () => {
    const owner = await signUpOwner(server);
    const { id: clientId } = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana' }));
    const other = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Bia' }));
    const entry = await owner.client.finance.create.mutate({
      clientId,
      description: 'Limpeza',
      amountCents: 10000,
      dueDate: '2026-03-15',
    });
    const paid = await owner.client.finance.markPaid.mutate({ id: entry.id, method: 'pix' });
    const locked =
      'Este lançamento já foi pago: reabra-o (desfazer o pagamento) para alterar cliente, valor ou vencimento.';
    for (const change of [
      { amountCents: 12000 },
      { dueDate: '2026-03-16' },
      { clientId: other.id },
    ] as const) {
      const error = await errorOf(
        owner.client.finance.update.mutate({ id: entry.id, version: paid.version, ...change }),
      );
      expect(error.data?.fieldErrors).toEqual({ [Object.keys(change)[0] ?? '']: locked });
    }
    expect(await owner.client.finance.get.query({ id: entry.id })).toEqual(paid);
    // A form sends every field: unchanged ones pass, and the description changes.
    const renamed = await owner.client.finance.update.mutate({
      id: entry.id,
      version: paid.version,
      clientId,
      amountCents: 10000,
      dueDate: '2026-03-15',
      description: 'Limpeza completa',
    });
    expect(renamed).toMatchObject({ description: 'Limpeza completa', status: 'paid', amountCents: 10000 });
    // A stale version is a conflict, not a silent overwrite.
    const stale = await errorOf(
      owner.client.finance.update.mutate({ id: entry.id, version: paid.version, description: 'Outra' }),
    );
    expect(stale.data?.code).toBe('CONFLICT');
    // Undo the payment (Reabrir), then the amount can change.
    const reopened = await owner.client.finance.markPending.mutate({ id: entry.id });
    expect(reopened).toMatchObject({ status: 'pending', paidAt: null, paymentMethod: null });
    const corrected = await owner.client.finance.update.mutate({
      id: entry.id,
      version: reopened.version,
      amountCents: 12000,
    });
    expect(corrected.amountCents).toBe(12000);
  });
});
