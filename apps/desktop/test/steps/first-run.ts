// The first run of a new company, as browser steps the office-day e2e composes: register, see the
// "Primeiros passos" checklist and the empty screens, fill Configurações › Dados da empresa (CEP filled by
// the fake lookup), add a client whose address comes from its CEP, and watch the checklist tick. Typed with
// the keyboard, as a user does.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { signUpThroughPage, WAIT } from '../billing-steps';

export type FirstStepKey = 'company' | 'client' | 'visit' | 'team' | 'email';

const LOGO = fileURLToPath(new URL('../../../server/test/fixtures/logo.png', import.meta.url));

/** Registers a new company through the sign-up page (the billing steps' own); ends on its dashboard. */
export const registerCompany = signUpThroughPage;

async function openPage(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: heading, level: 2 }).isVisible(), WAIT)
    .toBe(true);
}

/** Signs in a company that has no data yet (the office-day steps' signIn expects a seeded office). */
export async function signInToNewCompany(
  page: Page,
  url: string,
  account: { email: string; password: string },
): Promise<void> {
  await page.goto(url);
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Senha').fill(account.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Painel' }).isVisible(), WAIT).toBe(true);
}

/** The checklist's steps that are ticked, in order. */
export async function tickedSteps(page: Page): Promise<string[]> {
  return page
    .getByTestId('first-steps')
    .locator('[data-done="true"]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-step') ?? ''));
}

/** Waits until exactly these steps are ticked on the dashboard's checklist. */
export async function expectTickedSteps(page: Page, steps: FirstStepKey[]): Promise<void> {
  await openPage(page, 'Painel', 'Painel');
  await expect.poll(() => tickedSteps(page), WAIT).toEqual(steps);
}

/**
 * A new company's dashboard: the checklist with only the e-mail step done (typing the sign-up code
 * confirmed the address) and a link for each other step, no revenue chart with an axis up to R$ 4,00 but a
 * short empty line, and (when payments are configured) the trial's days left in the header.
 */
export async function seeFirstRunDashboard(page: Page, options: { trialDays?: number } = {}): Promise<void> {
  await openPage(page, 'Painel', 'Painel');
  const checklist = page.getByTestId('first-steps');
  await expect.poll(() => checklist.isVisible(), WAIT).toBe(true);
  expect(await checklist.locator('[data-step]').count()).toBe(5);
  expect(await tickedSteps(page)).toEqual(['email']);
  for (const link of ['Abrir Configurações', 'Novo cliente', 'Abrir a agenda', 'Convidar']) {
    expect(await checklist.getByRole('link', { name: link }).isVisible()).toBe(true);
  }
  expect(await checklist.getByRole('link', { name: 'Abrir Meu perfil' }).count()).toBe(0);
  expect(await page.getByTestId('revenue-empty').isVisible()).toBe(true);
  expect(await page.locator('.recharts-wrapper').count()).toBe(0);
  expect(await page.getByText('R$ 4,00').count()).toBe(0);
  if (options.trialDays !== undefined) {
    await expect
      .poll(() => page.getByTestId('trial-days').textContent(), WAIT)
      .toBe(`Teste grátis: ${options.trialDays} dias restantes`);
  }
}

/** "Dispensar" on the checklist, confirmed in the app's dialog: the card is gone, after a reload too. */
export async function dismissFirstSteps(page: Page): Promise<void> {
  await openPage(page, 'Painel', 'Painel');
  const checklist = page.getByTestId('first-steps');
  await checklist.getByRole('button', { name: 'Dispensar' }).click();
  const dialog = page.getByRole('dialog', { name: 'Dispensar os primeiros passos?' });
  await dialog.getByRole('button', { name: 'Dispensar' }).click();
  await expect.poll(() => checklist.count(), WAIT).toBe(0);
  await page.reload();
  await expect.poll(() => page.getByTestId('figure-clients').isVisible(), WAIT).toBe(true);
  expect(await checklist.count()).toBe(0);
}

/** Every list of a new company says what it is for and offers its first action. */
export async function seeEmptyStates(page: Page): Promise<void> {
  const lists = [
    {
      link: 'Clientes',
      heading: 'Clientes',
      text: 'Nenhum cliente cadastrado ainda',
      action: 'Cadastrar o primeiro cliente',
    },
    { link: 'Agenda', heading: 'Agenda', text: 'Nenhum atendimento', action: 'Agendar um atendimento' },
    { link: 'Financeiro', heading: 'Financeiro', text: 'Nenhum lançamento', action: 'Criar uma cobrança' },
    { link: 'Notificações', heading: 'Notificações', text: 'Nenhuma notificação', action: null },
  ];
  for (const list of lists) {
    await openPage(page, list.link, list.heading);
    const empty = page.getByTestId('empty-state');
    await expect.poll(() => empty.isVisible(), WAIT).toBe(true);
    expect(await empty.textContent()).toContain(list.text);
    if (list.action) expect(await empty.getByRole('button', { name: list.action }).isVisible()).toBe(true);
  }
}

/** Types into the focused field, key by key. */
async function typeText(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 15 });
}

export const COMPANY = {
  document: '11.222.333/0001-81',
  phone: '(19) 3232-4545',
  replyToEmail: 'contato@piscinaslima.com.br',
  cep: '13010-000',
  number: '1200',
  complement: 'sala 4',
  // From the fake CEP service (apps/server/test/fake-cep.ts).
  street: 'Rua Barão de Jaguara',
  district: 'Centro',
  city: 'Campinas',
  uf: 'SP',
};

/**
 * Configurações › Dados da empresa with the keyboard: CNPJ, Tab, phone, Tab, e-mail, Tab, CEP — the
 * street, district, city and UF arrive from the CEP — Tab to the street, Tab, number, Tab, complement,
 * then Enter saves. Then the logo, so the checklist's first step is complete.
 */
export async function fillCompanyDetails(page: Page): Promise<void> {
  await openPage(page, 'Configurações', 'Configurações');
  const card = page.locator('form').filter({ has: page.getByLabel('CNPJ ou CPF') });
  await card.getByLabel('CNPJ ou CPF').click();
  await typeText(page, COMPANY.document.replace(/\D/g, ''));
  await page.keyboard.press('Tab');
  await typeText(page, COMPANY.phone.replace(/\D/g, ''));
  await page.keyboard.press('Tab');
  await typeText(page, COMPANY.replyToEmail);
  await page.keyboard.press('Tab');
  await typeText(page, COMPANY.cep.replace(/\D/g, ''));
  expect(await card.getByLabel('CEP').inputValue()).toBe(COMPANY.cep);
  await expect.poll(() => card.getByLabel('Rua').inputValue(), WAIT).toBe(COMPANY.street);
  expect(await card.getByLabel('Bairro').inputValue()).toBe(COMPANY.district);
  expect(await card.getByLabel('Cidade').inputValue()).toBe(COMPANY.city);
  // The UF field shows the state's name beside its code.
  expect(await card.getByRole('combobox', { name: 'UF' }).inputValue()).toMatch(
    new RegExp(`^${COMPANY.uf}\\b`),
  );
  await page.keyboard.press('Tab'); // the street, filled
  await page.keyboard.press('Tab');
  await typeText(page, COMPANY.number);
  await page.keyboard.press('Tab');
  await typeText(page, COMPANY.complement);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByText('Alterações salvas.').first().isVisible(), WAIT).toBe(true);
  expect(await card.getByLabel('CNPJ ou CPF').inputValue()).toBe(COMPANY.document);
  expect(await card.getByLabel('Telefone').inputValue()).toBe(COMPANY.phone);

  // Mantine's FileInput is a button over a hidden file input.
  await page.locator('input[type="file"]').setInputFiles({
    name: 'logo.png',
    mimeType: 'image/png',
    buffer: readFileSync(LOGO),
  });
  await page.getByRole('button', { name: 'Enviar logo' }).click();
  await expect.poll(() => page.getByRole('img', { name: 'Logo atual' }).isVisible(), WAIT).toBe(true);
}

/**
 * Novo cliente: name, then the CEP — the address comes from it — and the number; a street the user typed
 * first is not overwritten: the form offers the CEP's instead, and takes it only when asked.
 */
export async function addClientWithCep(page: Page): Promise<void> {
  await typeClientWithCep(page);
  await saveClientWithCepAddress(page);
}

/** The first half of addClientWithCep: up to the form offering the CEP's street over the typed one. */
export async function typeClientWithCep(page: Page): Promise<void> {
  await openPage(page, 'Clientes', 'Clientes');
  await page.getByRole('button', { name: 'Novo cliente', exact: true }).click();
  await page.getByLabel('Nome').click();
  await typeText(page, 'Helena Prado');
  const street = page.getByLabel('Rua');
  await street.click();
  await typeText(page, 'Av. Paulista');
  await page.getByLabel('CEP').click();
  await typeText(page, '01310100');
  const status = page.getByTestId('cep-status');
  await expect.poll(() => status.textContent(), WAIT).toContain('Endereço do CEP: Avenida Paulista');
  // What the user typed stays; district, city and UF were blank and are filled.
  expect(await street.inputValue()).toBe('Av. Paulista');
  expect(await page.getByLabel('Bairro').inputValue()).toBe('Bela Vista');
  expect(await page.getByLabel('Cidade').inputValue()).toBe('São Paulo');
  expect(await page.getByRole('combobox', { name: 'UF' }).inputValue()).toMatch(/^SP\b/);
}

/** The second half: take the CEP's street, type the number, choose the pool's type, save. */
export async function saveClientWithCepAddress(page: Page): Promise<void> {
  const street = page.getByLabel('Rua');
  const status = page.getByTestId('cep-status');
  await status.getByRole('button', { name: 'Usar endereço do CEP' }).click();
  expect(await street.inputValue()).toBe('Avenida Paulista');
  await page.getByLabel('Número').click();
  await typeText(page, '900');
  await choosePoolType(page, 'Vinil');
  await page.getByRole('button', { name: 'Salvar' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Helena Prado' }).isVisible(), WAIT).toBe(true);
  expect(await page.getByLabel('Rua').inputValue()).toBe('Avenida Paulista');
  expect(await page.getByLabel('Número').inputValue()).toBe('900');
}

/** The pool's type, typed into its select and taken with Enter (a client needs one pool with a type). */
async function choosePoolType(page: Page, label: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Tipo' }).first().click();
  await typeText(page, label);
  await page.keyboard.press('Enter');
}

/** A CEP the service does not know: a quiet line, the fields stay as they are, and saving still works. */
export async function unknownCepDoesNotBlock(page: Page): Promise<void> {
  await openPage(page, 'Clientes', 'Clientes');
  await page.getByRole('button', { name: 'Novo cliente', exact: true }).click();
  await page.getByLabel('Nome').click();
  await typeText(page, 'Caio Nunes');
  await page.getByLabel('CEP').click();
  await typeText(page, '99999999');
  await expect
    .poll(() => page.getByTestId('cep-status').textContent(), WAIT)
    .toBe('CEP não encontrado: preencha o endereço.');
  expect(await page.getByLabel('Rua').inputValue()).toBe('');
  await choosePoolType(page, 'Fibra');
  await page.getByRole('button', { name: 'Salvar' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Caio Nunes' }).isVisible(), WAIT).toBe(true);
}
