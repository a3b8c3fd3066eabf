import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner, startTestServer, type SignedIn, type TestServer } from '../../server/test/harness';
import { ensureWebBuild, openChromiumPage, screenshotOnFailure } from './browser';
import { expectFreshTrial, openBillingPage, WAIT } from './billing-steps';
import { startDesktopPath, type DesktopPath } from './core-over-loopback';
import {
  createAppointment,
  choosePoolType,
  createClientThroughFieldErrors,
  markOverdueEntryPaid,
  PATIENCE,
  seedOffice,
  signIn,
  signOutWhenIdle,
} from './e2e-steps';
import { startLoopbackProxy } from './loopback-proxy';

// The same renderer and the same office day as web.e2e.test.ts, but on its desktop path: the page talks to
// a real DesktopCore (replica + sync) over a loopback bridge, and the core talks to the real server through
// a TCP relay the test can cut to play "the server is gone".

let server: TestServer;
let proxy: Awaited<ReturnType<typeof startLoopbackProxy>>;
let desktop: DesktopPath;
let browser: Browser;
let page: Page;
let owner: SignedIn;
let pageErrors: string[] = [];

beforeAll(async () => {
  ensureWebBuild();
  server = await startTestServer();
  proxy = await startLoopbackProxy(() => new URL(server.url));
  owner = await signUpOwner(server, { name: 'Marina Souza', organizationName: 'Piscinas Azul' });
  await seedOffice(owner);
  desktop = await startDesktopPath(proxy.url);
  ({ browser, page, pageErrors } = await openChromiumPage());
});

afterEach(async (context) => {
  await screenshotOnFailure(page, context.task, `desktop-core-${server.dialect}`);
});

afterAll(async () => {
  await browser.close();
  await desktop.close();
  await proxy.down();
  await server.close();
});

describe('the renderer against the desktop core over loopback', () => {
  it('signs in as a desktop client, and the core fills its replica', async () => {
    await signIn(page, desktop.url, owner);
    const sessions = await owner.client.auth.sessions.query();
    expect(sessions.map((session) => session.client)).toContain('desktop');
    await expect.poll(() => desktop.core.replica.counts()['finance_entries'], PATIENCE).toBe(1);
  });

  it('shows field errors on the right field: a bad CPF (form) and a taken one (server), then saves', () =>
    createClientThroughFieldErrors(page, owner));

  it('creates an appointment and shows it in the week', () => createAppointment(page, owner));

  it('marks an overdue entry paid, and the dashboard reflects it', () => markOverdueEntryPaid(page));

  it('shows billing through the core (forwarded to the server): trial, usage, no payments here', async () => {
    await openBillingPage(page);
    await expectFreshTrial(page, '1 de 10');
    // This test server runs without Asaas: the page says so instead of offering a form that cannot work.
    await expect.poll(() => page.getByTestId('billing-unavailable').isVisible(), WAIT).toBe(true);
    expect(await page.getByRole('button', { name: 'Assinar', exact: true }).count()).toBe(0);
  });

  it('shows "Sem conexão" when the server is gone, keeps reading from the replica and refuses writes', async () => {
    await proxy.down();
    const offline = page.getByTestId('offline-indicator');
    await expect.poll(() => offline.isVisible(), PATIENCE).toBe(true);

    // A search the page has never made: only the core's replica can answer it now.
    await page.getByRole('link', { name: 'Clientes', exact: true }).click();
    await page.getByPlaceholder(/Buscar/).fill('condom');
    await expect
      .poll(() => page.getByRole('cell', { name: 'Ricardo Alves' }).isVisible(), PATIENCE)
      .toBe(false);
    await expect
      .poll(() => page.getByRole('cell', { name: 'Condomínio Jardim' }).isVisible(), PATIENCE)
      .toBe(true);

    // A page reloaded while offline starts with the indicator and the signed-in session (from the core).
    await page.reload();
    await expect.poll(() => offline.isVisible(), PATIENCE).toBe(true);
    await expect
      .poll(() => page.getByRole('cell', { name: 'Ricardo Alves' }).isVisible(), PATIENCE)
      .toBe(true);

    await page.getByRole('button', { name: 'Novo cliente' }).click();
    await page.getByLabel('Nome').fill('Sônia Prado');
    await choosePoolType(page);
    await page.getByRole('button', { name: 'Salvar' }).click();
    await expect
      .poll(
        () => page.getByText(/Sem conexão com o servidor: a alteração não foi salva/).isVisible(),
        PATIENCE,
      )
      .toBe(true);
    expect((await owner.client.clients.list.query({ search: 'sonia' })).total).toBe(0);
  });

  it('says billing needs the server while it is gone (nothing of it is in the replica)', async () => {
    await openBillingPage(page);
    await expect.poll(() => page.getByTestId('billing-offline').isVisible(), WAIT).toBe(true);
  });

  it('clears the indicator when the server is back', async () => {
    await proxy.up();
    await expect.poll(() => page.getByTestId('offline-indicator').isVisible(), PATIENCE).toBe(false);
  });

  it('signs out by itself after the idle time, and the core forgets the organization', async () => {
    await signOutWhenIdle(page, owner, 'desktop');
    expect(desktop.core.replica.counts()['clients']).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
