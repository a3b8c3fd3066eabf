import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPendingExports } from '@picineiros/api/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  signUpOwner,
  startTestServer,
  type SignedIn,
  type TestServer,
} from '../../server/test/harness';
import { ensureWebBuild, openChromiumPage, screenshotOnFailure } from './browser';
import { seedOffice, signIn } from './e2e-steps';

// LGPD in the web build, in Chromium: the policy and terms from the sign-in page, an owner's export with
// its progress and one-time download, the organization's deletion with its confirmation and cancellation,
// and the last owner's refused account deletion.

const PATIENCE = { timeout: 15_000 };

let server: TestServer;
let browser: Browser;
let page: Page;
let owner: SignedIn;
let pageErrors: string[] = [];

beforeAll(async () => {
  ensureWebBuild();
  server = await startTestServer();
  owner = await signUpOwner(server, { name: 'Helena Prado', organizationName: 'Piscinas Prado' });
  await seedOffice(owner);
  await addMember(server, owner.orgId, 'staff');
  ({ browser, page, pageErrors } = await openChromiumPage());
});

afterEach(async (context) => {
  await screenshotOnFailure(page, context.task, `privacy-${server.dialect}`);
});

afterAll(async () => {
  await browser.close();
  await server.close();
});

describe('privacy and data in Chromium', () => {
  it('opens the privacy policy and the terms from the sign-in page', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Política de privacidade' }).click();
    await page.getByRole('heading', { name: 'Política de privacidade' }).waitFor(PATIENCE);
    expect(await page.getByText('Asaas Gestão Financeira').count()).toBe(1);
    await page.getByRole('link', { name: 'Voltar' }).click();
    await page.getByRole('link', { name: 'Termos de uso' }).click();
    await page.getByRole('heading', { name: 'Termos de uso' }).waitFor(PATIENCE);
  });

  it('exports every record of the organization and downloads the file once', async () => {
    await signIn(page, server.url, owner);
    await page.getByRole('link', { name: 'Configurações', exact: true }).click();
    await page.getByRole('button', { name: 'Solicitar exportação' }).click();
    await page.getByText('Na fila').waitFor(PATIENCE);
    // The server's worker, run here by hand (the test server starts no workers).
    await runPendingExports(server.database, { dataDir: server.config.dataDir, clock: () => new Date() });
    const button = page.getByRole('button', { name: 'Baixar arquivo (uma única vez)' });
    await button.waitFor(PATIENCE);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^picineiros-dados-\d{4}-\d{2}-\d{2}\.zip$/);
    const saved = join(mkdtempSync(join(tmpdir(), 'picineiros-export-')), download.suggestedFilename());
    await download.saveAs(saved);
    expect(statSync(saved).size).toBeGreaterThan(1000);
    await page.getByTestId('export-status').getByText('Baixada').waitFor(PATIENCE);
    expect(await button.count()).toBe(0);
  });

  it('schedules the deletion of the organization after its name and the password, then cancels it', async () => {
    await page.getByRole('button', { name: 'Excluir empresa…' }).click();
    const confirm = page.getByRole('button', { name: 'Agendar exclusão' });
    await page.getByLabel('Digite o nome da empresa para confirmar').fill('Piscinas');
    await page.getByRole('dialog').getByLabel('Sua senha').fill(owner.password);
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel('Digite o nome da empresa para confirmar').fill('Piscinas Prado');
    await confirm.click();
    await page.getByTestId('deletion-banner').waitFor(PATIENCE);
    expect(await page.getByTestId('deletion-banner').textContent()).toMatch(
      /apagados em \d{2}\/\d{2}\/\d{4}/,
    );
    expect((await owner.client.organizations.current.query()).deletion).not.toBeNull();
    await page.getByRole('button', { name: 'Cancelar exclusão' }).click();
    await page.getByTestId('deletion-banner').waitFor({ state: 'detached', ...PATIENCE });
    expect((await owner.client.organizations.current.query()).deletion).toBeNull();
  });

  it('tells the last owner of a team to hand the organization over before deleting the account', async () => {
    await page.getByRole('link', { name: 'Meu perfil', exact: true }).click();
    await page.getByRole('button', { name: 'Excluir minha conta…' }).click();
    await page.getByRole('dialog').getByLabel('Sua senha').fill(owner.password);
    await page.getByRole('dialog').getByRole('button', { name: 'Excluir minha conta' }).click();
    const refusal = page.getByTestId('delete-account-refusal');
    await refusal.waitFor(PATIENCE);
    expect(await refusal.textContent()).toContain('Transfira a propriedade');
    expect(await owner.client.auth.me.query()).toMatchObject({ user: { email: owner.email } });
    expect(pageErrors).toEqual([]);
  });
});
