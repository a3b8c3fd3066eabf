import { FinanceEntry } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
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
// 2026-03-10 02:55 UTC is still 2026-03-09 (23:55) in São Paulo: "today" there is the 9th.
const clock = createClock(new Date('2026-03-10T02:55:00Z'));
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(async () => {
  await server.close();
});

describe('finance entries', () => {
  it('lists by due date with status, overdue (organization time zone), client and range filters', async () => {
    const owner = await signUpOwner(server);
    const a = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana' }));
    const b = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Bruno' }));
    const create = (clientId: string, dueDate: string, amountCents = 10000) =>
      owner.client.finance.create.mutate({
        clientId,
        description: `Mensalidade ${dueDate}`,
        amountCents,
        dueDate,
      });
    const dueToday = await create(a.id, '2026-03-09');
    const overdue = await create(b.id, '2026-03-08');
    const future = await create(a.id, '2026-04-10');
    const paidLate = await create(b.id, '2026-02-01');
    await owner.client.finance.markPaid.mutate({ id: paidLate.id, method: 'pix' });

    const ids = (items: { id: string }[]) => items.map((item) => item.id);
    const all = await owner.client.finance.list.query({});
    expect(ids(all.items)).toEqual([paidLate.id, overdue.id, dueToday.id, future.id]);
    expect(all.items.map((item) => item.overdue)).toEqual([false, true, false, false]);
    // The list reads plain rows, `get` an entity: the same view of each entry, field for field (paidAt and
    // the other instants as Date on both dialects).
    for (const item of all.items) {
      expect(item).toEqual(await owner.client.finance.get.query({ id: item.id }));
    }
    expect(all.items[0]?.paidAt).toBeInstanceOf(Date);
    expect(ids((await owner.client.finance.list.query({ overdue: true })).items)).toEqual([overdue.id]);
    expect(ids((await owner.client.finance.list.query({ overdue: false })).items)).toEqual([
      paidLate.id,
      dueToday.id,
      future.id,
    ]);
    expect(ids((await owner.client.finance.list.query({ status: 'paid' })).items)).toEqual([paidLate.id]);
    expect(ids((await owner.client.finance.list.query({ clientId: a.id })).items)).toEqual([
      dueToday.id,
      future.id,
    ]);
    expect(
      ids((await owner.client.finance.list.query({ from: '2026-03-01', to: '2026-03-31' })).items),
    ).toEqual([overdue.id, dueToday.id]);
    const page1 = await owner.client.finance.list.query({ limit: 3 });
    const page2 = await owner.client.finance.list.query({ limit: 3, cursor: page1.nextCursor ?? '' });
    expect([...ids(page1.items), ...ids(page2.items)]).toEqual(ids(all.items));
    expect(page2.nextCursor).toBeNull();

    // Ten minutes later it is the 10th in São Paulo: the entry due on the 9th is overdue now.
    clock.advance(10 * 60 * 1000);
    try {
      expect(ids((await owner.client.finance.list.query({ overdue: true })).items)).toEqual([
        overdue.id,
        dueToday.id,
      ]);
    } finally {
      clock.advance(-10 * 60 * 1000);
    }
  });

  it('marks paid (default now, or a given instant) and pending again; updates fields', async () => {
    const owner = await signUpOwner(server);
    const { id: clientId } = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana' }));
    const entry = await owner.client.finance.create.mutate({
      clientId,
      description: '  Limpeza  ',
      amountCents: 12345,
      dueDate: '2026-03-15',
    });
    expect(entry).toMatchObject({
      description: 'Limpeza',
      status: 'pending',
      paidAt: null,
      paymentMethod: null,
    });
    const paid = await owner.client.finance.markPaid.mutate({ id: entry.id, method: 'cash' });
    expect(paid).toMatchObject({ status: 'paid', paymentMethod: 'cash', paidAt: clock.now });
    const paidAt = new Date('2026-03-01T15:00:00Z');
    const repaid = await owner.client.finance.markPaid.mutate({ id: entry.id, method: 'boleto', paidAt });
    expect(repaid).toMatchObject({ paymentMethod: 'boleto', paidAt });
    const future = await errorOf(
      owner.client.finance.markPaid.mutate({
        id: entry.id,
        method: 'pix',
        paidAt: new Date(clock.now.getTime() + 86_400_000),
      }),
    );
    expect(future.data?.fieldErrors).toEqual({ paidAt: 'A data do pagamento não pode estar no futuro.' });
    const pending = await owner.client.finance.markPending.mutate({ id: entry.id });
    expect(pending).toMatchObject({ status: 'pending', paidAt: null, paymentMethod: null });
    const updated = await owner.client.finance.update.mutate({
      id: entry.id,
      version: pending.version,
      amountCents: 20000,
      dueDate: '2026-03-20',
      description: 'Limpeza completa',
    });
    expect(updated).toMatchObject({
      amountCents: 20000,
      dueDate: '2026-03-20',
      description: 'Limpeza completa',
    });
    expect(await owner.client.finance.get.query({ id: entry.id })).toEqual(updated);
  });

  it('lets staff record payments but not archive or restore; admins can', async () => {
    const owner = await signUpOwner(server);
    const staff = await addMember(server, owner.orgId, 'staff');
    const admin = await addMember(server, owner.orgId, 'admin');
    const { id: clientId } = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana' }));
    const entry = await staff.client.finance.create.mutate({
      clientId,
      description: 'Produtos',
      amountCents: 5000,
      dueDate: '2026-03-15',
    });
    await staff.client.finance.markPaid.mutate({ id: entry.id, method: 'card' });
    expect((await errorOf(staff.client.finance.archive.mutate({ id: entry.id }))).data?.code).toBe(
      'FORBIDDEN',
    );
    expect((await staff.client.finance.get.query({ id: entry.id })).deletedAt).toBeNull();
    expect((await admin.client.finance.archive.mutate({ id: entry.id })).deletedAt).toBeInstanceOf(Date);
    expect((await staff.client.finance.list.query({})).items).toEqual([]);
    expect((await staff.client.finance.list.query({ includeArchived: true })).items).toHaveLength(1);
    expect((await errorOf(staff.client.finance.restore.mutate({ id: entry.id }))).data?.code).toBe(
      'FORBIDDEN',
    );
    const refused = await errorOf(staff.client.finance.markPending.mutate({ id: entry.id }));
    expect(refused.message).toBe('Este lançamento está arquivado. Restaure-o antes de alterá-lo.');
    expect((await owner.client.finance.restore.mutate({ id: entry.id })).deletedAt).toBeNull();
  });

  it('bills a done visit with a price once, and refuses other visits with a clear message', async () => {
    const owner = await signUpOwner(server);
    const { id: clientId } = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana' }));
    const visit = (priceCents: number | null) =>
      owner.client.appointments.create.mutate({
        clientId,
        date: '2026-03-05',
        startTime: '09:00',
        priceCents,
      });
    const finish = async (id: string) => {
      await owner.client.appointments.setStatus.mutate({ id, status: 'confirmed' });
      await owner.client.appointments.setStatus.mutate({ id, status: 'done' });
    };
    const fromVisit = (appointmentId: string) =>
      owner.client.finance.createFromAppointment.mutate({ appointmentId });

    const pending = await visit(15000);
    expect((await errorOf(fromVisit(pending.id))).message).toBe(
      'Só é possível cobrar um atendimento concluído.',
    );
    const free = await visit(null);
    await finish(free.id);
    expect((await errorOf(fromVisit(free.id))).message).toBe(
      'Informe o valor do atendimento antes de gerar a cobrança.',
    );
    await finish(pending.id);
    const entry = await fromVisit(pending.id);
    expect(entry).toMatchObject({
      clientId,
      appointmentId: pending.id,
      amountCents: 15000,
      description: 'Atendimento de 05/03/2026',
      dueDate: '2026-03-09',
      status: 'pending',
    });
    const twice = await errorOf(fromVisit(pending.id));
    expect(twice.data?.code).toBe('CONFLICT');
    expect(twice.message).toBe('Este atendimento já tem um lançamento.');
    // Even archived, the entry still bills the visit: restore it instead of billing twice.
    await owner.client.finance.archive.mutate({ id: entry.id });
    expect((await errorOf(fromVisit(pending.id))).data?.code).toBe('CONFLICT');
    // A done visit of a client archived since then is refused too.
    const lastVisit = await visit(9000);
    await finish(lastVisit.id);
    await owner.client.clients.archive.mutate({ id: clientId });
    expect((await errorOf(fromVisit(lastVisit.id))).message).toBe(
      'Este cliente está arquivado. Restaure-o antes de lançar cobranças.',
    );
    expect(await scopedFork(server, owner.orgId).count(FinanceEntry, {})).toBe(1);
  });

  it('refuses bad input with field-level pt-BR messages and changes nothing', async () => {
    const owner = await signUpOwner(server);
    const { id: clientId } = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana' }));
    const refused = await errorOf(
      owner.client.finance.create.mutate({
        clientId,
        description: '',
        amountCents: 0,
        dueDate: '09/03/2026',
      }),
    );
    expect(refused.data?.code).toBe('BAD_REQUEST');
    expect(refused.data?.fieldErrors).toEqual({
      description: 'Informe a descrição.',
      amountCents: 'O valor deve ser maior que zero.',
      dueDate: 'Informe uma data válida (AAAA-MM-DD).',
    });
    const fractional = await errorOf(
      owner.client.finance.create.mutate({
        clientId,
        description: 'Taxa',
        amountCents: 10.5,
        dueDate: '2026-03-09',
      }),
    );
    expect(fractional.data?.fieldErrors).toEqual({
      amountCents: 'Informe o valor em centavos (número inteiro).',
    });
    const entry = await owner.client.finance.create.mutate({
      clientId,
      description: 'Taxa',
      amountCents: 1000,
      dueDate: '2026-03-09',
    });
    const badMethod = await errorOf(
      owner.client.finance.markPaid.mutate({ id: entry.id, method: 'cheque' as 'pix' }),
    );
    expect(badMethod.data?.fieldErrors).toEqual({
      method: 'Forma de pagamento inválida (PIX, dinheiro, transferência, boleto ou cartão).',
    });
    const huge = await errorOf(owner.client.finance.update.mutate({ id: entry.id, amountCents: 1e12 }));
    expect(huge.data?.fieldErrors).toEqual({ amountCents: 'Valor alto demais (até R$ 10.000.000,00).' });
    expect(await owner.client.finance.get.query({ id: entry.id })).toEqual(entry);
  });

  it("answers NOT_FOUND for another organization's entries, clients and visits, and changes nothing", async () => {
    const owner = await signUpOwner(server);
    const stranger = await signUpOwner(server);
    const { id: clientId } = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana' }));
    const entry = await owner.client.finance.create.mutate({
      clientId,
      description: 'Taxa',
      amountCents: 1000,
      dueDate: '2026-03-09',
    });
    const visit = await owner.client.appointments.create.mutate({
      clientId,
      date: '2026-03-05',
      startTime: '09:00',
      priceCents: 100,
    });
    const api = stranger.client.finance;
    const errors = [
      await errorOf(api.get.query({ id: entry.id })),
      await errorOf(api.update.mutate({ id: entry.id, amountCents: 1 })),
      await errorOf(api.markPaid.mutate({ id: entry.id, method: 'pix' })),
      await errorOf(api.markPending.mutate({ id: entry.id })),
      await errorOf(api.archive.mutate({ id: entry.id })),
      await errorOf(api.restore.mutate({ id: entry.id })),
      await errorOf(
        api.create.mutate({ clientId, description: 'x1', amountCents: 1, dueDate: '2026-03-09' }),
      ),
      await errorOf(api.createFromAppointment.mutate({ appointmentId: visit.id })),
    ];
    expect(errors.map((error) => error.data?.code)).toEqual(Array(8).fill('NOT_FOUND'));
    expect((await api.list.query({ clientId })).items).toEqual([]);
    expect(await owner.client.finance.get.query({ id: entry.id })).toEqual(entry);
    expect(await scopedFork(server, stranger.orgId).count(FinanceEntry, {})).toBe(0);
  });
});
