import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BillingTestServer } from '../../server/test/billing-harness';
import { newAccount, signUpOwner, type SignedIn } from '../../server/test/harness';
import { documentationScreenshot, screenshotOnFailure } from './browser';
import { startDesktopPath, type DesktopPath } from './core-over-loopback';
import { startOfficeWeb, type OfficeWeb } from './office-web';
import {
  addClientWithCep,
  COMPANY,
  dismissFirstSteps,
  expectTickedSteps,
  fillCompanyDetails,
  registerCompany,
  saveClientWithCepAddress,
  typeClientWithCep,
  seeEmptyStates,
  seeFirstRunDashboard,
  signInToNewCompany,
  unknownCepDoesNotBlock,
} from './steps/first-run';

// A new company's first run, in Chromium, on the web build against the server (payments through the fake
// Asaas, so the trial counts down) and on the desktop path (the renderer over loopback to a real
// DesktopCore). CEP lookups go to a fake ViaCEP on loopback that the server is configured with.

/**
 * With UPDATE_SCREENSHOTS=1, docs/screenshots/<name>.png of the page scrolled to a section (below the fold
 * on these pages), once the save notices are gone.
 */
async function sectionScreenshot(page: Page, heading: string, name: string): Promise<void> {
  if (process.env['UPDATE_SCREENSHOTS'] !== '1') return;
  await page
    .locator('.mantine-Notification-root')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  await page
    .getByText(heading, { exact: true })
    .first()
    .evaluate((element) => {
      element.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -72);
    });
  await page.mouse.move(1360, 760);
  await page.waitForTimeout(400);
  await page.screenshot({
    path: fileURLToPath(new URL(`../../../docs/screenshots/${name}.png`, import.meta.url)),
  });
}

let office: OfficeWeb;
let billing: BillingTestServer;
let page: Page;

beforeAll(async () => {
  office = await startOfficeWeb();
  ({ billing, page } = office);
});

afterEach(async (context) => {
  await screenshotOnFailure(page, context.task, `first-run-${billing.server.dialect}`);
});

afterAll(() => office.close());

describe('first run on the web build', { timeout: 90_000 }, () => {
  const account = newAccount({ name: 'Ana Lima', organizationName: 'Piscinas Lima' });

  it('registers a new company and lands on the checklist, without an empty chart, with the trial in the header', async () => {
    await registerCompany(page, billing.server, account);
    await seeFirstRunDashboard(page, { trialDays: 14 });
    await documentationScreenshot(page, 'first-run-dashboard');
  });

  it('shows a useful empty state on every list', () => seeEmptyStates(page));

  it('fills the company details by keyboard, the address from the CEP, and the logo', async () => {
    await fillCompanyDetails(page);
    await sectionScreenshot(page, 'Dados da empresa', 'settings-company-details');
    const login = await billing.server
      .client()
      .auth.login.mutate({ email: account.email, password: account.password, client: 'desktop' });
    const api = billing.server.client({ accessToken: () => login.accessToken });
    expect(await api.organizations.current.query()).toMatchObject({
      documentMasked: COMPANY.document,
      phoneMasked: COMPANY.phone,
      replyToEmail: COMPANY.replyToEmail,
      hasLogo: true,
      address: {
        cepMasked: COMPANY.cep,
        street: COMPANY.street,
        number: COMPANY.number,
        complement: COMPANY.complement,
        district: COMPANY.district,
        city: COMPANY.city,
        uf: COMPANY.uf,
      },
    });
    await expectTickedSteps(page, ['company', 'email']);
  });

  it('adds a client whose address comes from its CEP, and the checklist ticks', async () => {
    await typeClientWithCep(page);
    await sectionScreenshot(page, 'Endereço', 'client-form-cep');
    await saveClientWithCepAddress(page);
    await expectTickedSteps(page, ['company', 'client', 'email']);
    expect(office.cep.requests).toEqual(expect.arrayContaining(['13010000', '01310100']));
  });

  it('goes on saving when the CEP is unknown', async () => {
    await unknownCepDoesNotBlock(page);
    expect(office.pageErrors).toEqual([]);
  });
});

describe('first run on the desktop path (core over loopback)', { timeout: 90_000 }, () => {
  let desktop: DesktopPath;
  let owner: SignedIn;

  beforeAll(async () => {
    owner = await signUpOwner(billing.server, { name: 'Bruno Reis', organizationName: 'Piscinas Reis' });
    desktop = await startDesktopPath(billing.server.url);
  });

  afterAll(async () => {
    await desktop.close();
  });

  it('signs in on the desktop and sees the checklist and the empty lists', async () => {
    await page.context().clearCookies();
    await signInToNewCompany(page, desktop.url, owner);
    await seeFirstRunDashboard(page, { trialDays: 14 });
    await seeEmptyStates(page);
  });

  it('fills the company details and adds a client with the CEP lookup forwarded by the core', async () => {
    await fillCompanyDetails(page);
    await expectTickedSteps(page, ['company', 'email']);
    await addClientWithCep(page);
    await expectTickedSteps(page, ['company', 'client', 'email']);
    const current = await owner.client.organizations.current.query();
    expect(current.address).toMatchObject({ city: COMPANY.city, number: COMPANY.number });
    const clients = await owner.client.clients.list.query({ search: 'helena' });
    expect(clients.items[0]?.address).toMatchObject({
      street: 'Avenida Paulista',
      city: 'São Paulo',
      uf: 'SP',
    });
  });

  it('dismisses the checklist for the whole team', async () => {
    await dismissFirstSteps(page);
    expect((await owner.client.organizations.firstSteps.query()).dismissed).toBe(true);
  });
});
