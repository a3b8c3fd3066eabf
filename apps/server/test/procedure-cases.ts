// One call per procedure of the organization's data routers, built from a set of ids. The tenant-isolation
// walk makes them as another organization's member with this organization's ids; the permissions test
// makes them as each role. `appRouter._def.procedures` is enumerated by both, so a new procedure without
// a case here fails them.
import { appRouter } from '@picineiros/api/server';
import { Membership } from '@picineiros/db';
import type { TestServer, SignedIn } from './harness';

// Not walked: `billing` takes no ids (every call acts on the caller's own organization, so there is nothing
// of another organization to point at) and its roles are tested in billing.test.ts; its read-only guard is
// walked over every org-scoped mutation in billing-read-only.test.ts, which uses the cases below.
export const WALKED_ROUTERS = ['clients', 'appointments', 'finance', 'dashboard', 'audit', 'sync'] as const;

/** Every procedure path of the walked routers, from the router itself. */
export function walkedProcedures(): string[] {
  return Object.keys(appRouter._def.procedures)
    .filter((path) => WALKED_ROUTERS.some((name) => path.startsWith(`${name}.`)))
    .sort();
}

export type OrganizationIds = {
  orgId: string;
  clientId: string;
  poolId: string;
  appointmentId: string;
  doneAppointmentId: string;
  financeEntryId: string;
  membershipId: string;
};

type Api = SignedIn['client'];
export type ProcedureCase = {
  /** `read` calls return data and run first; `write` calls would change something. */
  kind: 'read' | 'write';
  call: (api: Api, ids: OrganizationIds) => Promise<unknown>;
};

export const PROCEDURE_CASES: Record<string, ProcedureCase> = {
  'clients.list': { kind: 'read', call: (api) => api.clients.list.query({ includeArchived: true }) },
  'clients.get': { kind: 'read', call: (api, ids) => api.clients.get.query({ id: ids.clientId }) },
  'clients.create': {
    kind: 'write',
    // Nothing to point at: the new client must land in the caller's own organization.
    call: (api) => api.clients.create.mutate({ name: 'Cliente Criado Fora', pools: [{ type: 'other' }] }),
  },
  'clients.update': {
    kind: 'write',
    call: (api, ids) =>
      api.clients.update.mutate({
        id: ids.clientId,
        name: 'Invasor',
        pools: [{ id: ids.poolId, type: 'vinyl' }],
      }),
  },
  'clients.archive': { kind: 'write', call: (api, ids) => api.clients.archive.mutate({ id: ids.clientId }) },
  'clients.restore': { kind: 'write', call: (api, ids) => api.clients.restore.mutate({ id: ids.clientId }) },

  'appointments.list': {
    kind: 'read',
    call: (api, ids) => api.appointments.list.query({ clientId: ids.clientId, includeArchived: true }),
  },
  'appointments.get': {
    kind: 'read',
    call: (api, ids) => api.appointments.get.query({ id: ids.appointmentId }),
  },
  'appointments.overlaps': {
    kind: 'read',
    // The seeded visit (2026-05-04 09:00, this client, this assignee) overlaps the slot.
    call: (api, ids) =>
      api.appointments.overlaps.query({
        clientId: ids.clientId,
        assigneeId: ids.membershipId,
        date: '2026-05-04',
        startTime: '09:30',
      }),
  },
  'appointments.create': {
    kind: 'write',
    call: (api, ids) =>
      api.appointments.create.mutate({
        clientId: ids.clientId,
        poolId: ids.poolId,
        date: '2026-05-04',
        startTime: '08:00',
      }),
  },
  'appointments.update': {
    kind: 'write',
    call: (api, ids) => api.appointments.update.mutate({ id: ids.appointmentId, notes: 'Invasor' }),
  },
  'appointments.setStatus': {
    kind: 'write',
    call: (api, ids) => api.appointments.setStatus.mutate({ id: ids.appointmentId, status: 'cancelled' }),
  },
  'appointments.archive': {
    kind: 'write',
    call: (api, ids) => api.appointments.archive.mutate({ id: ids.appointmentId }),
  },
  'appointments.restore': {
    kind: 'write',
    call: (api, ids) => api.appointments.restore.mutate({ id: ids.appointmentId }),
  },

  'finance.list': {
    kind: 'read',
    call: (api, ids) => api.finance.list.query({ clientId: ids.clientId, includeArchived: true }),
  },
  'finance.get': { kind: 'read', call: (api, ids) => api.finance.get.query({ id: ids.financeEntryId }) },
  'finance.create': {
    kind: 'write',
    call: (api, ids) =>
      api.finance.create.mutate({
        clientId: ids.clientId,
        description: 'Cobrança indevida',
        amountCents: 100,
        dueDate: '2026-05-10',
      }),
  },
  'finance.update': {
    kind: 'write',
    call: (api, ids) => api.finance.update.mutate({ id: ids.financeEntryId, amountCents: 1 }),
  },
  'finance.markPaid': {
    kind: 'write',
    call: (api, ids) => api.finance.markPaid.mutate({ id: ids.financeEntryId, method: 'cash' }),
  },
  'finance.markPending': {
    kind: 'write',
    call: (api, ids) => api.finance.markPending.mutate({ id: ids.financeEntryId }),
  },
  'finance.archive': {
    kind: 'write',
    call: (api, ids) => api.finance.archive.mutate({ id: ids.financeEntryId }),
  },
  'finance.restore': {
    kind: 'write',
    call: (api, ids) => api.finance.restore.mutate({ id: ids.financeEntryId }),
  },
  'finance.createFromAppointment': {
    kind: 'write',
    call: (api, ids) => api.finance.createFromAppointment.mutate({ appointmentId: ids.doneAppointmentId }),
  },

  'dashboard.summary': { kind: 'read', call: (api) => api.dashboard.summary.query({}) },
  'audit.list': {
    kind: 'read',
    call: (api, ids) => api.audit.list.query({ entityId: ids.clientId, membershipId: ids.membershipId }),
  },
  'audit.logins': {
    kind: 'read',
    call: (api, ids) => api.audit.logins.query({ membershipId: ids.membershipId }),
  },
  'sync.pull': { kind: 'read', call: (api) => api.sync.pull.query({ cursor: 0, limit: 1000 }) },
};

/**
 * An organization with one of everything — a client with a pool, visits (one done, priced), a receivable —
 * made through the API as the app makes them, since the procedures walked over it are what is tested.
 */
export async function seedOneOfEverything(server: TestServer, owner: SignedIn): Promise<OrganizationIds> {
  const api = owner.client;
  const client = await api.clients.create.mutate({
    name: 'Vitória Quaresma',
    document: '529.982.247-25',
    pools: [{ type: 'fiberglass', volumeLiters: 32000 }],
  });
  const poolId = client.pools[0]?.id ?? '';
  const membership = await server.database
    .fork()
    .findOneOrFail(Membership, { user: owner.userId, organization: owner.orgId });
  const appointment = await api.appointments.create.mutate({
    clientId: client.id,
    poolId,
    date: '2026-05-04',
    startTime: '09:00',
    assigneeId: membership.id,
  });
  const done = await api.appointments.create.mutate({
    clientId: client.id,
    date: '2026-05-05',
    startTime: '10:00',
    priceCents: 20000,
  });
  await api.appointments.setStatus.mutate({ id: done.id, status: 'confirmed' });
  await api.appointments.setStatus.mutate({ id: done.id, status: 'done' });
  const entry = await api.finance.create.mutate({
    clientId: client.id,
    description: 'Mensalidade de maio',
    amountCents: 35000,
    dueDate: '2026-05-10',
  });
  return {
    orgId: owner.orgId,
    clientId: client.id,
    poolId,
    appointmentId: appointment.id,
    doneAppointmentId: done.id,
    financeEntryId: entry.id,
    membershipId: membership.id,
  };
}
