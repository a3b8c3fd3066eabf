import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  newAccount,
  registrationCodeFor,
  signUpOwner,
  startTestServer,
  type SignedIn,
  type TestServer,
} from '../../server/test/harness';
import type { BridgeEvent, BridgeResult } from '../src/ipc/contract';
import { DesktopCore } from '../src/core/core';
import { createMemoryTokenStore } from '../src/core/token-store';
import { startLoopbackProxy } from './loopback-proxy';

// The desktop core against the real server over HTTP: sign-in, full and incremental sync, tombstones,
// a write then a local read, the server going away (reads answered, writes refused) and coming back.

let server: TestServer;
let proxy: Awaited<ReturnType<typeof startLoopbackProxy>>;
let owner: SignedIn;
const dataDirs: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  proxy = await startLoopbackProxy(() => new URL(server.url));
  owner = await signUpOwner(server);
});
afterAll(async () => {
  await proxy.down();
  await server.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function newCore(tokenStore = createMemoryTokenStore(), dataDir?: string) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'picineiros-core-'));
  dataDirs.push(dir);
  const core = new DesktopCore({ serverUrl: proxy.url, dataDir: dir, tokenStore, syncIntervalMs: 0 });
  const events: BridgeEvent[] = [];
  core.onEvent((event) => events.push(event));
  return { core, tokenStore, dir, events };
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the payload's type
function data<T = unknown>(result: BridgeResult): T {
  if (!result.ok) throw new Error(`call failed: ${result.error.data.code} ${result.error.message}`);
  return result.data as T;
}

type ClientPage = { items: { id: string; name: string; pools: unknown[] }[]; total: number };

const call = (core: DesktopCore, path: string, type: 'query' | 'mutation', input?: unknown) =>
  core.handle({ path, type, input });

describe('desktop core', () => {
  const names = ['Ana Beatriz', 'Bruno Costa', 'Célia Dias'];
  let core: DesktopCore;
  let tokenStore: ReturnType<typeof createMemoryTokenStore>;
  let dir: string;
  let events: BridgeEvent[];
  beforeAll(() => {
    ({ core, tokenStore, dir, events } = newCore());
  });

  it('signs in as a desktop client and keeps the refresh token from the renderer', async () => {
    for (const name of names) await owner.client.clients.create.mutate({ name, pools: [{ type: 'vinyl' }] });
    const login = data<Record<string, unknown>>(
      await call(core, 'auth.login', 'mutation', {
        email: owner.email,
        password: owner.password,
        client: 'web',
      }),
    );
    expect(login['accessToken']).toBeTypeOf('string');
    expect(login).not.toHaveProperty('refreshToken');
    expect(tokenStore.peek()).toMatch(/.{20,}/);
    const sessions = await owner.client.auth.sessions.query();
    expect(sessions.map((session) => session.client)).toContain('desktop');
  });

  it('signs up through the core: register only mails the code, the confirmation signs in like a login', async () => {
    const fresh = newCore();
    const account = newAccount();
    expect(data(await call(fresh.core, 'auth.register', 'mutation', account))).toEqual({
      status: 'code-sent',
      email: account.email,
    });
    expect(fresh.tokenStore.peek()).toBeNull();
    const code = await registrationCodeFor(server, account.email);
    const signedIn = data<Record<string, unknown>>(
      await call(fresh.core, 'auth.confirmRegistration', 'mutation', {
        email: account.email,
        code,
        client: 'web',
      }),
    );
    expect(signedIn['accessToken']).toBeTypeOf('string');
    expect(signedIn).not.toHaveProperty('refreshToken');
    expect(fresh.tokenStore.peek()).toMatch(/.{20,}/);
    const me = data<{ user: { email: string } }>(await call(fresh.core, 'auth.me', 'query'));
    expect(me.user.email).toBe(account.email);
  });

  it('fills the replica with a full pull and answers lists from it, like the server', async () => {
    await core.sync();
    expect(core.replica.counts()['clients']).toBe(3);
    expect(core.replica.counts()['pools']).toBe(3);
    const local = data<ClientPage>(await call(core, 'clients.list', 'query', { search: 'celia' }));
    const remote = await owner.client.clients.list.query({ search: 'celia' });
    expect(local.items.map((client) => client.id)).toEqual(remote.items.map((client) => client.id));
    expect(local.items[0]).toEqual(remote.items[0]);
    expect(local.total).toBe(1);
  });

  it('pulls only what changed, and tombstones remove rows', async () => {
    const cursor = core.replica.cursor();
    const added = await owner.client.clients.create.mutate({
      name: 'Davi Esteves',
      pools: [{ type: 'other' }],
    });
    const archived = (await owner.client.clients.list.query({ search: 'bruno' })).items[0];
    if (!archived) throw new Error('no client to archive');
    await owner.client.clients.archive.mutate({ id: archived.id });
    await core.sync();
    expect(core.replica.cursor()).toBeGreaterThan(cursor);
    const list = data<ClientPage>(await call(core, 'clients.list', 'query', {}));
    expect(list.items.map((client) => client.name)).toEqual(['Ana Beatriz', 'Célia Dias', 'Davi Esteves']);
    expect(core.replica.getClient(archived.id)).toBeNull();
    expect(core.replica.getClient(added.id)?.name).toBe('Davi Esteves');
    expect(events).toContainEqual({ type: 'synced', domains: ['clients'] });
  });

  it('forwards a write to the server and shows it in the next local read at once', async () => {
    const created = data<{ id: string }>(
      await call(core, 'clients.create', 'mutation', {
        name: 'Eva Fonseca',
        pools: [{ type: 'fiberglass' }],
      }),
    );
    expect((await owner.client.clients.get.query({ id: created.id })).name).toBe('Eva Fonseca');
    expect(core.replica.getClient(created.id)?.name).toBe('Eva Fonseca');
    const visit = data<{ id: string }>(
      await call(core, 'appointments.create', 'mutation', {
        clientId: created.id,
        date: '2026-03-02',
        startTime: '09:00',
        priceCents: 15_000,
      }),
    );
    const local = data<{ items: { id: string; clientName: string }[] }>(
      await call(core, 'appointments.list', 'query', { from: '2026-03-01', to: '2026-03-07' }),
    );
    expect(local.items).toEqual([expect.objectContaining({ id: visit.id, clientName: 'Eva Fonseca' })]);
    // Server field errors come through untouched, for the form to show on the right field.
    const refused = await call(core, 'clients.create', 'mutation', {
      name: 'Fábio',
      document: '123.456.789-00',
      pools: [{ type: 'vinyl' }],
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.data.fieldErrors?.['document']).toMatch(/CPF inválido/);
  });

  it('answers appointments.overlaps and shows a cancel reason from the replica, offline too, like the server', async () => {
    // A client of the earlier steps: the later ones count the clients.
    const client = (await owner.client.clients.list.query({ search: 'eva' })).items[0];
    if (!client) throw new Error('no client to schedule');
    const make = (startTime: string, durationMinutes: number) =>
      owner.client.appointments.create.mutate({
        clientId: client.id,
        date: '2026-04-10',
        startTime,
        durationMinutes,
      });
    const morning = await make('08:00', 90);
    const cancelled = await make('08:30', 30);
    await make('09:30', 60); // touches the morning visit's end only
    await owner.client.appointments.setStatus.mutate({
      id: cancelled.id,
      status: 'cancelled',
      reason: 'Chuva',
    });
    await core.sync();

    const slot = { clientId: client.id, date: '2026-04-10', startTime: '09:00', durationMinutes: 30 };
    const remote = await owner.client.appointments.overlaps.query(slot);
    expect(remote.items.map((item) => item.id)).toEqual([morning.id]);
    expect(data(await call(core, 'appointments.overlaps', 'query', slot))).toEqual(remote);
    const remoteCancelled = await owner.client.appointments.get.query({ id: cancelled.id });
    expect(remoteCancelled.cancelReason).toBe('Chuva');
    expect(data(await call(core, 'appointments.get', 'query', { id: cancelled.id }))).toEqual(
      remoteCancelled,
    );

    // With the server gone the replica still answers (a bad slot needs the server, which is gone).
    await proxy.down();
    try {
      expect(data(await call(core, 'appointments.overlaps', 'query', slot))).toEqual(remote);
      const edited = await call(core, 'appointments.overlaps', 'query', { ...slot, excludeId: morning.id });
      expect(data(edited)).toEqual({ items: [] });
      expect((await call(core, 'appointments.overlaps', 'query', { ...slot, startTime: '9h' })).ok).toBe(
        false,
      );
    } finally {
      await proxy.up();
    }
  });

  it('computes the dashboard locally with the same figures as the server', async () => {
    const client = (await owner.client.clients.list.query({ search: 'ana' })).items[0];
    if (!client) throw new Error('no client');
    const paid = await owner.client.finance.create.mutate({
      clientId: client.id,
      description: 'Limpeza',
      amountCents: 12_345,
      dueDate: '2026-01-10',
    });
    await owner.client.finance.markPaid.mutate({ id: paid.id, method: 'pix' });
    await owner.client.finance.create.mutate({
      clientId: client.id,
      description: 'Produtos',
      amountCents: 5_000,
      dueDate: '2020-01-10',
    });
    await core.sync();
    const local = data<Record<string, unknown>>(await call(core, 'dashboard.summary', 'query', {}));
    const remote = await owner.client.dashboard.summary.query({});
    expect(local['totals']).toEqual(remote.totals);
    expect(local['monthlyRevenue']).toEqual(remote.monthlyRevenue);
    expect(local['activeClients']).toBe(remote.activeClients);
    expect(local['appointmentsByStatus']).toEqual(remote.appointmentsByStatus);
    expect(local['range']).toEqual(remote.range);
    expect(local['upcomingAppointments']).toEqual(remote.upcomingAppointments);
    const overdue = data<{ items: { overdue: boolean }[] }>(
      await call(core, 'finance.list', 'query', { overdue: true }),
    );
    expect(overdue.items).toEqual([expect.objectContaining({ overdue: true, amountCents: 5_000 })]);
  });

  it('keeps answering reads when the server is gone and refuses writes clearly', async () => {
    await proxy.down();
    const refused = await call(core, 'clients.create', 'mutation', {
      name: 'Gil',
      pools: [{ type: 'vinyl' }],
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        data: { code: 'SERVICE_UNAVAILABLE' },
        message: expect.stringMatching(/Sem conexão/) as unknown,
      },
    });
    expect(core.isOnline()).toBe(false);
    expect(events).toContainEqual({ type: 'connection', online: false });
    const list = data<ClientPage>(await call(core, 'clients.list', 'query', {}));
    expect(list.total).toBe(4);
    const me = data<{ user: { email: string } }>(await call(core, 'auth.me', 'query'));
    expect(me.user.email).toBe(owner.email);
    await expect(core.sync()).rejects.toThrow(/Sem conexão/);
  });

  it('resumes syncing when the server is back', async () => {
    await owner.client.clients.create.mutate({ name: 'Helena Ito', pools: [{ type: 'masonry' }] });
    await proxy.up();
    await core.sync();
    expect(core.isOnline()).toBe(true);
    expect(events.at(-2)).toEqual({ type: 'connection', online: true });
    const list = data<ClientPage>(await call(core, 'clients.list', 'query', { search: 'helena' }));
    expect(list.total).toBe(1);
  });

  it('resumes the session at the next start with the stored refresh token, then signs out and forgets', async () => {
    await core.stop();
    const again = newCore(tokenStore, dir);
    await again.core.start();
    const me = data<{ user: { email: string } }>(await call(again.core, 'auth.me', 'query'));
    expect(me.user.email).toBe(owner.email);
    expect(data<ClientPage>(await call(again.core, 'clients.list', 'query', {})).total).toBe(5);
    data(await call(again.core, 'auth.logout', 'mutation', {}));
    expect(tokenStore.peek()).toBeNull();
    expect(again.core.replica.counts()['clients']).toBe(0);
    const after = await call(again.core, 'auth.me', 'query');
    expect(after).toMatchObject({ ok: false, error: { data: { code: 'UNAUTHORIZED' } } });
    await again.core.stop();
  });
});
