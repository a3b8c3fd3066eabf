import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner, startTestServer, type SignedIn, type TestServer } from '../../server/test/harness';
import { ensureWebBuild, openChromiumPage, screenshotOnFailure } from './browser';
import {
  createAppointment,
  createClientThroughFieldErrors,
  markOverdueEntryPaid,
  seedOffice,
  signIn,
  signOutWhenIdle,
} from './e2e-steps';

// The web build, served by the real server at `/`, driven in Debian's Chromium: what an office worker
// does on a normal day, end to end.

let server: TestServer;
let browser: Browser;
let page: Page;
let owner: SignedIn;
let pageErrors: string[] = [];

beforeAll(async () => {
  ensureWebBuild();
  server = await startTestServer();
  owner = await signUpOwner(server, { name: 'Marina Souza', organizationName: 'Piscinas Azul' });
  await seedOffice(owner);
  ({ browser, page, pageErrors } = await openChromiumPage());
});

// A failing step leaves a screenshot under test-results/ (ignored by git) to see what the user saw.
afterEach(async (context) => {
  await screenshotOnFailure(page, context.task, `desktop-${server.dialect}`);
});

afterAll(async () => {
  await browser.close();
  await server.close();
});

describe('web build served by the server', () => {
  it('serves the UI at / and for unknown pages, without shadowing the API paths', async () => {
    const home = await fetch(`${server.url}/`);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(await home.text()).toContain('<div id="root">');
    const emailed = await fetch(`${server.url}/redefinir-senha?token=abc`);
    expect(await emailed.text()).toContain('<div id="root">');
    const api = await fetch(`${server.url}/trpc/nothing.here`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/json/);
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('web build in Chromium', () => {
  it('signs in', () => signIn(page, server.url, owner));

  it('shows field errors on the right field: a bad CPF (form) and a taken one (server), then saves', () =>
    createClientThroughFieldErrors(page, owner));

  it('creates an appointment and shows it in the week', () => createAppointment(page, owner));

  it('marks an overdue entry paid, and the dashboard reflects it', () => markOverdueEntryPaid(page));

  it('signs out by itself after the idle time', async () => {
    await signOutWhenIdle(page, owner, 'web');
    expect(pageErrors).toEqual([]);
  });
});
