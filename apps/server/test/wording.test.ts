import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  APPOINTMENT_STATUS_LABELS,
  FINANCE_OVERDUE_LABEL,
  FINANCE_STATUS_LABELS,
  POOL_HEATED_LABEL,
  POOL_LOCATION_LABELS,
} from '@picineiros/api/client';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock, signUpOwner, startTestServer, type SignedIn, type TestServer } from './harness';

// One wording everywhere: the files say what the screens say (both take shared/labels.ts), the visits'
// total leaves cancelled ones out, and the financial summary's month rows are exactly its heading's period.

// 2026-03-20 12:00 in São Paulo.
const clock = createClock(new Date('2026-03-20T15:00:00Z'));
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(async () => {
  await server.close();
});

async function download(path: string, member: SignedIn): Promise<Buffer> {
  const response = await fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${member.accessToken}`, 'x-org-id': member.orgId },
  });
  expect(response.status, path).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

const csv = (bytes: Buffer): string[][] => parse(bytes, { delimiter: ';', bom: true });

function pdfText(bytes: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'wording-')), 'report.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** A client with an outdoor and a heated indoor pool, a visit in each status and three kinds of entry. */
async function seedDay(owner: SignedIn) {
  const client = await owner.client.clients.create.mutate({
    name: 'Helena Duarte',
    pools: [
      { type: 'vinyl', label: 'Jardim', location: 'outdoor' },
      { type: 'masonry', label: 'Spa', location: 'indoor', heated: true },
    ],
  });
  const visit = (date: string, priceCents: number) =>
    owner.client.appointments.create.mutate({ clientId: client.id, date, startTime: '09:00', priceCents });
  await visit('2026-03-02', 10_000);
  const confirmed = await visit('2026-03-03', 20_000);
  await owner.client.appointments.setStatus.mutate({ id: confirmed.id, status: 'confirmed' });
  const done = await visit('2026-03-04', 30_000);
  await owner.client.appointments.setStatus.mutate({ id: done.id, status: 'confirmed' });
  await owner.client.appointments.setStatus.mutate({ id: done.id, status: 'done' });
  const cancelled = await visit('2026-03-05', 50_000);
  await owner.client.appointments.setStatus.mutate({ id: cancelled.id, status: 'cancelled' });

  const entry = (description: string, amountCents: number, dueDate: string) =>
    owner.client.finance.create.mutate({ clientId: client.id, description, amountCents, dueDate });
  await entry('Vencida', 7_000, '2026-03-10');
  await entry('A vencer', 8_000, '2026-03-30');
  const paid = async (amountCents: number, dueDate: string, paidAt: string) => {
    const created = await entry(`Paga em ${paidAt.slice(0, 7)}`, amountCents, dueDate);
    await owner.client.finance.markPaid.mutate({ id: created.id, method: 'pix', paidAt: new Date(paidAt) });
  };
  await paid(1_000, '2025-06-10', '2025-06-12T12:00:00Z');
  await paid(2_000, '2026-01-10', '2026-01-12T12:00:00Z');
  await paid(4_000, '2026-03-01', '2026-03-02T12:00:00Z');
  return client;
}

describe('one wording in every file', () => {
  let owner: SignedIn;
  beforeAll(async () => {
    owner = await signUpOwner(server, { organizationName: 'Piscinas Clara' });
    await seedDay(owner);
  });

  it('says the screens’ words for statuses and pools, in the CSV and in the PDF', async () => {
    const visits = csv(await download('/reports/appointments.csv', owner));
    const status = visits[0]?.indexOf('Situação') ?? -1;
    expect(visits.slice(1).map((row) => row[status])).toEqual([
      APPOINTMENT_STATUS_LABELS.pending,
      APPOINTMENT_STATUS_LABELS.confirmed,
      APPOINTMENT_STATUS_LABELS.done,
      APPOINTMENT_STATUS_LABELS.cancelled,
    ]);
    expect(APPOINTMENT_STATUS_LABELS.done).toBe('Concluído');

    const entries = csv(await download('/reports/finance.csv', owner));
    const situation = entries[0]?.indexOf('Situação') ?? -1;
    expect(new Set(entries.slice(1).map((row) => row[situation]))).toEqual(
      new Set([FINANCE_OVERDUE_LABEL, FINANCE_STATUS_LABELS.pending, FINANCE_STATUS_LABELS.paid]),
    );
    expect(FINANCE_OVERDUE_LABEL).toBe('Em atraso');

    const clients = csv(await download('/reports/clients.csv', owner));
    expect(clients[1]?.[7]).toBe(
      `Jardim, Vinil, ${POOL_LOCATION_LABELS.outdoor}\nSpa, Alvenaria/azulejo, ${POOL_LOCATION_LABELS.indoor}, ${POOL_HEATED_LABEL}`,
    );
    expect(POOL_LOCATION_LABELS.outdoor).toBe('Externa');

    const everything = [
      pdfText(await download('/reports/appointments.pdf', owner)),
      pdfText(await download('/reports/finance.pdf?overdue=true', owner)),
      pdfText(await download('/reports/clients.pdf', owner)),
      pdfText(await download('/reports/finance-summary.pdf', owner)),
    ].join('\n');
    for (const word of ['Concluído', 'Cancelado', 'Em atraso: Sim', 'Externa', 'Coberta', 'Aquecida']) {
      expect(everything).toContain(word);
    }
    for (const old of ['Realizado', 'Vencido', 'escoberta', 'registro(s)', 'jul.', 'mar.']) {
      expect(everything).not.toContain(old);
    }
  });

  it('totals the visits without the cancelled ones, and says so', async () => {
    const text = pdfText(await download('/reports/appointments.pdf', owner));
    // 100 + 200 + 300; the cancelled R$ 500,00 is listed but not counted.
    expect(text).toMatch(/Total sem cancelados \(3 atendimentos\)\s+R\$\s600,00/);
    expect(text).toMatch(/R\$\s500,00/);
    expect(text).not.toMatch(/R\$\s1\.100,00/);
    const one = pdfText(await download('/reports/appointments.pdf?status=done', owner));
    expect(one).toMatch(/Total sem cancelados \(1 atendimento\)\s+R\$\s300,00/);
  });

  it('lists, in the financial summary, the months of the period its heading states', async () => {
    // No filter: the current month, in the heading and in the rows (the dashboard's series is 6 months).
    const current = csv(await download('/reports/finance-summary.csv', owner));
    expect(current.filter((row) => row[0] === 'Recebido por mês')).toEqual([
      ['Recebido por mês', 'mar/2026', '40,00'],
    ]);
    const currentPdf = pdfText(await download('/reports/finance-summary.pdf', owner));
    expect(currentPdf).toContain('Período: 01/03/2026 a 31/03/2026');
    expect(currentPdf).toMatch(/Total recebido no período\s+R\$\s40,00/);

    // Open at the start: the 6 months of the series, and what was paid before them on a row of its own, so
    // the rows add up to the total.
    const until = csv(await download('/reports/finance-summary.csv?to=2026-02-28', owner));
    const months = until.filter((row) => row[0] === 'Recebido por mês');
    expect(months).toEqual([
      ['Recebido por mês', 'Antes de set/2025', '10,00'],
      ['Recebido por mês', 'set/2025', '0,00'],
      ['Recebido por mês', 'out/2025', '0,00'],
      ['Recebido por mês', 'nov/2025', '0,00'],
      ['Recebido por mês', 'dez/2025', '0,00'],
      ['Recebido por mês', 'jan/2026', '20,00'],
      ['Recebido por mês', 'fev/2026', '0,00'],
    ]);
    const untilPdf = pdfText(await download('/reports/finance-summary.pdf?to=2026-02-28', owner));
    expect(untilPdf).toContain('Período: até 28/02/2026');
    expect(untilPdf).toMatch(/Total recebido no período\s+R\$\s30,00/);

    const range = csv(await download('/reports/finance-summary.csv?from=2026-01-15&to=2026-03-31', owner));
    expect(range.filter((row) => row[0] === 'Recebido por mês').map((row) => row[1])).toEqual([
      'jan/2026',
      'fev/2026',
      'mar/2026',
    ]);
  });
});
