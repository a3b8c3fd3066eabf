import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner, startTestServer, type SignedIn, type TestServer } from '../../server/test/harness';
import type { BridgeResult } from '../src/ipc/contract';
import { DesktopCore } from '../src/core/core';
import { Replica } from '../src/core/replica';
import { createMemoryTokenStore } from '../src/core/token-store';
import { addDays, todayLocal } from '../src/renderer/dates';
import { startLoopbackProxy } from './loopback-proxy';

// Financeiro's lists on the desktop: finance.list (search, totals) and appointments.list (billable) are
// answered by the local replica, and must give the server's answer for the same input, field for field.

let server: TestServer;
let proxy: Awaited<ReturnType<typeof startLoopbackProxy>>;
let owner: SignedIn;
let core: DesktopCore;
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'picineiros-core-finance-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  server = await startTestServer();
  proxy = await startLoopbackProxy(() => new URL(server.url));
  owner = await signUpOwner(server);
  core = new DesktopCore({
    serverUrl: proxy.url,
    dataDir: tempDir(),
    tokenStore: createMemoryTokenStore(),
    syncIntervalMs: 0,
  });
  const login = await core.handle({
    path: 'auth.login',
    type: 'mutation',
    input: { email: owner.email, password: owner.password, client: 'web' },
  });
  expect(login.ok).toBe(true);
});
afterAll(async () => {
  await core.stop();
  await proxy.down();
  await server.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function data(result: BridgeResult): unknown {
  if (!result.ok) throw new Error(`call failed: ${result.error.data.code} ${result.error.message}`);
  return result.data;
}

/** The core's answer with the server out of reach, so it can only come from the replica. */
async function local(path: 'finance.list' | 'appointments.list', input: unknown): Promise<unknown> {
  await proxy.down();
  try {
    return data(await core.handle({ path, type: 'query', input }));
  } finally {
    await proxy.up();
  }
}

describe('replica finance reads', () => {
  const today = todayLocal();
  const day = (offset: number) => addDays(today, offset);

  it('answers finance.list with search, filters and totals exactly as the server', async () => {
    const joao = await owner.client.clients.create.mutate({
      name: 'João Araújo',
      pools: [{ type: 'vinyl' }],
    });
    const maria = await owner.client.clients.create.mutate({
      name: 'Maria Souza',
      email: 'maria@example.com',
      pools: [{ type: 'vinyl' }],
    });
    const create = (clientId: string, description: string, amountCents: number, dueDate: string) =>
      owner.client.finance.create.mutate({ clientId, description, amountCents, dueDate });
    await create(joao.id, 'Limpeza de verão', 15000, day(-20));
    const products = await create(maria.id, 'Produtos: cloro e algicida', 8050, day(-3));
    await create(maria.id, 'Mensalidade de março', 40000, day(5));
    const repair = await create(joao.id, 'Conserto da bomba', 22000, day(30));
    await create(maria.id, 'Manutenção', 9900, day(0));
    const archived = await create(maria.id, 'Lançado por engano', 100, day(1));
    await owner.client.finance.markPaid.mutate({ id: products.id, method: 'pix' });
    await owner.client.finance.archive.mutate({ id: archived.id });
    // An archived client's entries still show its name, and are still found by it.
    await owner.client.clients.archive.mutate({ id: joao.id });
    await core.sync();

    const inputs = [
      {},
      { search: 'VERAO' },
      { search: 'joão' },
      { search: 'araujo bomba' },
      { search: 'souza cloro' },
      { search: 'maria@example' },
      { search: 'produtos:' },
      { search: 'nada disso' },
      { search: '  ' },
      { status: 'pending' },
      { status: 'paid' },
      { overdue: true },
      { overdue: false },
      { clientId: maria.id, search: 'mensalidade' },
      { from: day(-5), to: day(10) },
      { from: day(-5), to: day(10), status: 'pending', search: 'a' },
      { limit: 2 },
    ];
    for (const input of inputs) {
      const remote = await owner.client.finance.list.query(input as never);
      expect(await local('finance.list', input), JSON.stringify(input)).toEqual(remote);
    }
    expect((await owner.client.finance.list.query({ search: 'bomba' })).items).toEqual([
      expect.objectContaining({ id: repair.id, clientName: 'João Araújo' }),
    ]);
    // Later pages carry no totals, on both sides.
    const first = await owner.client.finance.list.query({ limit: 2 });
    const next = { limit: 2, cursor: first.nextCursor };
    expect(await local('finance.list', next)).toEqual(await owner.client.finance.list.query(next as never));
    // Restoring the client brings it back into the local lists.
    await owner.client.clients.restore.mutate({ id: joao.id });
    await core.sync();
    expect(await local('finance.list', { search: 'joao' })).toEqual(
      await owner.client.finance.list.query({ search: 'joao' }),
    );
  });

  it('answers appointments.list billable exactly as the server (entries archived since still bill their visit)', async () => {
    const ana = await owner.client.clients.create.mutate({ name: 'Ana Lima', pools: [{ type: 'vinyl' }] });
    const bia = await owner.client.clients.create.mutate({ name: 'Bia Reis', pools: [{ type: 'vinyl' }] });
    const visit = async (clientId: string, date: string, priceCents: number | null, done = true) => {
      const created = await owner.client.appointments.create.mutate({
        clientId,
        date,
        startTime: '09:00',
        priceCents,
      });
      if (done) {
        await owner.client.appointments.setStatus.mutate({ id: created.id, status: 'confirmed' });
        await owner.client.appointments.setStatus.mutate({ id: created.id, status: 'done' });
      }
      return created;
    };
    const billable = await visit(ana.id, day(-6), 15000);
    await visit(ana.id, day(-5), 15000, false);
    await visit(ana.id, day(-4), null);
    const billed = await visit(ana.id, day(-3), 12000);
    await owner.client.finance.createFromAppointment.mutate({ appointmentId: billed.id });
    const billedThenArchived = await visit(ana.id, day(-2), 12000);
    const entry = await owner.client.finance.createFromAppointment.mutate({
      appointmentId: billedThenArchived.id,
    });
    await owner.client.finance.archive.mutate({ id: entry.id });
    await visit(bia.id, day(-1), 9000);
    await owner.client.clients.archive.mutate({ id: bia.id });
    await core.sync();

    const input = { billable: true, from: day(-30), to: day(0) };
    const remote = await owner.client.appointments.list.query(input);
    expect(remote.items.map((item) => item.id)).toEqual([billable.id]);
    expect(await local('appointments.list', input)).toEqual(remote);

    // A fresh replica, filled by one full pull, knows the archived entry's visit too.
    const fresh = new DesktopCore({
      serverUrl: server.url,
      dataDir: tempDir(),
      tokenStore: createMemoryTokenStore(),
      syncIntervalMs: 0,
    });
    try {
      data(
        await fresh.handle({
          path: 'auth.login',
          type: 'mutation',
          input: { email: owner.email, password: owner.password, client: 'web' },
        }),
      );
      await fresh.sync();
      expect(data(await fresh.handle({ path: 'appointments.list', type: 'query', input }))).toEqual(remote);
    } finally {
      await fresh.stop();
    }
  });
});

describe('replica layout upgrade', () => {
  it('empties a replica of an older layout and resets its cursor, keeping the rest of meta', () => {
    const file = join(tempDir(), 'replica.sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('cursor', '42'), ('orgId', 'org-1');
      CREATE TABLE finance_entries (id TEXT PRIMARY KEY, sync_version INTEGER NOT NULL, client_id TEXT NOT NULL,
        due_date TEXT NOT NULL, status TEXT NOT NULL, amount_cents INTEGER NOT NULL, paid_at TEXT, data TEXT NOT NULL);
      INSERT INTO finance_entries VALUES ('e1', 1, 'c1', '2026-01-01', 'pending', 100, NULL, '{}');`);
    old.close();
    const replica = new Replica(file);
    try {
      expect(replica.cursor()).toBe(0);
      expect(replica.getMeta('orgId')).toBe('org-1');
      expect(replica.counts()['finance_entries']).toBe(0);
      replica.setMeta('cursor', '7');
    } finally {
      replica.close();
    }
    // The same layout is left alone at the next start.
    const again = new Replica(file);
    try {
      expect(again.cursor()).toBe(7);
    } finally {
      again.close();
    }
  });
});
