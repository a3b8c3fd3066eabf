import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createClock,
  seed,
  seedClient,
  seedFinanceEntry,
  signUpOwner,
  startTestServer,
  type SignedIn,
  type TestServer,
} from './harness';

let server: TestServer;
// 2026-03-10 02:55 UTC is still 2026-03-09 (23:55) in São Paulo.
const clock = createClock(new Date('2026-03-10T02:55:00Z'));
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(async () => {
  await server.close();
});

type Download = { status: number; headers: Headers; bytes: Buffer };

async function download(path: string, member?: Pick<SignedIn, 'accessToken' | 'orgId'>): Promise<Download> {
  const headers: Record<string, string> = {};
  if (member) {
    headers['authorization'] = `Bearer ${member.accessToken}`;
    headers['x-org-id'] = member.orgId;
  }
  const response = await fetch(`${server.url}${path}`, { headers });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

function readCsv(bytes: Buffer, delimiter = ';'): string[][] {
  const records: string[][] = parse(bytes, { delimiter, bom: true, relax_column_count: false });
  return records;
}

function pdfText(bytes: Buffer): string {
  const directory = mkdtempSync(join(tmpdir(), 'report-'));
  const file = join(directory, 'report.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const TRICKY_NAME = 'Água Azul; "Condomínio"\nBloco B';
const TRICKY_DESCRIPTION = 'Manutenção; cloro "extra"\r\nsegunda linha, com vírgula';

/** An organization with two clients and four entries, one of each kind of awkward text and amount. */
async function seedFinance(owner: SignedIn) {
  const tricky = await seed(server, (em) => seedClient(em, owner.orgId, { name: TRICKY_NAME }));
  const plain = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'José da Conceição' }));
  const create = (clientId: string, description: string, amountCents: number, dueDate: string) =>
    owner.client.finance.create.mutate({ clientId, description, amountCents, dueDate });
  const large = await create(tricky.id, TRICKY_DESCRIPTION, 1_000_000_000, '2026-03-01');
  await create(plain.id, 'Mensalidade março', 12_345, '2026-03-09');
  const paid = await create(plain.id, 'Troca de areia do filtro', 5, '2026-02-15');
  await owner.client.finance.markPaid.mutate({
    id: paid.id,
    method: 'pix',
    paidAt: new Date('2026-02-20T15:00:00Z'),
  });
  await create(tricky.id, 'Visita extra', 99_999, '2026-04-10');
  return { tricky, plain, large };
}

describe('report downloads', () => {
  it('finance CSV (pt-BR Excel dialect) reads back, through a real CSV parser, as the entries', async () => {
    const owner = await signUpOwner(server);
    await seedFinance(owner);
    const response = await download('/reports/finance.csv', owner);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="lancamentos-2026-03-09.csv"',
    );
    expect([...response.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readCsv(response.bytes)).toEqual([
      ['Vencimento', 'Cliente', 'Descrição', 'Situação', 'Pago em', 'Forma', 'Valor'],
      ['15/02/2026', 'José da Conceição', 'Troca de areia do filtro', 'Pago', '20/02/2026', 'PIX', '0,05'],
      ['01/03/2026', TRICKY_NAME, TRICKY_DESCRIPTION, 'Em atraso', '', '', '10000000,00'],
      ['09/03/2026', 'José da Conceição', 'Mensalidade março', 'Pendente', '', '', '123,45'],
      ['10/04/2026', TRICKY_NAME, 'Visita extra', 'Pendente', '', '', '999,99'],
    ]);

    const rfc = await download('/reports/finance.csv?format=rfc4180&status=pending&from=2026-03-01', owner);
    expect(rfc.status).toBe(200);
    expect(rfc.bytes[0]).not.toBe(0xef);
    expect(readCsv(rfc.bytes, ',')).toEqual([
      ['Vencimento', 'Cliente', 'Descrição', 'Situação', 'Pago em', 'Forma', 'Valor'],
      ['01/03/2026', TRICKY_NAME, TRICKY_DESCRIPTION, 'Em atraso', '', '', '10000000.00'],
      ['09/03/2026', 'José da Conceição', 'Mensalidade março', 'Pendente', '', '', '123.45'],
      ['10/04/2026', TRICKY_NAME, 'Visita extra', 'Pendente', '', '', '999.99'],
    ]);
  });

  it('streams a long finance report page by page, in order, as CSV and as a multi-page PDF', async () => {
    const owner = await signUpOwner(server);
    const count = 1_234;
    await seed(server, (em) => {
      const client = seedClient(em, owner.orgId, { name: 'Condomínio Solar das Águas' });
      for (let index = 0; index < count; index += 1) {
        seedFinanceEntry(em, client, {
          description: `Manutenção nº ${index + 1}`,
          amountCents: 10_000 + index,
          dueDate: `2026-0${1 + (index % 3)}-${String(1 + (index % 28)).padStart(2, '0')}`,
        });
      }
    });
    const expectedTotal = Array.from({ length: count }, (_, index) => 10_000 + index).reduce((a, b) => a + b);

    const csv = readCsv((await download('/reports/finance.csv', owner)).bytes);
    expect(csv).toHaveLength(count + 1);
    const dueDates = csv.slice(1).map((row) => row[0]?.split('/').reverse().join('-') ?? '');
    expect(dueDates).toEqual([...dueDates].sort());
    const sum = csv.slice(1).reduce((total, row) => total + Number((row[6] ?? '').replace(',', '')), 0);
    expect(sum).toBe(expectedTotal);

    const pdf = await download('/reports/finance.pdf?from=2026-01-01&to=2026-12-31', owner);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(pdf.bytes);
    const pages = Number(/Página 1 de (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(10);
    expect(text).toContain(`Página ${pages} de ${pages}`);
    expect(text).toContain('Lançamentos financeiros');
    expect(text).toContain('Vencimento: 01/01/2026 a 31/12/2026');
    expect(text).toContain('Manutenção nº 1234');
    expect(text).toContain('Condomínio Solar das Águas');
    expect(text).toContain('Total (1.234 linhas)');
    const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });
    expect(text.replaceAll('\u00a0', ' ')).toContain(
      brl.format(expectedTotal / 100).replaceAll('\u00a0', ' '),
    );
    // Kept for a look (pdftoppm) after the run.
    writeFileSync(join(tmpdir(), `report-finance-${server.dialect}.pdf`), pdf.bytes);
  });

  it('clients (with pools), appointments and the financial summary as CSV and PDF', async () => {
    const owner = await signUpOwner(server, { organizationName: 'Piscinas São João' });
    const created = await owner.client.clients.create.mutate({
      name: 'Ana; "Piscinas"',
      phone: '11987654321',
      address: { street: 'Rua das Flores', number: '10', city: 'São Paulo', uf: 'SP' },
      pools: [
        { type: 'vinyl', volumeLiters: 30_000, label: 'Principal', heated: true },
        { type: 'fiberglass', volumeLiters: 5_000 },
      ],
    });
    await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Bruno Inativo', active: false }));
    const clients = readCsv((await download('/reports/clients.csv?active=true', owner)).bytes);
    expect(clients).toEqual([
      [
        'Nome',
        'CPF/CNPJ',
        'Telefone',
        'E-mail',
        'Endereço',
        'Cidade/UF',
        'Situação',
        'Piscinas',
        'Qtd. piscinas',
        'Volume total (L)',
      ],
      [
        'Ana; "Piscinas"',
        '',
        '(11) 98765-4321',
        '',
        'Rua das Flores, 10',
        'São Paulo/SP',
        'Ativo',
        'Principal, Vinil, 30.000 L, Externa, Aquecida\nFibra, 5.000 L, Externa',
        '2',
        '35000',
      ],
    ]);
    const clientsPdf = pdfText((await download('/reports/clients.pdf', owner)).bytes);
    expect(clientsPdf).toContain('Piscinas São João');
    expect(clientsPdf).toContain('Clientes e piscinas');
    expect(clientsPdf).toContain('Bruno Inativo');
    expect(clientsPdf).toContain('Total (2 linhas)');
    expect(clientsPdf).toContain('Página 1 de 1');

    const visit = await owner.client.appointments.create.mutate({
      clientId: created.id,
      poolId: created.pools[0]?.id ?? null,
      date: '2026-03-12',
      startTime: '08:30',
      priceCents: 25_000,
      notes: 'Levar "cloro"; portão azul',
    });
    await owner.client.appointments.create.mutate({
      clientId: created.id,
      date: '2026-03-13',
      startTime: '14:00',
    });
    const appointments = readCsv(
      (await download(`/reports/appointments.csv?status=pending,confirmed&clientId=${created.id}`, owner))
        .bytes,
    );
    expect(appointments.map((row) => row.slice(0, 8))).toEqual([
      ['Data', 'Início', 'Duração (min)', 'Cliente', 'Piscina', 'Responsável', 'Situação', 'Valor'],
      [
        '12/03/2026',
        '08:30',
        String(visit.durationMinutes),
        'Ana; "Piscinas"',
        'Principal',
        'Todos',
        'Pendente',
        '250,00',
      ],
      ['13/03/2026', '14:00', String(visit.durationMinutes), 'Ana; "Piscinas"', '', 'Todos', 'Pendente', ''],
    ]);
    expect(appointments[1]?.[8]).toBe('Levar "cloro"; portão azul');
    const appointmentsPdf = pdfText(
      (await download('/reports/appointments.pdf?status=pending', owner)).bytes,
    );
    expect(appointmentsPdf).toContain('Situação: Pendente');
    expect(appointmentsPdf).toMatch(/R\$\s250,00/);

    const other = await owner.client.clients.create.mutate({
      name: 'Carla Souza',
      pools: [{ type: 'masonry' }],
    });
    const entry = (clientId: string, amountCents: number, dueDate: string) =>
      owner.client.finance.create.mutate({ clientId, description: 'Mensalidade', amountCents, dueDate });
    const paidA = await entry(created.id, 10_000, '2026-02-01');
    const paidB = await entry(other.id, 20_000, '2026-02-01');
    await entry(other.id, 7_000, '2026-03-01');
    await entry(created.id, 3_000, '2026-04-01');
    await owner.client.finance.markPaid.mutate({
      id: paidA.id,
      method: 'cash',
      paidAt: new Date('2026-02-10T12:00:00Z'),
    });
    await owner.client.finance.markPaid.mutate({
      id: paidB.id,
      method: 'pix',
      paidAt: new Date('2026-03-05T12:00:00Z'),
    });
    const summary = readCsv(
      (await download('/reports/finance-summary.csv?from=2026-01-01&to=2026-03-31', owner)).bytes,
    );
    expect(summary).toEqual([
      ['Seção', 'Referência', 'Valor'],
      ['Recebido por mês', 'jan/2026', '0,00'],
      ['Recebido por mês', 'fev/2026', '100,00'],
      ['Recebido por mês', 'mar/2026', '200,00'],
      ['Recebido por cliente', 'Carla Souza', '200,00'],
      ['Recebido por cliente', 'Ana; "Piscinas"', '100,00'],
      ['Em aberto', 'Pendente (inclui em atraso)', '70,00'],
      ['Em aberto', 'Em atraso', '70,00'],
    ]);
    const summaryPdf = pdfText(
      (await download('/reports/finance-summary.pdf?from=2026-01-01&to=2026-03-31', owner)).bytes,
    );
    expect(summaryPdf).toContain('Resumo financeiro');
    expect(summaryPdf).toContain('Período: 01/01/2026 a 31/03/2026');
    expect(summaryPdf).toMatch(/Total recebido no período\s+R\$\s300,00/);
  });

  it('answers bad filters with 400 and a pt-BR message, never a 500', async () => {
    const owner = await signUpOwner(server);
    const cases: [path: string, field: string, message: RegExp][] = [
      ['/reports/finance.csv?from=2026-13-01', 'from', /data válida/],
      ['/reports/finance.pdf?from=2026-03-10&to=2026-03-01', 'to', /data final/],
      ['/reports/finance.csv?status=late', 'status', /Situação inválida/],
      ['/reports/finance.csv?overdue=talvez', 'overdue', /./],
      ['/reports/finance.csv?clientId=abc', 'clientId', /Cliente inválido/],
      ['/reports/finance.csv?limit=5', 'limit', /Filtro desconhecido/],
      ['/reports/finance.csv?format=xlsx', 'format', /Formato inválido/],
      ['/reports/appointments.csv?status=pending,feito', 'status.1', /./],
      ['/reports/clients.pdf?poolType=piscinao', 'poolType', /tipo da piscina/],
      ['/reports/finance-summary.csv?from=2020-01-01&to=2026-01-01', 'to', /dois anos/],
      ['/reports/finance.csv?status=paid&status=pending', 'status', /uma vez/],
    ];
    for (const [path, field, message] of cases) {
      const response = await download(path, owner);
      expect(response.status, path).toBe(400);
      const body = JSON.parse(response.bytes.toString('utf8')) as {
        error: string;
        fieldErrors: Record<string, string>;
      };
      expect(body.error, path).toMatch(/^Filtros inválidos: /);
      expect(body.fieldErrors[field], path).toMatch(message);
    }
    expect((await download('/reports/payroll.csv', owner)).status).toBe(404);
    expect((await download('/reports/finance.xlsx', owner)).status).toBe(404);
  });

  it('follows the API rules: signed-in members only, and only their organization’s rows', async () => {
    const owner = await signUpOwner(server);
    const { tricky } = await seedFinance(owner);
    const staff = await addMember(server, owner.orgId, 'staff');
    const stranger = await signUpOwner(server);
    await seed(server, (em) => seedClient(em, stranger.orgId, { name: 'Cliente do Vizinho' }));

    expect((await download('/reports/finance.csv')).status).toBe(401);
    expect(
      (await download('/reports/finance.csv', { accessToken: 'forged', orgId: owner.orgId })).status,
    ).toBe(401);
    // Another organization's id is NOT_FOUND, as in the API.
    const foreign = await download('/reports/finance.pdf', {
      accessToken: stranger.accessToken,
      orgId: owner.orgId,
    });
    expect(foreign.status).toBe(404);
    expect(JSON.parse(foreign.bytes.toString('utf8'))).toEqual({ error: 'Organização não encontrada.' });
    // A client of another organization is refused as a filter, without naming it.
    const foreignClient = await download(`/reports/finance.csv?clientId=${tricky.id}`, stranger);
    expect(foreignClient.status).toBe(400);
    expect(foreignClient.bytes.toString('utf8')).not.toContain('Água');

    expect(readCsv((await download('/reports/finance.csv', staff)).bytes)).toHaveLength(5);
    const strangerRows = readCsv((await download('/reports/finance.csv', stranger)).bytes);
    expect(strangerRows).toHaveLength(1);
    const strangerClients = readCsv((await download('/reports/clients.csv', stranger)).bytes);
    expect(strangerClients.slice(1).map((row) => row[0])).toEqual(['Cliente do Vizinho']);
    const strangerSummary = (await download('/reports/finance-summary.csv', stranger)).bytes.toString('utf8');
    expect(strangerSummary).not.toContain('José');
  });
});
