import { Client } from '@picineiros/db';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DAY_MS,
  startBillingServer,
  subscribeOwner,
  type BillingTestServer,
} from '../../server/test/billing-harness';
import { addMember, newAccount, signUpOwner } from '../../server/test/harness';
import { expectFreshTrial, openBillingPage, signUpThroughPage, WAIT } from './billing-steps';
import {
  documentationScreenshot,
  ensureWebBuild,
  launchChromium,
  PAGE_OPTIONS,
  screenshotOnFailure,
} from './browser';
import { choosePoolType, seedOffice, signIn, VALID_CPF, watchPageErrors } from './e2e-steps';

// The billing screen in the web build, against the real server wired to the fake Asaas on loopback:
// sign up, see the trial, subscribe with PIX, copy the code, pay on the (fake) Asaas invoice page, and
// watch the status turn active by webhook; then a trial that ended: banner, and a refused write's notice.

let billing: BillingTestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  ensureWebBuild();
  billing = await startBillingServer(new Date());
  // Webhooks go out as Asaas sends them: by themselves, right after the payer pays.
  billing.fake.setAutoDeliver(true);
  browser = await launchChromium();
  context = await browser.newContext({
    ...PAGE_OPTIONS,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  page = await context.newPage();
  pageErrors = watchPageErrors(page);
});

afterEach(async ({ task }) => {
  await screenshotOnFailure(page, task, `billing-${billing.server.dialect}`);
});

afterAll(async () => {
  await browser.close();
  await billing.close();
});

// Under load (CI, other suites) a sign-up and a webhook round trip take seconds: room beyond the 30 s default.
describe('billing screen in Chromium', { timeout: 90_000 }, () => {
  it('signs up and shows the 14-day trial, the usage and the plans', async () => {
    await signUpThroughPage(page, billing.server, newAccount({ organizationName: 'Piscinas Sol' }));
    await openBillingPage(page);
    await expectFreshTrial(page, '1 de 10');
    const plans = await billing.server.client().billing.plans.query();
    expect(plans.length).toBeGreaterThan(1);
    for (const plan of plans) {
      const card = page.getByTestId(`plan-${plan.code}`);
      expect(await card.textContent()).toContain(plan.name);
      expect(await card.textContent()).toMatch(
        new RegExp(`R\\$\\s${(plan.priceCents / 100).toFixed(2).replace('.', ',')}`),
      );
    }
    // No invoice yet, no banner yet (it shows in the trial's last days).
    expect(await page.getByTestId('billing-banner').count()).toBe(0);
    await expect.poll(() => page.getByText('Nenhuma fatura ainda.').isVisible(), WAIT).toBe(true);
    await documentationScreenshot(page, 'billing-trial');
  });

  it('subscribes with PIX (CPF checked on the field), shows the PIX code and copies it', async () => {
    await page.getByTestId('plan-profissional').getByRole('button', { name: 'Escolher' }).click();
    const documentInput = page.getByLabel('CPF ou CNPJ de quem paga');
    await documentInput.fill('12345678900');
    expect(await documentInput.inputValue()).toBe('123.456.789-00');
    await page.getByRole('button', { name: 'Assinar', exact: true }).click();
    await expect.poll(() => page.getByText('CPF inválido: confira os dígitos.').isVisible(), WAIT).toBe(true);
    expect(await documentInput.getAttribute('aria-invalid')).toBe('true');

    await documentInput.fill(VALID_CPF.replace(/\D/g, ''));
    await page.getByRole('button', { name: 'Assinar', exact: true }).click();
    const open = page.getByTestId('open-invoice');
    await expect.poll(() => open.isVisible(), WAIT).toBe(true);
    const pixCode = await open.getByLabel('Código PIX (copia e cola)').inputValue();
    expect(pixCode).toMatch(/^000201/);
    expect(await open.textContent()).toMatch(/R\$\s99,00/);
    expect(await page.getByTestId('invoice-status').first().textContent()).toBe('Pendente');
    // Subscribed during the trial: still trialing, now with the form to change plan instead.
    await expect
      .poll(() => page.getByRole('button', { name: 'Mudar de plano' }).isVisible(), WAIT)
      .toBe(true);

    await open.getByRole('button', { name: 'Copiar código PIX' }).click();
    await expect
      .poll(() => open.getByRole('button', { name: 'Código PIX copiado' }).isVisible(), WAIT)
      .toBe(true);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(pixCode);
    await expect
      .poll(() => page.getByText('Assinatura criada. Pague a primeira fatura abaixo.').count(), WAIT)
      .toBe(0);
    await documentationScreenshot(page, 'billing-invoice');
  });

  it('pays on the Asaas invoice page, and the status turns active by webhook', async () => {
    const [invoicePage] = await Promise.all([
      context.waitForEvent('page'),
      page.getByTestId('open-invoice').getByRole('link', { name: 'Pagar' }).click(),
    ]);
    await invoicePage.getByRole('button', { name: 'Simular pagamento' }).click();
    await expect.poll(() => invoicePage.getByText('RECEIVED').isVisible(), WAIT).toBe(true);
    await invoicePage.close();

    // Back to the app's tab, no reload: the refetch on focus and the poll while an invoice is pending bring
    // the webhook's news (a hidden tab does not poll).
    await page.bringToFront();
    await expect.poll(() => page.getByTestId('billing-status').textContent(), WAIT).toBe('Ativa');
    await expect.poll(() => page.getByTestId('invoice-status').first().textContent(), WAIT).toBe('Paga');
    expect(await page.getByTestId('open-invoice').count()).toBe(0);
    expect(await page.getByText(/^Pago até \d{2}\/\d{2}\/\d{4}\.$/).isVisible()).toBe(true);
  });

  it('changes plan, then cancels after confirming', async () => {
    await page.getByTestId('plan-equipe').getByRole('button', { name: 'Escolher' }).click();
    await expect.poll(() => page.getByLabel('Novo plano').first().inputValue(), WAIT).toMatch(/^Equipe/);
    await page.getByRole('button', { name: 'Mudar de plano' }).click();
    await expect.poll(() => page.getByText('Plano alterado.').isVisible(), WAIT).toBe(true);
    await expect.poll(() => page.getByTestId('billing-plan').textContent(), WAIT).toBe('Equipe');
    expect(await page.getByTestId('plan-equipe').textContent()).toContain('Plano atual');

    // The page's button comes first; the dialog's (same name) is portalled at the end of the body.
    await page.getByRole('button', { name: 'Cancelar assinatura' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Manter assinatura' }).click();
    await expect.poll(() => dialog.count(), WAIT).toBe(0);
    expect(await page.getByTestId('billing-status').textContent()).toBe('Ativa');
    await page.getByRole('button', { name: 'Cancelar assinatura' }).first().click();
    await dialog.getByRole('button', { name: 'Cancelar assinatura' }).click();
    await expect.poll(() => page.getByTestId('billing-status').textContent(), WAIT).toBe('Cancelada');
    // Paid until the period's end: a banner says how long, and subscribing again is offered.
    await expect
      .poll(() => page.getByTestId('billing-banner').getAttribute('data-kind'), WAIT)
      .toBe('canceled');
    expect(await page.getByRole('button', { name: 'Assinar', exact: true }).isVisible()).toBe(true);
    expect(
      await page.getByText(/^Pode ser usada até \d{2}\/\d{2}\/\d{4}; depois, somente leitura\.$/).isVisible(),
    ).toBe(true);
  });

  it('a trial that ended: read-only banner everywhere, and a refused write shows the notice', async () => {
    const owner = await signUpOwner(billing.server, { organizationName: 'Piscinas Lua' });
    await seedOffice(owner);
    billing.clock.advance(15 * DAY_MS);

    const other = await browser.newContext(PAGE_OPTIONS);
    const readOnlyPage = await other.newPage();
    const errors = watchPageErrors(readOnlyPage);
    try {
      await signIn(readOnlyPage, billing.server.url, owner);
      const banner = readOnlyPage.getByTestId('billing-banner');
      await expect.poll(() => banner.getAttribute('data-kind'), WAIT).toBe('read_only');
      expect(await banner.textContent()).toContain('somente para leitura');
      await documentationScreenshot(readOnlyPage, 'billing-read-only');

      await readOnlyPage.getByRole('link', { name: 'Clientes', exact: true }).click();
      await readOnlyPage.getByRole('button', { name: 'Novo cliente' }).click();
      await readOnlyPage.getByLabel('Nome').fill('Sônia Prado');
      await choosePoolType(readOnlyPage);
      await readOnlyPage.getByRole('button', { name: 'Salvar' }).click();
      const notice = readOnlyPage.getByTestId('billing-refusal-read_only');
      await expect.poll(() => notice.isVisible(), WAIT).toBe(true);
      // Once, from the app-wide handler: the form's own error toast stays quiet.
      expect(await readOnlyPage.locator('.mantine-Notification-root').count()).toBe(1);
      const saved = await billing.server.database
        .fork()
        .count(Client, { organization: owner.orgId, name: 'Sônia Prado' }, { filters: false });
      expect(saved).toBe(0);

      await notice.getByRole('link', { name: 'Ver assinatura' }).click();
      await expect
        .poll(() => readOnlyPage.getByRole('heading', { name: 'Assinatura', level: 2 }).isVisible(), WAIT)
        .toBe(true);
      expect(await readOnlyPage.getByTestId('billing-status').textContent()).toBeTruthy();
      expect(await readOnlyPage.getByText('Somente leitura', { exact: true }).count()).toBeGreaterThan(0);
      // The subscribe form is there: paying is the way out.
      expect(await readOnlyPage.getByRole('button', { name: 'Assinar', exact: true }).isVisible()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await other.close();
    }
    expect(pageErrors).toEqual([]);
  });

  it('a plan limit: inviting past the one member of Essencial shows the notice with its usage', async () => {
    const owner = await signUpOwner(billing.server, { organizationName: 'Piscinas Mar' });
    await seedOffice(owner);
    await subscribeOwner(billing, owner, 'essencial');

    const other = await browser.newContext(PAGE_OPTIONS);
    const limitPage = await other.newPage();
    try {
      await signIn(limitPage, billing.server.url, owner);
      await limitPage.getByRole('link', { name: 'Configurações', exact: true }).click();
      await limitPage.getByLabel('E-mail da pessoa convidada').fill('joana@example.com');
      await limitPage.getByRole('button', { name: 'Convidar' }).click();
      const notice = limitPage.getByTestId('billing-refusal-limit_reached');
      await expect.poll(() => notice.isVisible(), WAIT).toBe(true);
      expect(await notice.textContent()).toMatch(/1 de 1 membros da equipe/);
      expect(await limitPage.locator('.mantine-Notification-root').count()).toBe(1);
      await notice.getByRole('link', { name: 'Ver assinatura' }).click();
      await expect.poll(() => limitPage.getByTestId('usage-members').textContent(), WAIT).toContain('1 de 1');
    } finally {
      await other.close();
    }
  });

  it('staff see where the organization stands, read-only: no forms, no invoices', async () => {
    const owner = await signUpOwner(billing.server, { organizationName: 'Piscinas Rio' });
    await seedOffice(owner);
    const staff = await addMember(billing.server, owner.orgId, 'staff');
    const other = await browser.newContext(PAGE_OPTIONS);
    const staffPage = await other.newPage();
    try {
      await signIn(staffPage, billing.server.url, staff);
      await openBillingPage(staffPage);
      await expectFreshTrial(staffPage, '2 de 10');
      expect(
        await staffPage
          .getByText('Somente o proprietário da empresa pode assinar, mudar de plano ou cancelar.')
          .isVisible(),
      ).toBe(true);
      expect(await staffPage.getByRole('button', { name: 'Escolher' }).count()).toBe(0);
      expect(await staffPage.getByRole('button', { name: 'Assinar', exact: true }).count()).toBe(0);
      expect(await staffPage.getByText('Faturas', { exact: true }).count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
