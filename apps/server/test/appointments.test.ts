import { Appointment, Notification } from '@picineiros/db';
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
import { membershipIdOf, scopedFork } from './schedule-fixtures';

let server: TestServer;
// 10:00 in São Paulo.
const clock = createClock(new Date('2026-11-20T13:00:00Z'));
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(async () => {
  await server.close();
});

describe('appointments', () => {
  it('creates a visit with a notification for the organization in the same flush', async () => {
    const owner = await signUpOwner(server);
    const { id: clientId, pools } = await seed(server, (em) =>
      seedClient(em, owner.orgId, { name: 'Condomínio Águas Claras' }),
    );
    const created = await owner.client.appointments.create.mutate({
      clientId,
      poolId: pools[0]?.id,
      date: '2026-11-25',
      startTime: '08:30',
      priceCents: 15000,
      notes: '  Levar cloro  ',
    });
    expect(created).toMatchObject({
      clientId,
      clientName: 'Condomínio Águas Claras',
      poolId: pools[0]?.id,
      date: '2026-11-25',
      startTime: '08:30',
      durationMinutes: 60,
      status: 'pending',
      priceCents: 15000,
      notes: 'Levar cloro',
      assigneeId: null,
      deletedAt: null,
    });
    const notifications = await scopedFork(server, owner.orgId).find(Notification, {});
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      type: 'appointment_created',
      entityType: 'appointment',
      entityId: created.id,
      membership: null,
      title: 'Novo atendimento agendado',
      body: 'Condomínio Águas Claras: 25/11/2026 às 08:30.',
    });
    expect(await owner.client.appointments.get.query({ id: created.id })).toEqual(created);
  });

  it('lists by date and time with filters, keyset pages, and hides archived visits', async () => {
    const owner = await signUpOwner(server);
    const staff = await addMember(server, owner.orgId, 'staff');
    const staffMembership = await membershipIdOf(server, staff.userId, owner.orgId);
    const a = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana' }));
    const b = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Bruno' }));
    const make = (clientId: string, date: string, startTime: string, assigneeId?: string) =>
      owner.client.appointments.create.mutate({ clientId, date, startTime, assigneeId: assigneeId ?? null });
    const late = await make(a.id, '2026-11-22', '15:00');
    const early = await make(b.id, '2026-11-22', '07:00', staffMembership);
    const first = await make(a.id, '2026-11-21', '09:00');
    const outside = await make(b.id, '2026-12-01', '09:00');
    await owner.client.appointments.setStatus.mutate({ id: late.id, status: 'confirmed' });

    const ids = (items: { id: string }[]) => items.map((item) => item.id);
    const all = await owner.client.appointments.list.query({});
    expect(ids(all.items)).toEqual([first.id, early.id, late.id, outside.id]);
    expect(all.nextCursor).toBeNull();

    const week = await owner.client.appointments.list.query({ from: '2026-11-21', to: '2026-11-27' });
    expect(ids(week.items)).toEqual([first.id, early.id, late.id]);
    expect(ids((await owner.client.appointments.list.query({ status: ['confirmed'] })).items)).toEqual([
      late.id,
    ]);
    expect(ids((await owner.client.appointments.list.query({ clientId: b.id })).items)).toEqual([
      early.id,
      outside.id,
    ]);
    expect(ids((await owner.client.appointments.list.query({ assigneeId: staffMembership })).items)).toEqual([
      early.id,
    ]);

    const page1 = await owner.client.appointments.list.query({ limit: 2 });
    expect(ids(page1.items)).toEqual([first.id, early.id]);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await owner.client.appointments.list.query({ limit: 2, cursor: page1.nextCursor ?? '' });
    expect(ids(page2.items)).toEqual([late.id, outside.id]);
    expect(page2.nextCursor).toBeNull();

    await staff.client.appointments.archive.mutate({ id: early.id });
    expect(ids((await owner.client.appointments.list.query({})).items)).not.toContain(early.id);
    expect(ids((await owner.client.appointments.list.query({ includeArchived: true })).items)).toContain(
      early.id,
    );
    expect((await owner.client.appointments.get.query({ id: early.id })).deletedAt).toBeInstanceOf(Date);
    // The list reads plain rows, `get` an entity: both give the same view of every visit, field for field
    // (dates as Date on both dialects, the archived one included).
    const listed = await owner.client.appointments.list.query({ includeArchived: true });
    expect(listed.items).toHaveLength(4);
    for (const item of listed.items) {
      expect(item).toEqual(await owner.client.appointments.get.query({ id: item.id }));
    }
    await staff.client.appointments.restore.mutate({ id: early.id });
    expect(ids((await owner.client.appointments.list.query({})).items)).toContain(early.id);
  });

  it('updates fields, checks the pool belongs to the client and the assignee is a member', async () => {
    const owner = await signUpOwner(server);
    const other = await signUpOwner(server);
    const a = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana', pools: 2 }));
    const b = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Bruno' }));
    const created = await owner.client.appointments.create.mutate({
      clientId: a.id,
      poolId: a.pools[0]?.id,
      date: '2026-11-25',
      startTime: '08:30',
    });

    const wrongPool = await errorOf(
      owner.client.appointments.update.mutate({ id: created.id, poolId: b.pools[0]?.id }),
    );
    expect(wrongPool.data?.code).toBe('BAD_REQUEST');
    expect(wrongPool.data?.fieldErrors).toEqual({
      poolId: 'Esta piscina não pertence ao cliente escolhido.',
    });

    const otherMember = await membershipIdOf(server, other.userId, other.orgId);
    const notMember = await errorOf(
      owner.client.appointments.update.mutate({ id: created.id, assigneeId: otherMember }),
    );
    expect(notMember.data?.code).toBe('BAD_REQUEST');
    expect(notMember.data?.fieldErrors).toEqual({
      assigneeId: 'O responsável precisa ser um membro da organização.',
    });
    expect(await owner.client.appointments.get.query({ id: created.id })).toEqual(created);

    const ownerMember = await membershipIdOf(server, owner.userId, owner.orgId);
    const updated = await owner.client.appointments.update.mutate({
      id: created.id,
      version: created.version,
      poolId: a.pools[1]?.id,
      assigneeId: ownerMember,
      date: '2026-11-26',
      startTime: '14:00',
      durationMinutes: 90,
      priceCents: 20000,
    });
    expect(updated).toMatchObject({
      poolId: a.pools[1]?.id,
      assigneeId: ownerMember,
      date: '2026-11-26',
      startTime: '14:00',
      durationMinutes: 90,
      priceCents: 20000,
      version: created.version + 1,
    });
    // Another client drops the old client's pool.
    const moved = await owner.client.appointments.update.mutate({ id: created.id, clientId: b.id });
    expect(moved).toMatchObject({ clientId: b.id, clientName: 'Bruno', poolId: null });
    // A stale version is refused.
    const stale = await errorOf(
      owner.client.appointments.update.mutate({ id: created.id, version: created.version, notes: 'x' }),
    );
    expect(stale.data?.code).toBe('CONFLICT');
    const cleared = await owner.client.appointments.update.mutate({
      id: created.id,
      assigneeId: null,
      priceCents: null,
    });
    expect(cleared).toMatchObject({ assigneeId: null, priceCents: null });
  });

  it('moves pending → confirmed → done or pending → done, cancels from pending or confirmed, refuses the rest', async () => {
    const owner = await signUpOwner(server);
    const { id: clientId } = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana' }));
    const create = () =>
      owner.client.appointments.create.mutate({ clientId, date: '2026-11-25', startTime: '08:30' });
    const setStatus = (id: string, status: 'pending' | 'confirmed' | 'done' | 'cancelled') =>
      owner.client.appointments.setStatus.mutate({ id, status });

    // "Concluir" on a pending visit confirms and completes it in one step.
    const oneStep = await create();
    expect((await setStatus(oneStep.id, 'done')).status).toBe('done');

    const visit = await create();
    expect((await setStatus(visit.id, 'confirmed')).status).toBe('confirmed');
    const back = await errorOf(setStatus(visit.id, 'pending'));
    expect(back.message).toBe('Não é possível passar um atendimento de confirmado para pendente.');
    expect((await setStatus(visit.id, 'done')).status).toBe('done');
    // Asking again for the current status is a no-op, not an error.
    expect((await setStatus(visit.id, 'done')).status).toBe('done');
    // Done is final (it may already be billed): not even back to pending.
    for (const status of ['pending', 'confirmed', 'cancelled'] as const) {
      const refused = await errorOf(setStatus(visit.id, status));
      expect(refused.data?.code).toBe('BAD_REQUEST');
      expect(refused.message).toBe('Um atendimento concluído não pode mais mudar de situação.');
    }
    expect((await owner.client.appointments.get.query({ id: visit.id })).status).toBe('done');

    const cancelledFromPending = await create();
    expect((await setStatus(cancelledFromPending.id, 'cancelled')).status).toBe('cancelled');
    for (const status of ['confirmed', 'done'] as const) {
      const refused = await errorOf(setStatus(cancelledFromPending.id, status));
      expect(refused.data?.code).toBe('BAD_REQUEST');
      expect(refused.message).toBe('Reabra o atendimento cancelado antes de mudar a situação dele.');
    }
    const cancelledFromConfirmed = await create();
    await setStatus(cancelledFromConfirmed.id, 'confirmed');
    expect((await setStatus(cancelledFromConfirmed.id, 'cancelled')).status).toBe('cancelled');

    const archived = await create();
    await owner.client.appointments.archive.mutate({ id: archived.id });
    const refused = await errorOf(setStatus(archived.id, 'confirmed'));
    expect(refused.message).toBe('Este atendimento está arquivado. Restaure-o antes de alterá-lo.');
  });

  it('cancels with an optional reason, shown by get and list, and reopens as pending without it', async () => {
    const owner = await signUpOwner(server);
    const { id: clientId } = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana' }));
    const api = owner.client.appointments;
    const visit = await api.create.mutate({ clientId, date: '2026-11-25', startTime: '08:30' });
    expect(visit.cancelReason).toBeNull();

    // A reason goes only with a cancellation, and has a bound; a refused call changes nothing.
    const misplaced = await errorOf(api.setStatus.mutate({ id: visit.id, status: 'confirmed', reason: 'x' }));
    expect(misplaced.data?.fieldErrors).toEqual({ reason: 'O motivo só se aplica ao cancelamento.' });
    const tooLong = await errorOf(
      api.setStatus.mutate({ id: visit.id, status: 'cancelled', reason: 'x'.repeat(501) }),
    );
    expect(tooLong.data?.fieldErrors).toEqual({ reason: 'Motivo longo demais (até 500 caracteres).' });
    expect(await api.get.query({ id: visit.id })).toEqual(visit);

    const cancelled = await api.setStatus.mutate({
      id: visit.id,
      status: 'cancelled',
      reason: '  Cliente viajou  ',
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Cliente viajou' });
    expect(await api.get.query({ id: visit.id })).toEqual(cancelled);
    expect((await api.list.query({ clientId })).items).toEqual([cancelled]);
    const stored = await scopedFork(server, owner.orgId).findOneOrFail(Appointment, { id: visit.id });
    expect(stored.cancelReason).toBe('Cliente viajou');

    const reopened = await api.setStatus.mutate({ id: visit.id, status: 'pending' });
    expect(reopened).toMatchObject({ status: 'pending', cancelReason: null });
    expect(reopened.version).toBeGreaterThan(cancelled.version);
    // A blank reason is no reason; a reopened visit can be confirmed and done as any other.
    const again = await api.setStatus.mutate({ id: visit.id, status: 'cancelled', reason: '   ' });
    expect(again).toMatchObject({ status: 'cancelled', cancelReason: null });
    await api.setStatus.mutate({ id: visit.id, status: 'pending' });
    expect((await api.setStatus.mutate({ id: visit.id, status: 'done' })).status).toBe('done');
  });

  it("lists the client's and the assignee's overlapping visits, not cancelled, archived or touching ones", async () => {
    const owner = await signUpOwner(server);
    const stranger = await signUpOwner(server);
    const staff = await addMember(server, owner.orgId, 'staff');
    const technician = await membershipIdOf(server, staff.userId, owner.orgId);
    const ana = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana' }));
    const bruno = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Bruno' }));
    const carla = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Carla' }));
    const api = owner.client.appointments;
    const make = (
      clientId: string,
      date: string,
      startTime: string,
      durationMinutes: number,
      assigneeId?: string,
    ) => api.create.mutate({ clientId, date, startTime, durationMinutes, assigneeId });

    const anaMorning = await make(ana.id, '2026-11-25', '08:00', 60);
    const brunoByTechnician = await make(bruno.id, '2026-11-25', '08:30', 90, technician);
    await make(ana.id, '2026-11-25', '09:00', 60); // touches 08:00–09:00 only: no overlap
    const cancelled = await make(ana.id, '2026-11-25', '08:15', 30);
    await api.setStatus.mutate({ id: cancelled.id, status: 'cancelled' });
    const archived = await make(ana.id, '2026-11-25', '08:15', 30);
    await api.archive.mutate({ id: archived.id });
    await make(carla.id, '2026-11-25', '08:00', 60); // another client, no assignee
    // The day before, 23:00 for 10 hours: runs into the morning.
    const overnight = await make(ana.id, '2026-11-24', '23:00', 600);
    await make(carla.id, '2026-11-26', '08:00', 60); // for the slot that crosses midnight

    const slot = {
      clientId: ana.id,
      assigneeId: technician,
      date: '2026-11-25',
      startTime: '08:00',
      durationMinutes: 60,
    };
    const { items } = await api.overlaps.query(slot);
    expect(items.map((item) => [item.id, item.sameClient, item.sameAssignee])).toEqual([
      [overnight.id, true, false],
      [anaMorning.id, true, false],
      [brunoByTechnician.id, false, true],
    ]);
    // Each item is the visit as `get` shows it, plus why it collides.
    expect(items[1]).toEqual({
      ...(await api.get.query({ id: anaMorning.id })),
      sameClient: true,
      sameAssignee: false,
    });
    // The visit being edited never collides with itself; without an assignee only the client counts.
    const editing = await api.overlaps.query({ ...slot, assigneeId: null, excludeId: anaMorning.id });
    expect(editing.items.map((item) => item.id)).toEqual([overnight.id]);
    // A slot crossing midnight reaches the next day's visits.
    const late = await api.overlaps.query({
      clientId: carla.id,
      date: '2026-11-25',
      startTime: '23:30',
      durationMinutes: 600,
    });
    expect(late.items.map((item) => [item.clientName, item.date, item.startTime])).toEqual([
      ['Carla', '2026-11-26', '08:00'],
    ]);
    // Bad input is a field error; another organization sees nothing of these visits.
    const bad = await errorOf(api.overlaps.query({ ...slot, startTime: '8h', durationMinutes: 0 }));
    expect(bad.data?.fieldErrors).toEqual({
      startTime: 'Informe um horário válido (HH:mm).',
      durationMinutes: 'A duração mínima é de 5 minutos.',
    });
    expect((await stranger.client.appointments.overlaps.query(slot)).items).toEqual([]);
  });

  it('refuses bad input with field-level pt-BR messages and creates nothing', async () => {
    const owner = await signUpOwner(server);
    const { id: clientId } = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana' }));
    const refused = await errorOf(
      owner.client.appointments.create.mutate({
        clientId: 'nope',
        date: '2026-02-30',
        startTime: '24:10',
        durationMinutes: 2,
        priceCents: -5,
        notes: 'x'.repeat(2001),
      }),
    );
    expect(refused.data?.code).toBe('BAD_REQUEST');
    expect(refused.message).toBe('Verifique os campos destacados.');
    expect(refused.data?.fieldErrors).toEqual({
      clientId: 'Cliente inválido.',
      date: 'Informe uma data válida (AAAA-MM-DD).',
      startTime: 'Informe um horário válido (HH:mm).',
      durationMinutes: 'A duração mínima é de 5 minutos.',
      priceCents: 'O valor não pode ser negativo.',
      notes: 'Observações longas demais (até 2000 caracteres).',
    });
    const badRange = await errorOf(
      owner.client.appointments.list.query({ from: '2026-12-01', to: '2026-11-01' }),
    );
    expect(badRange.data?.fieldErrors).toEqual({ to: 'A data final deve ser igual ou posterior à inicial.' });
    const badCursor = await errorOf(
      owner.client.appointments.list.query({ cursor: `2026-01-01|08:00|${'-'.repeat(36)}` }),
    );
    expect(badCursor.data?.fieldErrors).toEqual({ cursor: 'Cursor inválido.' });
    const badStatus = await errorOf(
      owner.client.appointments.setStatus.mutate({
        id: crypto.randomUUID(),
        status: 'finished' as 'done',
      }),
    );
    expect(badStatus.data?.code).toBe('BAD_REQUEST');
    const archivedClient = await seed(server, (em) =>
      seedClient(em, owner.orgId, { name: 'Arquivado', deletedAt: new Date() }),
    );
    const archived = await errorOf(
      owner.client.appointments.create.mutate({
        clientId: archivedClient.id,
        date: '2026-11-25',
        startTime: '08:30',
      }),
    );
    expect(archived.data?.fieldErrors).toEqual({
      clientId: 'Este cliente está arquivado. Restaure-o antes de agendar.',
    });
    expect(clientId).toBeTruthy();
    expect(await scopedFork(server, owner.orgId).count(Appointment, {})).toBe(0);
    expect(await scopedFork(server, owner.orgId).count(Notification, {})).toBe(0);
  });

  it("answers NOT_FOUND for another organization's visits, clients and pools, and changes nothing", async () => {
    const owner = await signUpOwner(server);
    const stranger = await signUpOwner(server);
    const mine = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Ana' }));
    const theirs = await seed(server, (em) => seedClient(em, stranger.orgId, { name: 'Estranho' }));
    const visit = await owner.client.appointments.create.mutate({
      clientId: mine.id,
      date: '2026-11-25',
      startTime: '08:30',
    });
    const api = stranger.client.appointments;
    const codes = [
      await errorOf(api.get.query({ id: visit.id })),
      await errorOf(api.update.mutate({ id: visit.id, notes: 'invadido' })),
      await errorOf(api.setStatus.mutate({ id: visit.id, status: 'confirmed' })),
      await errorOf(api.archive.mutate({ id: visit.id })),
      await errorOf(api.restore.mutate({ id: visit.id })),
      await errorOf(api.create.mutate({ clientId: mine.id, date: '2026-11-25', startTime: '08:30' })),
      await errorOf(
        api.create.mutate({
          clientId: theirs.id,
          poolId: mine.pools[0]?.id,
          date: '2026-11-25',
          startTime: '08:30',
        }),
      ),
    ].map((error) => error.data?.code);
    expect(codes).toEqual(Array(7).fill('NOT_FOUND'));
    expect((await api.list.query({ clientId: mine.id })).items).toEqual([]);
    expect(await owner.client.appointments.get.query({ id: visit.id })).toEqual(visit);
    expect(await scopedFork(server, stranger.orgId).count(Appointment, {})).toBe(0);
  });
});
