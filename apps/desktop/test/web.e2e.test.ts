import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner, startTestServer, type SignedIn, type TestServer } from '../../server/test/harness';
import { ensureWebBuild, launchChromium } from './browser';

// The web build, served by the real server at `/`, driven in Debian's Chromium: what an office worker
// does on a normal day, end to end.

const TAKEN_CPF = '529.982.247-25';
const VALID_CPF = '111.444.777-35';

let server: TestServer;
let browser: Browser;
let page: Page;
let owner: SignedIn;
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureWebBuild();
  server = await startTestServer();
  owner = await signUpOwner(server, { name: 'Marina Souza', organizationName: 'Piscinas Azul' });
  const existing = await owner.client.clients.create.mutate({
    name: 'Condomínio Jardim',
    document: TAKEN_CPF,
    pools: [{ type: 'masonry', volumeLiters: 80_000 }],
  });
  await owner.client.finance.create.mutate({
    clientId: existing.id,
    description: 'Manutenção mensal',
    amountCents: 35_000,
    dueDate: '2024-01-10',
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'pt-BR' });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/.test(message.text()))
      pageErrors.push(message.text());
  });
});

// A failing step leaves a screenshot under test-results/ (ignored by git) to see what the user saw.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const name = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
  await page.screenshot({ path: `test-results/desktop-${server.dialect}-${name}.png` });
});

afterAll(async () => {
  await browser.close();
  await server.close();
});

describe('web build served by the server', () => {
  it('serves the UI at / and for unknown pages, without shadowing the API paths', async () => {
    const home = await fetch(`${server.url}/`);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(await home.text()).toContain('<div id="root">');
    const emailed = await fetch(`${server.url}/redefinir-senha?token=abc`);
    expect(await emailed.text()).toContain('<div id="root">');
    const api = await fetch(`${server.url}/trpc/nothing.here`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/json/);
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('web build in Chromium', () => {
  it('signs in', async () => {
    await page.goto(server.url);
    await page.getByLabel('E-mail').fill(owner.email);
    await page.getByLabel('Senha').fill(owner.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Painel' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('figure-overdue').textContent()).toMatch(/R\$\s350,00/);
  });

  it('shows field errors on the right field: a bad CPF (form) and a taken one (server), then saves', async () => {
    await page.getByRole('link', { name: 'Clientes' }).click();
    await page.getByRole('button', { name: 'Novo cliente' }).click();
    await page.getByLabel('Nome').fill('Ricardo Alves');
    const documentInput = page.getByLabel('CPF ou CNPJ');
    await documentInput.fill('12345678900');
    expect(await documentInput.inputValue()).toBe('123.456.789-00');
    await page.getByLabel('Telefone').fill('11987654321');
    expect(await page.getByLabel('Telefone').inputValue()).toBe('(11) 98765-4321');
    await page.getByLabel('CEP').fill('01310100');
    expect(await page.getByLabel('CEP').inputValue()).toBe('01310-100');
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => page.getByText('CPF inválido: confira os dígitos.').isVisible()).toBe(true);

    // Valid digits but already a client: only the server knows, and its error lands on the same field.
    await documentInput.fill(TAKEN_CPF.replace(/\D/g, ''));
    await page.getByRole('button', { name: 'Salvar' }).click();
    const documentError = page.locator('[id$="-error"]').filter({ hasText: /CPF|CNPJ|documento/i });
    await expect.poll(() => documentError.count()).toBeGreaterThan(0);
    expect(await documentInput.getAttribute('aria-invalid')).toBe('true');

    await documentInput.fill(VALID_CPF.replace(/\D/g, ''));
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Ricardo Alves' }).isVisible()).toBe(true);
    const saved = await owner.client.clients.list.query({ search: 'ricardo' });
    expect(saved.items[0]).toMatchObject({ document: '11144477735', phone: '11987654321' });
  });

  it('creates an appointment and shows it in the week', async () => {
    await page.getByRole('link', { name: 'Agenda' }).click();
    await page.getByRole('button', { name: 'Novo atendimento' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByPlaceholder('Digite o nome do cliente').fill('Ricardo');
    await page.getByRole('option', { name: 'Ricardo Alves' }).click();
    await dialog.getByLabel('Horário').fill('14:30');
    await dialog.getByLabel('Valor').fill('180,00');
    await dialog.getByRole('button', { name: 'Salvar' }).click();
    await expect.poll(() => page.getByText('Registro criado.').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('14:30').first().isVisible()).toBe(true);
    const visits = await owner.client.appointments.list.query({});
    expect(visits.items).toEqual([expect.objectContaining({ startTime: '14:30', priceCents: 18_000 })]);
    // Creating a visit records a notification: the unread badge shows it.
    await page.reload();
    await expect.poll(() => page.getByTestId('unread-badge').textContent()).toBe('1');
  });

  it('marks an overdue entry paid, and the dashboard reflects it', async () => {
    await page.getByRole('link', { name: 'Financeiro' }).click();
    const row = page.locator('tr[data-overdue]');
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('button', { name: 'Marcar como pago' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Marcar como pago' }).click();
    await expect.poll(() => page.locator('tr[data-overdue]').count()).toBe(0);
    await page.getByRole('link', { name: 'Painel' }).click();
    await expect.poll(() => page.getByTestId('figure-overdue').textContent()).toMatch(/R\$\s0,00/);
    await expect.poll(() => page.getByTestId('figure-paid').textContent()).toMatch(/R\$\s350,00/);
  });

  it('signs out by itself after the idle time', async () => {
    await page.evaluate(() => {
      localStorage.setItem('picineiros.idleMinutes', '0.05');
    });
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Painel' }).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByText(/Você saiu automaticamente/).isVisible(), { timeout: 15_000 })
      .toBe(true);
    const sessions = await owner.client.auth.sessions.query();
    expect(sessions.filter((session) => session.client === 'web')).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
