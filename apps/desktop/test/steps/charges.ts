import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { dismissToasts, PATIENCE, typedDate } from '../e2e-steps';

// Financeiro's steps of the office day (issue 13, item 3 and the list parts of item 9): bill a done visit
// (only unbilled ones are offered), edit the charge, mark it paid, reopen it, archive it after the app's
// confirm dialog and restore it, and narrow the list with the filters while its total line follows.
// Each step starts from any page of the signed-in app and uses the keyboard where a user would.

/** The rows of the Financeiro table whose description is exactly `description`. */
function rowOf(page: Page, description: string): Locator {
  return page.locator(`tr[data-entry="${description.replace(/"/g, '\\"')}"]`);
}

export async function openFinance(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Financeiro', exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Financeiro' }).isVisible(), PATIENCE).toBe(true);
}

/** Sets the Situação filter (a segmented control: Todos, Pendente, Pago); null is Todos. */
export async function filterByStatus(page: Page, status: 'Pendente' | 'Pago' | null): Promise<void> {
  await dismissToasts(page);
  await page
    .getByTestId('finance-status-filter')
    .getByText(status ?? 'Todos', { exact: true })
    .click();
}

/**
 * "Cobrar atendimento concluído": the dialog lists only visits that can be billed (done, with a price, not
 * billed yet); `offered` must be exactly what it lists, then the one matching `bill` is chosen with the
 * keyboard and billed.
 */
export async function billCompletedVisit(
  page: Page,
  { offered, bill }: { offered: RegExp[]; bill: RegExp },
): Promise<void> {
  await openFinance(page);
  await page.getByRole('button', { name: 'Cobrar atendimento concluído' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cobrar atendimento concluído' });
  const select = dialog.getByRole('combobox', { name: 'Atendimento concluído' });
  await expect.poll(() => select.isVisible(), PATIENCE).toBe(true);
  await select.focus();
  await select.press('ArrowDown');
  const options = page.getByRole('option');
  await expect.poll(() => options.count(), PATIENCE).toBe(offered.length);
  const labels = await options.allTextContents();
  for (const label of offered)
    expect(
      labels.some((text) => label.test(text)),
      String(label),
    ).toBe(true);
  const target = labels.findIndex((text) => bill.test(text));
  expect(target, `no option matches ${String(bill)}`).toBeGreaterThanOrEqual(0);
  // The dropdown opened on the first option; walk to the one to bill and pick it with Enter.
  for (let index = 0; index < target; index += 1) await select.press('ArrowDown');
  await select.press('Enter');
  expect(bill.test(await select.inputValue())).toBe(true);
  await dialog.getByRole('button', { name: 'Criar' }).click();
  await expect.poll(() => page.getByText('Registro criado.').first().isVisible(), PATIENCE).toBe(true);
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(false);
}

/** The dialog of "Cobrar atendimento concluído" says there is nothing to bill, then closes with Esc. */
export async function expectNothingToBill(page: Page): Promise<void> {
  await openFinance(page);
  await page.getByRole('button', { name: 'Cobrar atendimento concluído' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cobrar atendimento concluído' });
  await expect
    .poll(
      () => dialog.getByText('Nenhum atendimento concluído com valor esperando cobrança.').isVisible(),
      PATIENCE,
    )
    .toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(false);
}

/** Opens a row's "⋯" menu with the keyboard and picks `item` (Editar, Reabrir, Arquivar). */
async function rowAction(page: Page, description: string, item: 'Editar' | 'Reabrir' | 'Arquivar') {
  const row = rowOf(page, description);
  await expect.poll(() => row.count(), PATIENCE).toBe(1);
  await row.getByRole('button', { name: `Ações de ${description}` }).press('Enter');
  await page.getByRole('menuitem', { name: item }).click();
}

/** Editar: description, amount and due date (typed dd/mm/aaaa), saved with Enter from the last field. */
export async function editCharge(
  page: Page,
  {
    description,
    newDescription,
    newAmount,
    newDueDate,
  }: { description: string; newDescription: string; newAmount: string; newDueDate: string },
): Promise<void> {
  await openFinance(page);
  await rowAction(page, description, 'Editar');
  const dialog = page.getByRole('dialog', { name: 'Editar cobrança' });
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(true);
  const descriptionInput = dialog.getByLabel('Descrição');
  expect(await descriptionInput.inputValue()).toBe(description);
  await descriptionInput.fill('');
  await descriptionInput.pressSequentially(newDescription);
  await descriptionInput.press('Tab');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(newAmount);
  await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(typedDate(newDueDate));
  // The first Enter accepts the typed date (day first); the second submits the form.
  await page.keyboard.press('Enter');
  expect(await dialog.getByLabel('Vencimento').inputValue()).toBe(typedDate(newDueDate));
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByText('Cobrança alterada.').first().isVisible(), PATIENCE).toBe(true);
  await expect.poll(() => rowOf(page, newDescription).count(), PATIENCE).toBe(1);
  const row = rowOf(page, newDescription);
  expect(await row.textContent()).toContain(typedDate(newDueDate));
}

/** Marcar como pago (method picked by typing, payment date today). */
export async function markChargePaid(
  page: Page,
  { description, method = 'PIX' }: { description: string; method?: string },
): Promise<void> {
  await openFinance(page);
  await filterByStatus(page, 'Pendente');
  const row = rowOf(page, description);
  await expect.poll(() => row.count(), PATIENCE).toBe(1);
  await row.getByRole('button', { name: 'Marcar como pago' }).click();
  const dialog = page.getByRole('dialog', { name: 'Marcar como pago' });
  const methodSelect = dialog.getByRole('combobox', { name: 'Forma de pagamento' });
  await methodSelect.click();
  await page.getByRole('option', { name: method, exact: true }).click();
  await dialog.getByRole('button', { name: 'Marcar como pago' }).click();
  await expect.poll(() => page.getByText('Pagamento registrado.').first().isVisible(), PATIENCE).toBe(true);
  // Pending is the default filter: the paid charge leaves the list; with every situation it shows "Pago".
  await expect.poll(() => row.count(), PATIENCE).toBe(0);
  await filterByStatus(page, null);
  await expect.poll(() => row.textContent(), PATIENCE).toMatch(new RegExp(`Pago · ${method}`));
}

/** Reabrir a paid charge: the app's dialog says what is undone; confirmed, the charge is pending again. */
export async function reopenCharge(page: Page, { description }: { description: string }): Promise<void> {
  await openFinance(page);
  await filterByStatus(page, 'Pago');
  await rowAction(page, description, 'Reabrir');
  const dialog = page.getByRole('dialog', { name: 'Reabrir a cobrança?' });
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(true);
  expect(await dialog.textContent()).toMatch(/pagamento registrado .* será desfeito/);
  await dialog.getByRole('button', { name: 'Reabrir' }).click();
  await expect
    .poll(() => page.getByText('Cobrança reaberta: pagamento desfeito.').first().isVisible(), PATIENCE)
    .toBe(true);
  await expect.poll(() => rowOf(page, description).count(), PATIENCE).toBe(0);
  await filterByStatus(page, 'Pendente');
  await expect.poll(() => rowOf(page, description).textContent(), PATIENCE).toMatch(/Pendente|Em atraso/);
}

/**
 * Arquivar, through the app's confirm dialog: Esc first (nothing changes), then confirmed. The charge leaves
 * the list; "Mostrar arquivados" shows it again as Arquivado, with Restaurar.
 */
export async function archiveCharge(page: Page, { description }: { description: string }): Promise<void> {
  await openFinance(page);
  await filterByStatus(page, null);
  await rowAction(page, description, 'Arquivar');
  const dialog = page.getByRole('dialog', { name: 'Arquivar a cobrança?' });
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(true);
  // A destructive action: the focus starts on "Cancelar", so Esc (or an Enter out of habit) keeps it.
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(false);
  expect(await rowOf(page, description).count()).toBe(1);
  await rowAction(page, description, 'Arquivar');
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(true);
  await dialog.getByRole('button', { name: 'Arquivar' }).click();
  await expect.poll(() => page.getByText('Cobrança arquivada.').first().isVisible(), PATIENCE).toBe(true);
  await expect.poll(() => rowOf(page, description).count(), PATIENCE).toBe(0);
  await page.getByRole('switch', { name: 'Mostrar arquivados' }).check();
  await expect.poll(() => rowOf(page, description).textContent(), PATIENCE).toMatch(/Arquivado/);
}

/** Restaurar an archived charge (shown with "Mostrar arquivados"), then hide archived ones again. */
export async function restoreCharge(page: Page, { description }: { description: string }): Promise<void> {
  const row = rowOf(page, description);
  await row.getByRole('button', { name: 'Restaurar' }).click();
  await expect.poll(() => page.getByText('Cobrança restaurada.').first().isVisible(), PATIENCE).toBe(true);
  await expect.poll(() => row.textContent(), PATIENCE).not.toMatch(/Arquivado/);
  await page.getByRole('switch', { name: 'Mostrar arquivados' }).uncheck();
}

export type ChargeFilters = {
  /** Typed into Buscar (description or client, accents ignored). */
  search?: string;
  /** Typed into Cliente, then the option picked with Enter. */
  client?: string;
  /** 'YYYY-MM-DD', typed dd/mm/aaaa into "Vencimento de" / "até". */
  from?: string;
  to?: string;
  status?: 'Pendente' | 'Pago' | null;
};

/**
 * Narrows Financeiro with the filters, typed with the keyboard, and checks the rows shown (by description,
 * in order) and the total line ("2 lançamentos · R$ 450,00"), which covers every filtered row.
 */
export async function filterCharges(
  page: Page,
  filters: ChargeFilters,
  /** `total`: the total line's text, e.g. /Total · 2 lançamentos\s*R\$\s450,00/. */
  expected: { descriptions: string[]; total: RegExp },
): Promise<void> {
  await openFinance(page);
  if (filters.status !== undefined) await filterByStatus(page, filters.status);
  const search = page.getByLabel('Buscar', { exact: true });
  await search.fill('');
  if (filters.search) await search.pressSequentially(filters.search);
  if (filters.client) {
    const client = page.getByRole('combobox', { name: 'Cliente' });
    await client.click();
    await client.pressSequentially(filters.client);
    await expect.poll(() => page.getByRole('option').count(), PATIENCE).toBe(1);
    await client.press('ArrowDown');
    await client.press('Enter');
  }
  for (const [label, value] of [
    ['Vencimento de', filters.from],
    ['até', filters.to],
  ] as const) {
    if (value === undefined) continue;
    const input = page.getByLabel(label, { exact: true });
    await input.click();
    await input.press('ControlOrMeta+a');
    await input.pressSequentially(typedDate(value));
    await input.press('Tab');
    expect(await input.inputValue()).toBe(typedDate(value));
  }
  const rows = page.locator('tr[data-entry]');
  await expect
    .poll(
      async () => await rows.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-entry'))),
      PATIENCE,
    )
    .toEqual(expected.descriptions);
  await expect.poll(() => page.getByTestId('finance-total').textContent(), PATIENCE).toMatch(expected.total);
}

/** Clears every filter back to the page's default (pending, no search, no client, no period). */
export async function clearChargeFilters(page: Page): Promise<void> {
  await openFinance(page);
  await page.getByLabel('Buscar', { exact: true }).fill('');
  const client = page.getByRole('combobox', { name: 'Cliente' });
  if (await client.inputValue()) {
    await client.click();
    await client.press('ControlOrMeta+a');
    await client.press('Backspace');
    await client.press('Tab');
    await expect.poll(() => client.inputValue(), PATIENCE).toBe('');
  }
  for (const label of ['Vencimento de', 'até']) {
    const input = page.getByLabel(label, { exact: true });
    await input.fill('');
    await input.press('Tab');
  }
  await filterByStatus(page, 'Pendente');
}

/**
 * A client's page separates what it owes ("A receber") from what it paid ("Pagas"), each with its count and
 * sum: `pending` and `paid` are the descriptions expected in each section and their total lines.
 */
export async function checkClientCharges(
  page: Page,
  {
    client,
    pending,
    paid,
  }: {
    client: string;
    pending: { descriptions: string[]; total: RegExp };
    paid: { descriptions: string[]; total: RegExp };
  },
): Promise<void> {
  await page.getByRole('link', { name: 'Clientes', exact: true }).click();
  const search = page.getByPlaceholder(/Buscar/);
  await search.fill(client);
  await page.getByRole('link', { name: client, exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { name: client }).isVisible(), PATIENCE).toBe(true);
  for (const [status, expected] of [
    ['pending', pending],
    ['paid', paid],
  ] as const) {
    const section = page.getByTestId(`client-charges-${status}`);
    await expect
      .poll(() => page.getByTestId(`client-charges-${status}-total`).textContent(), PATIENCE)
      .toMatch(expected.total);
    await expect
      .poll(
        () =>
          section
            .locator('tbody tr')
            .evaluateAll((rows) => rows.map((row) => row.querySelectorAll('td')[1]?.textContent ?? '')),
        PATIENCE,
      )
      .toEqual(expected.descriptions);
  }
}
