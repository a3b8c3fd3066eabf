import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientSearchColumns } from '@picineiros/api/client';
import { hashPassword } from '@picineiros/api/server';
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClock,
  signInExisting,
  startTestServer,
  type SignedIn,
  type TestServer,
} from '../../server/test/harness';
import { DesktopCore } from '../src/core/core';
import { LOCAL_READ_PATHS, type LocalReadPath } from '../src/core/local-reads';
import { createMemoryTokenStore } from '../src/core/token-store';
import { startLoopbackProxy } from './loopback-proxy';

// Every read the desktop core answers from its replica must answer what the server answers: the same items,
// in the same order, with the same fields and page arithmetic. The core reads here with the server out of
// reach (the proxy is down), so each answer is the replica's own; the server is asked directly.

// 2026-06-15 12:00 in São Paulo: the demo's visits and receivables lie around it.
const clock = createClock(new Date('2026-06-15T15:00:00Z'));
let server: TestServer;
let proxy: Awaited<ReturnType<typeof startLoopbackProxy>>;
let demo: SignedIn;
let core: DesktopCore;
let dir: string;
const edge = { accentClientId: '', archivedClientId: '', lateVisitId: '' };

/** Each procedure the core answers locally (local-reads.ts), asked of the server. */
const serverReads: Record<LocalReadPath, (input: unknown) => Promise<unknown>> = {
  'clients.list': (input: unknown) => demo.client.clients.list.query(input as never),
  'clients.get': (input: unknown) => demo.client.clients.get.query(input as never),
  'appointments.list': (input: unknown) => demo.client.appointments.list.query(input as never),
  'appointments.get': (input: unknown) => demo.client.appointments.get.query(input as never),
  'appointments.overlaps': (input: unknown) => demo.client.appointments.overlaps.query(input as never),
  'finance.list': (input: unknown) => demo.client.finance.list.query(input as never),
  'finance.get': (input: unknown) => demo.client.finance.get.query(input as never),
  'dashboard.summary': (input: unknown) => demo.client.dashboard.summary.query(input as never),
};

async function expectParity(path: LocalReadPath, input: unknown): Promise<unknown> {
  const expected = await serverReads[path](input);
  const local = await core.handle({ path, type: 'query', input });
  expect(local, `${path} ${JSON.stringify(input)}`).toStrictEqual({ ok: true, data: expected });
  return expected;
}

/** Walks a keyset list page by page, each page compared; answers how many pages there were. */
async function expectParityOfEveryPage(path: 'appointments.list' | 'finance.list', limit: number) {
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = (await expectParity(path, { limit, ...(cursor ? { cursor } : {}) })) as {
      nextCursor: string | null;
    };
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor);
  return pages;
}

beforeAll(async () => {
  server = await startTestServer({ clock });
  await seedDemo(server.database.fork(), { hashPassword, clientSearchColumns, now: clock });
  demo = await signInExisting(server, { email: DEMO_EMAIL, password: DEMO_PASSWORD });
  const api = demo.client;

  // Edge rows beside the demo's: accents, archived rows, payments and visits at the local day's edges.
  const accent = await api.clients.create.mutate({
    name: 'Conceição Aragão Évora',
    email: 'conceicao@example.com',
    pools: [{ type: 'fiberglass' }, { type: 'vinyl', label: 'Infantil' }],
  });
  edge.accentClientId = accent.id;
  const archived = await api.clients.create.mutate({ name: 'Íris Archivada', pools: [{ type: 'masonry' }] });
  edge.archivedClientId = archived.id;
  const entry = (clientId: string, description: string, amountCents: number, dueDate: string) =>
    api.finance.create.mutate({ clientId, description, amountCents, dueDate });
  // Paid at 23:30 on 31 May in São Paulo (02:30 UTC on 1 June): May's revenue, not June's.
  const lastOfMay = await entry(accent.id, 'Manutenção de maio', 12_345, '2026-05-31');
  await api.finance.markPaid.mutate({
    id: lastOfMay.id,
    method: 'pix',
    paidAt: new Date('2026-06-01T02:30:00Z'),
  });
  const firstOfJune = await entry(accent.id, 'Produtos químicos', 6_789, '2026-06-01');
  await api.finance.markPaid.mutate({
    id: firstOfJune.id,
    method: 'cash',
    paidAt: new Date('2026-06-01T03:10:00Z'),
  });
  await entry(accent.id, 'Troca de areia do filtro', 45_000, '2026-06-14');
  await entry(accent.id, 'Aquecimento', 9_900, '2026-06-15');
  const ofArchived = await entry(archived.id, 'Limpeza pesada', 30_000, '2026-06-10');
  const archivedEntry = await entry(accent.id, 'Lançamento arquivado', 1_000, '2026-06-12');
  await api.finance.archive.mutate({ id: archivedEntry.id });
  const visit = (clientId: string, date: string, startTime: string, durationMinutes = 60) =>
    api.appointments.create.mutate({ clientId, date, startTime, durationMinutes });
  edge.lateVisitId = (await visit(accent.id, '2026-06-15', '23:30', 90)).id;
  await visit(accent.id, '2026-06-16', '00:30');
  const billable = await visit(accent.id, '2026-06-12', '08:00');
  await api.appointments.update.mutate({ id: billable.id, priceCents: 25_000 });
  await api.appointments.setStatus.mutate({ id: billable.id, status: 'done' });
  const archivedVisit = await visit(accent.id, '2026-06-13', '10:00');
  await api.appointments.archive.mutate({ id: archivedVisit.id });
  await visit(archived.id, '2026-06-17', '14:00');
  await api.clients.archive.mutate({ id: archived.id });
  expect(ofArchived.clientName).toBe('Íris Archivada');

  proxy = await startLoopbackProxy(() => new URL(server.url));
  dir = mkdtempSync(join(tmpdir(), 'picineiros-parity-'));
  core = new DesktopCore({
    serverUrl: proxy.url,
    dataDir: dir,
    tokenStore: createMemoryTokenStore(),
    syncIntervalMs: 0,
    clock,
  });
  const login = await core.handle({
    path: 'auth.login',
    type: 'mutation',
    input: { email: DEMO_EMAIL, password: DEMO_PASSWORD },
  });
  expect(login.ok).toBe(true);
  await core.sync();
  // From here on every answer of the core is its replica's.
  await proxy.down();
});

afterAll(async () => {
  await core.stop();
  await proxy.down();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`replica parity on ${process.env['TEST_DIALECT']}`, () => {
  it('covers every read the core answers locally', () => {
    expect(Object.keys(serverReads).sort()).toEqual([...LOCAL_READ_PATHS].sort());
  });

  it('clients.list: sorts, filters, accents, pages to the last and past it, and an empty list', async () => {
    const inputs: unknown[] = [
      undefined,
      {},
      { sort: 'name', direction: 'desc' },
      { sort: 'createdAt' },
      { sort: 'createdAt', direction: 'asc', pageSize: 7, page: 2 },
      { active: true },
      { active: false },
      { poolType: 'vinyl' },
      { search: 'conceição' },
      { search: 'CONCEICAO evora' },
      { search: 'Íris' },
      { search: 'joão' },
      { search: 'nenhum cliente com este nome' },
      { search: 'nenhum cliente com este nome', page: 3 },
    ];
    for (const input of inputs) await expectParity('clients.list', input);
    const first = (await expectParity('clients.list', { pageSize: 7 })) as { pageCount: number };
    expect(first.pageCount).toBeGreaterThan(2);
    await expectParity('clients.list', { pageSize: 7, page: first.pageCount });
    await expectParity('clients.list', { pageSize: 7, page: first.pageCount + 1 });
    await expectParity('clients.list', { pageSize: 100 });
  });

  it('clients.get: every client not archived', async () => {
    const all = await demo.client.clients.list.query({ pageSize: 100 });
    expect(all.items.length).toBeGreaterThan(30);
    for (const client of all.items) await expectParity('clients.get', { id: client.id });
  });

  it('appointments.list: ranges at the local day’s edges, filters, billable, every page of a walk', async () => {
    const visits = await demo.client.appointments.list.query({ limit: 500 });
    const member = visits.items.find((visit) => visit.assigneeId)?.assigneeId;
    expect(member).toBeTypeOf('string');
    const inputs: unknown[] = [
      {},
      { from: '2026-06-15', to: '2026-06-15' },
      { from: '2026-06-16', to: '2026-06-16' },
      { from: '2026-06-01', to: '2026-06-30', status: ['pending', 'confirmed'] },
      { status: ['cancelled'] },
      { clientId: edge.accentClientId },
      { clientId: edge.archivedClientId },
      { assigneeId: member },
      { billable: true },
      { from: '2030-01-01' },
    ];
    for (const input of inputs) await expectParity('appointments.list', input);
    expect(await expectParityOfEveryPage('appointments.list', 37)).toBeGreaterThan(2);
  });

  it('appointments.get and overlaps: every visit, and slots across midnight', async () => {
    const all = await demo.client.appointments.list.query({ limit: 500 });
    for (const visit of all.items) await expectParity('appointments.get', { id: visit.id });
    const slot = { clientId: edge.accentClientId, startTime: '23:00', durationMinutes: 120 };
    await expectParity('appointments.overlaps', { ...slot, date: '2026-06-15' });
    await expectParity('appointments.overlaps', { ...slot, date: '2026-06-15', excludeId: edge.lateVisitId });
    await expectParity('appointments.overlaps', { ...slot, date: '2026-06-16', startTime: '00:00' });
    for (const visit of all.items.slice(0, 40)) {
      await expectParity('appointments.overlaps', {
        clientId: visit.clientId,
        assigneeId: visit.assigneeId,
        date: visit.date,
        startTime: visit.startTime,
      });
    }
  });

  it('finance.list: status, overdue on today’s edge, due ranges, accents, archived clients, every page', async () => {
    const inputs: unknown[] = [
      {},
      { status: 'pending' },
      { status: 'paid' },
      { overdue: true },
      { overdue: false },
      { from: '2026-05-31', to: '2026-05-31' },
      { from: '2026-06-01', to: '2026-06-15' },
      { search: 'manutencao' },
      { search: 'CONCEIÇÃO areia' },
      { search: 'íris' },
      { clientId: edge.archivedClientId },
      { search: 'nada assim' },
    ];
    for (const input of inputs) await expectParity('finance.list', input);
    expect(await expectParityOfEveryPage('finance.list', 25)).toBeGreaterThan(2);
  });

  it('finance.get: every entry not archived', async () => {
    const all = await demo.client.finance.list.query({ limit: 500 });
    for (const entry of all.items) await expectParity('finance.get', { id: entry.id });
  });

  it('dashboard.summary: the current month, ranges on month edges in the time zone, and empty months', async () => {
    const inputs: unknown[] = [
      undefined,
      {},
      { from: '2026-05-31', to: '2026-05-31' },
      { from: '2026-06-01', to: '2026-06-01' },
      { from: '2026-04-01', to: '2026-06-30' },
      { from: '2026-06-10' },
      { to: '2026-05-31' },
      { from: '2025-01-01', to: '2025-06-30' },
      { from: '2027-01-15' },
    ];
    const answers = [];
    for (const input of inputs) answers.push(await expectParity('dashboard.summary', input));
    const empty = answers[7] as { monthlyRevenue: { paidCents: number }[] };
    expect(empty.monthlyRevenue).toHaveLength(6);
    expect(empty.monthlyRevenue.every((month) => month.paidCents === 0)).toBe(true);
  });
});
