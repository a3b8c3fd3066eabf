import { User } from '@picineiros/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  errorOf,
  signUpOwner,
  startTestServer,
  type SignedIn,
  type TestServer,
} from '../../server/test/harness';
import { ensureWebBuild, openChromiumPage } from './browser';
import { PATIENCE } from './e2e-steps';

// The sign-in history in the profile, the team's sign-ins and the new-device switch in settings, in
// Chromium against the real server.
let server: TestServer;
let browser: Browser;
let page: Page;
let owner: SignedIn;
let staff: SignedIn;
let pageErrors: string[] = [];

beforeAll(async () => {
  ensureWebBuild();
  server = await startTestServer();
  owner = await signUpOwner(server, { name: 'Marina Souza', organizationName: 'Piscinas Azul' });
  staff = await addMember(server, owner.orgId, 'staff');
  await errorOf(
    server.client().auth.login.mutate({ email: staff.email, password: 'senha-errada-00', client: 'web' }),
  );
  ({ browser, page, pageErrors } = await openChromiumPage());
});

afterAll(async () => {
  await browser.close();
  await server.close();
});

describe('sign-in history in Chromium', () => {
  it("lists the owner's own sign-ins in the profile", async () => {
    await page.goto(server.url);
    await page.getByLabel('E-mail').fill(owner.email);
    await page.getByLabel('Senha').fill(owner.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Painel' }).isVisible(), PATIENCE).toBe(true);
    await page.getByRole('link', { name: 'Meu perfil', exact: true }).click();
    const history = page.locator('.mantine-Card-root', { hasText: 'Histórico de acesso' });
    // Registration (desktop client) and this browser sign-in, newest first.
    await expect.poll(() => history.locator('tbody tr').count(), PATIENCE).toBe(2);
    expect(await history.locator('tbody tr').first().textContent()).toContain('Entrou');
    expect(await history.locator('tbody tr').last().textContent()).toContain('Aplicativo desktop');
  });

  it("shows the team's sign-ins to the owner, filtered by member, and saves the new-device switch", async () => {
    await page.getByRole('link', { name: 'Configurações', exact: true }).click();
    const team = page.locator('.mantine-Card-root', { hasText: 'Acessos da equipe' });
    await expect.poll(() => team.locator('tbody tr').count(), PATIENCE).toBe(4);
    await team.getByLabel('Membro').click();
    await page.getByRole('option', { name: 'Membro staff' }).click();
    await expect.poll(() => team.locator('tbody tr').count(), PATIENCE).toBe(2);
    expect(await team.locator('tbody').textContent()).toContain('Senha incorreta');
    expect(await team.locator('tbody').textContent()).not.toContain(owner.email);

    const toggle = page.getByLabel(
      'Avisar por e-mail quando entrarem na minha conta por um dispositivo novo',
    );
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click({ force: true });
    await expect
      .poll(
        async () => (await server.database.fork().findOneOrFail(User, owner.userId)).notifyNewDevice,
        PATIENCE,
      )
      .toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
