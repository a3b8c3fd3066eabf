import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner, startTestServer, type SignedIn, type TestServer } from '../../server/test/harness';
import { DesktopCore } from '../src/core/core';
import type { ExportResult, SaveLocation } from '../src/core/report-export';
import { createMemoryTokenStore } from '../src/core/token-store';
import type { BridgeEvent, BridgeResult } from '../src/ipc/contract';
import { startLoopbackProxy } from './loopback-proxy';

// Offline export: the core writes the same report files as the server, from its replica, with the
// server out of reach.

let server: TestServer;
let proxy: Awaited<ReturnType<typeof startLoopbackProxy>>;
let owner: SignedIn;
let core: DesktopCore;
const events: BridgeEvent[] = [];
const directory = mkdtempSync(join(tmpdir(), 'picineiros-export-'));
/** The Save dialog's answers, in order (null = the user cancelled). */
const answers: (string | null)[] = [];
const asked: string[] = [];
const saveLocation: SaveLocation = {
  choose: (suggestedName) => {
    asked.push(suggestedName);
    return Promise.resolve(answers.length ? (answers.shift() ?? null) : join(directory, suggestedName));
  },
};

const TRICKY = 'Água Azul; "Condomínio"\nBloco B';
const LOGO = readFileSync(join(import.meta.dirname, '../../server/test/fixtures/logo.png'));

beforeAll(async () => {
  server = await startTestServer();
  proxy = await startLoopbackProxy(() => new URL(server.url));
  owner = await signUpOwner(server, { organizationName: 'Piscinas Offline' });
  await owner.client.organizations.setLogo.mutate({ logo: LOGO.toString('base64') });
  const names = [
    TRICKY,
    '=HYPERLINK("http://x")',
    'José da Conceição',
    ...Array.from({ length: 130 }, (_, i) => `Cliente ${String(i).padStart(3, '0')}`),
  ];
  for (const [index, name] of names.entries())
    await seed(index, name).catch((error: unknown) => {
      throw new Error(JSON.stringify((error as { data?: unknown }).data));
    });
  async function seed(index: number, name: string) {
    const client = await owner.client.clients.create.mutate({
      name,
      pools: [
        {
          type: index % 2 ? 'vinyl' : 'fiberglass',
          label: index === 0 ? 'Principal' : undefined,
          volumeLiters: 30_000 + index,
        },
      ],
    });
    if (index < 3) {
      const poolId = client.pools[0]?.id ?? null;
      const visit = await owner.client.appointments.create.mutate({
        clientId: client.id,
        poolId,
        date: `2026-03-1${index}`,
        startTime: '09:00',
        priceCents: 15_000 + index,
        notes: index === 0 ? 'Levar cloro; "extra"\r\nportão azul' : undefined,
      });
      if (index === 1)
        await owner.client.appointments.setStatus.mutate({ id: visit.id, status: 'cancelled' });
      await owner.client.finance.create.mutate({
        clientId: client.id,
        description: index === 0 ? '-desconto; "especial"' : `Mensalidade ${index}`,
        amountCents: index === 0 ? 1234 : 999_999_900 + index,
        dueDate: `2026-0${index + 1}-05`,
      });
    }
  }
  core = new DesktopCore({
    serverUrl: proxy.url,
    dataDir: mkdtempSync(join(tmpdir(), 'picineiros-core-')),
    tokenStore: createMemoryTokenStore(),
    syncIntervalMs: 0,
    saveLocation,
  });
  core.onEvent((event) => events.push(event));
  const login = await core.handle({
    path: 'auth.login',
    type: 'mutation',
    input: { email: owner.email, password: owner.password },
  });
  expect(login.ok).toBe(true);
  await core.sync();
});
afterAll(async () => {
  await core.stop();
  await proxy.down();
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

async function serverFile(path: string): Promise<Buffer> {
  const response = await fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${owner.accessToken}`, 'x-org-id': owner.orgId },
  });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

function resultOf(result: BridgeResult): ExportResult {
  if (!result.ok) throw new Error(`export failed: ${result.error.message}`);
  return result.data as ExportResult;
}

function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

describe('desktop export from the replica', () => {
  it('online first: a PDF with the logo and member names, both kept for later offline exports', async () => {
    const result = resultOf(await core.exportReport({ kind: 'appointments', extension: 'pdf' }));
    expect(result.rows).toBe(3);
    const text = pdfText(result.path);
    expect(text).toContain('Piscinas Offline');
    expect(text).toContain('Atendimentos');
    expect(text).toContain('Página 1 de 1');
    const images = execFileSync('pdfimages', ['-list', result.path], { encoding: 'utf8' });
    expect(images).toMatch(/image\s+300\s+120/);

    // The financial summary comes from the server (its aggregates), saved through the same dialog.
    const summary = resultOf(
      await core.exportReport({
        kind: 'finance-summary',
        extension: 'pdf',
        filters: { from: '2026-01-01', to: '2026-12-31' },
      }),
    );
    expect(summary.fileName).toMatch(/^resumo-financeiro-.*\.pdf$/);
    expect(pdfText(summary.path)).toContain('Resumo financeiro');

    // Archived clients are not in the replica: with "show archived", the file comes from the server.
    const [firstClient] = (await owner.client.clients.list.query({ search: 'Cliente 129' })).items;
    if (!firstClient) throw new Error('seed missing');
    await owner.client.clients.archive.mutate({ id: firstClient.id });
    const withArchived = resultOf(
      await core.exportReport({
        kind: 'clients',
        extension: 'csv',
        filters: { includeArchived: true, search: 'Cliente 129' },
      }),
    );
    expect(await readFile(withArchived.path, 'utf8')).toContain('Arquivado');
    await owner.client.clients.restore.mutate({ id: firstClient.id });
    await core.sync();
  });

  it('with the server out of reach, writes CSVs byte-identical to the server’s for the same data', async () => {
    const expected = {
      clients: await serverFile('/reports/clients.csv'),
      clientsRfc: await serverFile('/reports/clients.csv?format=rfc4180&poolType=vinyl'),
      appointments: await serverFile('/reports/appointments.csv'),
      finance: await serverFile('/reports/finance.csv?status=pending'),
    };
    await proxy.down();
    try {
      events.length = 0;
      const clients = resultOf(await core.exportReport({ kind: 'clients', extension: 'csv' }));
      expect(core.isOnline()).toBe(false);
      expect(clients.rows).toBe(133);
      expect(await readFile(clients.path)).toEqual(expected.clients);
      // Progress went from 0 to the total.
      const progress = events.flatMap((event) => (event.type === 'export-progress' ? [event] : []));
      expect(progress[0]).toEqual({ type: 'export-progress', written: 0, total: 133 });
      expect(progress.at(-1)).toEqual({ type: 'export-progress', written: 133, total: 133 });

      answers.push(join(directory, 'clientes-vinil.csv'));
      const vinyl = resultOf(
        await core.exportReport({
          kind: 'clients',
          extension: 'csv',
          dialect: 'rfc4180',
          filters: { poolType: 'vinyl' },
        }),
      );
      expect(await readFile(vinyl.path)).toEqual(expected.clientsRfc);

      const appointments = resultOf(await core.exportReport({ kind: 'appointments', extension: 'csv' }));
      expect(await readFile(appointments.path)).toEqual(expected.appointments);
      const finance = resultOf(
        await core.exportReport({ kind: 'finance', extension: 'csv', filters: { status: 'pending' } }),
      );
      expect(await readFile(finance.path)).toEqual(expected.finance);
      // The formula guard is in the shared module, so the offline file has it too.
      expect((await readFile(clients.path, 'utf8')).includes(`'=HYPERLINK`)).toBe(true);
    } finally {
      await proxy.up();
    }
  });

  it('offline PDF: pdftotext finds the rows and the totals; a cancelled dialog writes nothing; bad filters are field errors', async () => {
    await proxy.down();
    try {
      const pdf = resultOf(await core.exportReport({ kind: 'finance', extension: 'pdf' }));
      const text = pdfText(pdf.path);
      expect(text).toContain('Lançamentos financeiros');
      expect(text).toContain('José da Conceição');
      expect(text).toContain('-desconto; "especial"');
      expect(text).toContain('R$ 9.999.999,01');
      expect(text).toMatch(/Total \(3 linhas\)\s+R\$\s+20\.000\.010,37/);
      expect(text).toContain('Página 1 de 1');
      // The logo cached while online is still on the header.
      expect(execFileSync('pdfimages', ['-list', pdf.path], { encoding: 'utf8' })).toMatch(
        /image\s+300\s+120/,
      );

      const clientsPdf = resultOf(await core.exportReport({ kind: 'clients', extension: 'pdf' }));
      const clientsText = pdfText(clientsPdf.path);
      expect(clientsText).toContain('Cliente 129');
      expect(clientsText).toMatch(/Página 1 de [2-9]/);

      const summary = await core.exportReport({ kind: 'finance-summary', extension: 'csv' });
      expect(summary.ok ? null : summary.error.data.code).toBe('SERVICE_UNAVAILABLE');
      const archived = await core.exportReport({
        kind: 'clients',
        extension: 'csv',
        filters: { includeArchived: true },
      });
      expect(archived.ok ? null : archived.error.data.code).toBe('SERVICE_UNAVAILABLE');

      answers.push(null);
      const before = asked.length;
      const cancelled = await core.exportReport({ kind: 'clients', extension: 'csv' });
      expect(cancelled).toEqual({ ok: true, data: null });
      expect(asked.length).toBe(before + 1);

      const bad = await core.exportReport({
        kind: 'finance',
        extension: 'csv',
        filters: { from: '2026-13-40' },
      });
      expect(bad.ok).toBe(false);
      if (!bad.ok) {
        expect(bad.error.data.code).toBe('BAD_REQUEST');
        expect(Object.keys(bad.error.data.fieldErrors ?? {})).toEqual(['from']);
      }
      // Nothing half-written is left behind.
      expect(readdirSync(directory).filter((name) => name.endsWith('.part'))).toEqual([]);
    } finally {
      await proxy.up();
    }
  });
});
