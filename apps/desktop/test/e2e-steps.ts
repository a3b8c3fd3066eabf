import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { SignedIn } from '../../server/test/harness';

// The office worker's day, as steps shared by the two end-to-end suites: the web build against the server
// (web.e2e.test.ts) and the same build against the desktop core over loopback (core.e2e.test.ts).

/** Argon2 sign-ins and a first sync can take seconds on a loaded CI machine; vitest's poll default is 1 s. */
export const PATIENCE = { timeout: 10_000 };

/** 'YYYY-MM-DD' → 'dd/mm/aaaa', as a user types it. */
export function typedDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day ?? ''}/${month ?? ''}/${year ?? ''}`;
}

export const TAKEN_CPF = '529.982.247-25';
export const VALID_CPF = '111.444.777-35';

/** A client whose CPF is taken, with one overdue entry of R$ 350,00. */
export async function seedOffice(owner: SignedIn): Promise<void> {
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
}

/**
 * Closes the toasts still on screen. A toast over a control blocks the click, and Playwright's pointer
 * resting on it pauses its auto-close (as a user's hover does), so a step that clicks near the top right
 * clears them first.
 */
export async function dismissToasts(page: Page): Promise<void> {
  // Clicked in the page, not through Playwright's actionability checks: a toast may close by itself between
  // the check and the click, which would leave Playwright waiting for a button that is gone. Polled, so a
  // toast that shows up meanwhile is closed too.
  const closeAll = () =>
    page.evaluate(() => {
      const buttons = document.querySelectorAll<HTMLElement>('.mantine-Notification-closeButton');
      for (const button of buttons) button.click();
      return buttons.length;
    });
  await expect.poll(closeAll, PATIENCE).toBe(0);
}

/** Collects uncaught page errors and CSP violations; a suite asserts the list is empty at the end. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/.test(message.text()))
      errors.push(message.text());
  });
  return errors;
}

export async function signIn(page: Page, url: string, owner: SignedIn): Promise<void> {
  await page.goto(url);
  await page.getByLabel('E-mail').fill(owner.email);
  await page.getByLabel('Senha').fill(owner.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Painel' }).isVisible(), PATIENCE).toBe(true);
  await expect.poll(() => page.getByTestId('figure-overdue').textContent(), PATIENCE).toMatch(/R\$\s350,00/);
}

/**
 * A new client's pool row has no type until one is chosen (an untouched row is not a pool): types it into
 * the row's Tipo and leaves with Tab, as a user would.
 */
export async function choosePoolType(page: Page, type = 'Fibra', row = 0): Promise<void> {
  const field = page.getByRole('combobox', { name: 'Tipo' }).nth(row);
  await field.click();
  await field.pressSequentially(type);
  await field.press('Tab');
  await expect.poll(() => field.inputValue(), PATIENCE).toBe(type);
}

/** A bad CPF (form), a taken one (server field error), then a valid client saved. */
export async function createClientThroughFieldErrors(page: Page, owner: SignedIn): Promise<void> {
  await page.getByRole('link', { name: 'Clientes', exact: true }).click();
  await page.getByRole('button', { name: 'Novo cliente' }).click();
  await page.getByLabel('Nome').fill('Ricardo Alves');
  await choosePoolType(page);
  const documentInput = page.getByLabel('CPF ou CNPJ');
  await documentInput.fill('12345678900');
  expect(await documentInput.inputValue()).toBe('123.456.789-00');
  await page.getByLabel('Telefone').fill('11987654321');
  expect(await page.getByLabel('Telefone').inputValue()).toBe('(11) 98765-4321');
  await page.getByLabel('CEP').fill('01310100');
  expect(await page.getByLabel('CEP').inputValue()).toBe('01310-100');
  await page.getByRole('button', { name: 'Salvar' }).click();
  await expect
    .poll(() => page.getByText('CPF inválido: confira os dígitos.').isVisible(), PATIENCE)
    .toBe(true);

  // Valid digits but already a client: only the server knows, and its error lands on the same field.
  await documentInput.fill(TAKEN_CPF.replace(/\D/g, ''));
  await page.getByRole('button', { name: 'Salvar' }).click();
  const documentError = page.locator('[id$="-error"]').filter({ hasText: /CPF|CNPJ|documento/i });
  await expect.poll(() => documentError.count(), PATIENCE).toBeGreaterThan(0);
  expect(await documentInput.getAttribute('aria-invalid')).toBe('true');

  await documentInput.fill(VALID_CPF.replace(/\D/g, ''));
  await page.getByRole('button', { name: 'Salvar' }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: 'Ricardo Alves' }).isVisible(), PATIENCE)
    .toBe(true);
  const saved = await owner.client.clients.list.query({ search: 'ricardo' });
  expect(saved.items[0]).toMatchObject({ document: '11144477735', phone: '11987654321' });
}

export async function createAppointment(page: Page, owner: SignedIn): Promise<void> {
  await page.getByRole('link', { name: 'Agenda', exact: true }).click();
  await page.getByRole('button', { name: 'Novo atendimento' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByPlaceholder('Digite o nome do cliente').fill('Ricardo');
  await page.getByRole('option', { name: 'Ricardo Alves' }).click();
  await dialog.getByLabel('Horário').fill('14:30');
  await dialog.getByLabel('Valor').fill('180,00');
  await dialog.getByRole('button', { name: 'Salvar' }).click();
  await expect.poll(() => page.getByText('Registro criado.').isVisible(), PATIENCE).toBe(true);
  await expect.poll(() => page.getByText('14:30').first().isVisible(), PATIENCE).toBe(true);
  const visits = await owner.client.appointments.list.query({});
  expect(visits.items).toEqual([expect.objectContaining({ startTime: '14:30', priceCents: 18_000 })]);
  // Creating a visit records a notification for the others, not for whoever scheduled it: no unread badge.
  await page.reload();
  expect(await owner.client.notifications.unreadCount.query()).toEqual({ unread: 0 });
  const listed = await owner.client.notifications.list.query();
  expect(listed.items).toEqual([expect.objectContaining({ type: 'appointment_created', read: true })]);
  await expect.poll(() => page.getByRole('heading', { name: 'Agenda' }).isVisible(), PATIENCE).toBe(true);
  await page.waitForTimeout(1000);
  expect(await page.getByTestId('unread-badge').count()).toBe(0);
}

export async function markOverdueEntryPaid(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Financeiro', exact: true }).click();
  const row = page.locator('tr[data-overdue]');
  await expect.poll(() => row.count(), PATIENCE).toBe(1);
  await row.getByRole('button', { name: 'Marcar como pago' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Marcar como pago' }).click();
  await expect.poll(() => page.locator('tr[data-overdue]').count(), PATIENCE).toBe(0);
  await page.getByRole('link', { name: 'Painel', exact: true }).click();
  await expect.poll(() => page.getByTestId('figure-overdue').textContent(), PATIENCE).toMatch(/R\$\s0,00/);
  await expect.poll(() => page.getByTestId('figure-paid').textContent(), PATIENCE).toMatch(/R\$\s350,00/);
}

/** Signs out by itself after the idle time, and the server session of that client kind is gone. */
export async function signOutWhenIdle(
  page: Page,
  owner: SignedIn,
  sessionClient: 'web' | 'desktop',
): Promise<void> {
  await page.evaluate(() => {
    localStorage.setItem('picineiros.idleMinutes', '0.05');
  });
  await page.getByRole('link', { name: 'Painel', exact: true }).click();
  await page.reload();
  await expect.poll(() => page.getByRole('heading', { name: 'Painel' }).isVisible(), PATIENCE).toBe(true);
  await expect
    .poll(() => page.getByText(/Você saiu automaticamente/).isVisible(), { timeout: 15_000 })
    .toBe(true);
  // The test's own API session (`current`) stays; the one the app used is gone.
  const sessions = await owner.client.auth.sessions.query();
  expect(sessions.filter((session) => session.client === sessionClient && !session.current)).toEqual([]);
}
