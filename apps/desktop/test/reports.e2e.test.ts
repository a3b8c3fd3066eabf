import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner, startTestServer, type SignedIn, type TestServer } from '../../server/test/harness';
import { documentationScreenshot, ensureWebBuild, openChromiumPage, screenshotOnFailure } from './browser';
import { seedOffice, signIn } from './e2e-steps';

// Exports, the reports screen, the logo and the calendar feed in the web build, in Debian's Chromium.

const PATIENCE = { timeout: 15_000 };
const LOGO = join(import.meta.dirname, '../../server/test/fixtures/logo.png');

let server: TestServer;
let browser: Browser;
let page: Page;
let owner: SignedIn;
let pageErrors: string[] = [];

beforeAll(async () => {
  ensureWebBuild();
  // Feed addresses as production shows them (the test server itself listens on a random port).
  server = await startTestServer({ env: { PUBLIC_URL: 'https://app.picineiros.com.br' } });
  owner = await signUpOwner(server, { name: 'Marina Souza', organizationName: 'Piscinas Azul' });
  await seedOffice(owner);
  for (const name of ['Ana Beatriz; "Bia"', 'Bruno Costa', '=cmd|calc']) {
    await owner.client.clients.create.mutate({ name, pools: [{ type: 'vinyl', volumeLiters: 25_000 }] });
  }
  await owner.client.clients.create.mutate({
    name: 'Inativo Silva',
    active: false,
    pools: [{ type: 'other' }],
  });
  ({ browser, page, pageErrors } = await openChromiumPage({ acceptDownloads: true }));
});

/** Closes the toasts of earlier steps, so the documentation screenshots show the page alone. */
async function dismissNotifications(): Promise<void> {
  for (const button of await page.locator('.mantine-Notification-closeButton').all()) {
    await button.click().catch(() => undefined);
  }
}

afterEach(async (context) => {
  await screenshotOnFailure(page, context.task, `reports-${server.dialect}`);
});

afterAll(async () => {
  await browser.close();
  await server.close();
});

describe('reports and exports in the web build', () => {
  it('signs in', () => signIn(page, server.url, owner));

  it('exports the clients list, with its current filter, as a CSV download with the right rows', async () => {
    await page.getByRole('link', { name: 'Clientes', exact: true }).click();
    await expect.poll(() => page.getByText('Bruno Costa').isVisible(), PATIENCE).toBe(true);
    // Only active clients: the list's filter goes into the export.
    await page.getByText('Ativos', { exact: true }).click();
    await expect.poll(() => page.getByText('Inativo Silva').isVisible(), PATIENCE).toBe(false);
    await page.getByTestId('export-clients').click();
    await expect
      .poll(() => page.getByRole('menuitem', { name: 'PDF para imprimir' }).isVisible(), PATIENCE)
      .toBe(true);
    await documentationScreenshot(page, 'clients-export');
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'Planilha CSV (Excel)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^clientes-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const records: string[][] = parse(readFileSync(path), { delimiter: ';', bom: true });
    expect(records[0]?.slice(0, 3)).toEqual(['Nome', 'CPF/CNPJ', 'Telefone']);
    expect(records.slice(1).map((record) => record[0])).toEqual([
      'Ana Beatriz; "Bia"',
      'Bruno Costa',
      // Sorted by the folded name ('cmdcalc'); the formula is neutralised in the file.
      "'=cmd|calc",
      'Condomínio Jardim',
    ]);
    expect(records.slice(1).every((record) => record[6] === 'Ativo')).toBe(true);
  });

  it('the reports screen downloads a PDF of the finance entries', async () => {
    await page.getByRole('link', { name: 'Relatórios', exact: true }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Relatórios' }).isVisible(), PATIENCE)
      .toBe(true);
    await page.getByTestId('report-kind-finance').click();
    await dismissNotifications();
    await documentationScreenshot(page, 'reports');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('report-pdf').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^lancamentos-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('uploads a logo in the settings (preview), refusing a file that is not an image', async () => {
    await page.getByRole('link', { name: 'Configurações', exact: true }).click();
    const card = page.getByTestId('logo-settings');
    await expect.poll(() => card.isVisible(), PATIENCE).toBe(true);
    await card.locator('input[type=file]').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('GIF89a not really a png'),
    });
    await card.getByRole('button', { name: 'Enviar logo' }).click();
    await expect.poll(() => card.getByText('Envie uma imagem PNG ou JPEG.').isVisible(), PATIENCE).toBe(true);
    await card.locator('input[type=file]').setInputFiles(LOGO);
    await card.getByRole('button', { name: 'Enviar logo' }).click();
    await expect.poll(() => card.getByTestId('logo-preview').isVisible(), PATIENCE).toBe(true);
    expect((await owner.client.organizations.logo.query())?.contentType).toBe('image/png');
    await dismissNotifications();
    await documentationScreenshot(page, 'settings-logo');
  });

  it('creates the calendar feed address in the profile and shows it', async () => {
    await page.getByRole('link', { name: 'Meu perfil', exact: true }).click();
    const card = page.getByTestId('calendar-feed');
    await expect.poll(() => card.isVisible(), PATIENCE).toBe(true);
    await card.getByTestId('calendar-create').click();
    await expect
      .poll(() => card.getByTestId('calendar-url').inputValue(), PATIENCE)
      .toMatch(/\/calendar\/.+\.ics$/);
    const url = await card.getByTestId('calendar-url').inputValue();
    const feed = await fetch(`${server.url}${new URL(url).pathname}`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    await dismissNotifications();
    await documentationScreenshot(page, 'profile-calendar');
    expect(pageErrors).toEqual([]);
  });
});
