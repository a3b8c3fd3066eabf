import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { registrationCodeFor, type TestServer } from '../../server/test/harness';

// Billing steps shared by the web suite (billing.e2e.test.ts, against the fake Asaas) and the desktop-core
// suite (core.e2e.test.ts, where billing is forwarded to the server and needs a connection).

/** Sign-ups hash a password with argon2 and pages poll every few seconds: more than vitest's 1 s default. */
export const WAIT = { timeout: 15_000 };

/**
 * A new account through the registration page: the data, then the code from the sign-up mail typed into
 * the "Confirme seu e-mail" step (Enter submits); ends on the dashboard.
 */
export async function signUpThroughPage(
  page: Page,
  server: TestServer,
  account: { name: string; organizationName: string; email: string; password: string },
): Promise<void> {
  await page.goto(`${server.url}/#/register`);
  await page.getByLabel('Seu nome').fill(account.name);
  await page.getByLabel('Nome da empresa').fill(account.organizationName);
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Senha').fill(account.password);
  await page.getByRole('button', { name: 'Criar conta' }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: 'Confirme seu e-mail' }).isVisible(), WAIT)
    .toBe(true);
  expect(await page.getByText(`Enviamos um código para ${account.email.toLowerCase()}.`).isVisible()).toBe(
    true,
  );
  // The code field has the focus: typed straight away, as a user pasting it from the mail does.
  await page.keyboard.type(await registrationCodeFor(server, account.email));
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('heading', { name: 'Painel' }).isVisible(), WAIT).toBe(true);
}

export async function openBillingPage(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Assinatura', exact: true }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: 'Assinatura', level: 2 }).isVisible(), WAIT)
    .toBe(true);
}

/** Right after sign-up: 14 days of trial on the largest plan's limits, and the usage against them. */
export async function expectFreshTrial(page: Page, members: string): Promise<void> {
  await expect
    .poll(() => page.getByTestId('trial-countdown').textContent(), WAIT)
    .toBe('Faltam 14 dias de teste');
  expect(await page.getByTestId('billing-status').textContent()).toBe('Em teste');
  expect(await page.getByTestId('usage-members').textContent()).toContain(members);
}
