import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientSearchColumns, type SyncChange } from '@picineiros/api/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Replica } from '../src/core/replica';

// Replica.applyChanges writes a changed row in place and sets an indexed column only when its value
// changed (to keep incremental pulls cheap): the indexes must still answer every read correctly.

const organizationId = '00000000-0000-4000-8000-000000000000';
let syncVersion = 0;
let dir: string;
let replica: Replica;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'picineiros-replica-'));
  replica = new Replica(join(dir, 'replica.sqlite'));
});
afterEach(() => {
  replica.close();
  rmSync(dir, { recursive: true, force: true });
});

function client(id: string, name: string, phone: string): SyncChange {
  syncVersion += 1;
  const now = new Date('2026-03-01T12:00:00Z');
  const row = {
    id,
    organizationId,
    createdAt: now,
    updatedAt: now,
    version: 1,
    syncVersion,
    deletedAt: null,
    name,
    ...clientSearchColumns({ name, phone }),
    document: null,
    phone,
    email: null,
    cep: null,
    street: null,
    streetNumber: null,
    complement: null,
    district: null,
    city: null,
    uf: null,
    notes: null,
    active: true,
  };
  return { entityType: 'client', id, syncVersion, deleted: false, row } as unknown as SyncChange;
}

function entry(id: string, clientId: string, status: 'pending' | 'paid', dueDate: string): SyncChange {
  syncVersion += 1;
  const now = new Date('2026-03-01T12:00:00Z');
  const row = {
    id,
    organizationId,
    createdAt: now,
    updatedAt: now,
    version: 1,
    syncVersion,
    deletedAt: null,
    clientId,
    appointmentId: null,
    description: 'Manutenção',
    amountCents: 10_000,
    dueDate,
    status,
    paidAt: status === 'paid' ? now : null,
    paymentMethod: status === 'paid' ? 'pix' : null,
  };
  return { entityType: 'financeEntry', id, syncVersion, deleted: false, row } as unknown as SyncChange;
}

const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const E = '00000000-0000-4000-8000-00000000000e';

describe('Replica.applyChanges', () => {
  it('updates rows in place, keeping the name order, search and status filters right', () => {
    replica.applyChanges([client(A, 'Ana', '11900000001'), client(B, 'Bruno', '11900000002')], syncVersion);
    replica.applyChanges([entry(E, A, 'pending', '2026-01-10')], syncVersion);
    expect(ids(replica.listClients({ sort: 'name' }))).toEqual([A, B]);

    // Unindexed fields only (phone, search text): the row changes, the order does not.
    replica.applyChanges([client(A, 'Ana', '11977776666')], syncVersion);
    expect(replica.getClient(A)?.phone).toBe('11977776666');
    expect(ids(replica.listClients({ search: '77776666' }))).toEqual([A]);
    expect(replica.listClients({ search: '11900000001' }).total).toBe(0);

    // An indexed column changes (name → name_key): the order index must follow.
    replica.applyChanges([client(A, 'Zélia', '11977776666')], syncVersion);
    expect(ids(replica.listClients({ sort: 'name' }))).toEqual([B, A]);

    // An entry paid: the status index moves it out of the overdue list.
    const today = '2026-03-01';
    expect(ids(replica.listFinanceEntries({ overdue: true }, today))).toEqual([E]);
    replica.applyChanges([entry(E, A, 'paid', '2026-01-10')], syncVersion);
    expect(ids(replica.listFinanceEntries({ overdue: true }, today))).toEqual([]);
    expect(ids(replica.listFinanceEntries({ status: 'paid' }, today))).toEqual([E]);

    expect(replica.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(replica.cursor()).toBe(syncVersion);
  });

  it('applies a tombstone and a re-delivered page idempotently', () => {
    const page = [client(A, 'Ana', '11900000001'), client(B, 'Bruno', '11900000002')];
    replica.applyChanges(page, syncVersion);
    replica.applyChanges(page, syncVersion);
    expect(replica.counts()['clients']).toBe(2);
    // A tombstone carries the archived row, as the sync feed sends it.
    const archived = client(A, 'Ana', '11900000001');
    const tombstone = {
      ...archived,
      deleted: true,
      row: { ...archived.row, deletedAt: new Date('2026-03-02T12:00:00Z') },
    } as SyncChange;
    replica.applyChanges([tombstone], syncVersion);
    expect(ids(replica.listClients({}))).toEqual([B]);
    expect(replica.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
