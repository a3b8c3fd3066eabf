import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClock,
  seed,
  seedClient,
  signUpOwner,
  startTestServer,
  type TestServer,
} from '../../server/test/harness';
import type { BridgeResult } from '../src/ipc/contract';
import { DesktopCore } from '../src/core/core';
import { createMemoryTokenStore } from '../src/core/token-store';
import { startLoopbackProxy } from './loopback-proxy';

// The Painel's period filter on the desktop: the core answers ranged dashboard summaries from its replica,
// by the server's rules, online and offline. Each range is compared with the server's own answer.

// 2026-03-20 12:00 in São Paulo.
const clock = createClock(new Date('2026-03-20T15:00:00Z'));
let server: TestServer;
let proxy: Awaited<ReturnType<typeof startLoopbackProxy>>;
let dir: string;

beforeAll(async () => {
  server = await startTestServer({ clock });
  proxy = await startLoopbackProxy(() => new URL(server.url));
  dir = mkdtempSync(join(tmpdir(), 'picineiros-core-dashboard-'));
});
afterAll(async () => {
  await proxy.down();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function data(result: BridgeResult): unknown {
  if (!result.ok) throw new Error(`call failed: ${result.error.data.code} ${result.error.message}`);
  return result.data;
}

const RANGES = [
  {},
  { from: '2026-03-01', to: '2026-03-31' },
  { from: '2026-02-01', to: '2026-02-28' },
  { from: '2026-01-01', to: '2026-03-31' },
  { from: '2026-02-15', to: '2026-03-05' },
  { from: '2026-02-01' },
  { to: '2026-02-28' },
  { from: '2025-12-31', to: '2026-01-01' },
];

describe('dashboard periods on the desktop core', () => {
  it('answers every range from the replica with the server’s figures, online and offline', async () => {
    const owner = await signUpOwner(server);
    const { id: clientId } = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Clara Nunes' }));
    const visit = (date: string) =>
      owner.client.appointments.create.mutate({ clientId, date, startTime: '09:00', durationMinutes: 60 });
    for (const date of ['2026-01-05', '2026-02-10', '2026-02-27', '2026-03-02', '2026-03-25']) {
      await visit(date);
    }
    const cancelled = await visit('2026-03-03');
    await owner.client.appointments.setStatus.mutate({ id: cancelled.id, status: 'cancelled' });
    const entry = (amountCents: number, dueDate: string) =>
      owner.client.finance.create.mutate({ clientId, description: 'Mensalidade', amountCents, dueDate });
    await entry(10_000, '2026-01-10');
    await entry(20_000, '2026-02-10');
    await entry(40_000, '2026-03-30');
    for (const [amountCents, dueDate, paidAt] of [
      [1_000, '2026-01-05', '2026-01-06T12:00:00Z'],
      // 31 January at 23:30 in São Paulo is still January.
      [2_000, '2026-01-31', '2026-02-01T02:30:00Z'],
      [4_000, '2026-02-20', '2026-02-21T12:00:00Z'],
      [8_000, '2026-03-05', '2026-03-06T12:00:00Z'],
    ] as const) {
      const paid = await entry(amountCents, dueDate);
      await owner.client.finance.markPaid.mutate({ id: paid.id, method: 'pix', paidAt: new Date(paidAt) });
    }

    const core = new DesktopCore({
      serverUrl: proxy.url,
      dataDir: dir,
      tokenStore: createMemoryTokenStore(),
      syncIntervalMs: 0,
      clock,
    });
    data(
      await core.handle({
        path: 'auth.login',
        type: 'mutation',
        input: { email: owner.email, password: owner.password, client: 'web' },
      }),
    );
    await core.sync();
    const summary = (input: object) => core.handle({ path: 'dashboard.summary', type: 'query', input });
    const remote = [];
    for (const range of RANGES) {
      const expected = await owner.client.dashboard.summary.query(range);
      remote.push(expected);
      expect(data(await summary(range)), JSON.stringify(range)).toEqual(expected);
    }
    // The figures are not all alike (the comparison above would be weak if every range gave zeros).
    expect(remote[1]?.appointmentsByStatus).toEqual({ pending: 2, confirmed: 0, done: 0, cancelled: 1 });
    expect(remote[2]?.totals).toEqual({ pendingCents: 20_000, overdueCents: 20_000, paidCents: 4_000 });
    expect(remote[6]?.totals.paidCents).toBe(7_000);

    await proxy.down();
    try {
      for (const [index, range] of RANGES.entries()) {
        expect(data(await summary(range)), `offline ${JSON.stringify(range)}`).toEqual(remote[index]);
      }
      // What the server would refuse is not guessed locally: offline, it is the usual connection error.
      const refused = await summary({ from: '2026-03-10', to: '2026-03-01' });
      expect(refused.ok).toBe(false);
    } finally {
      await proxy.up();
    }
    const fieldError = await summary({ from: '2026-03-10', to: '2026-03-01' });
    expect(Object.keys((fieldError.ok ? null : fieldError.error.data.fieldErrors) ?? {})).toEqual(['to']);
    await core.stop();
  });
});
