import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner, startTestServer, type SignedIn, type TestServer } from '../../server/test/harness';
import { addDays, todayLocal } from '../src/renderer/dates';
import { ensureWebBuild, launchChromium, PAGE_OPTIONS, screenshotOnFailure } from './browser';
import { startDesktopPath, type DesktopPath } from './core-over-loopback';
import { PATIENCE, seedOffice, signIn, watchPageErrors } from './e2e-steps';
import {
  archiveClientThroughAppDialog,
  chargeWithTypedDates,
  DATE_FIELD_PLACES,
  expectEveryDateFieldListed,
  newClientByKeyboard,
  passwordToggleInPortuguese,
  reportWaitsForReadableDates,
  rescheduleWithDigitsOnly,
  scheduleWithTypedDates,
  typeIntoDateFields,
  type DateFieldsContext,
} from './steps/dates-keyboard';

// Typed dates and keyboard traps (issue 13, items 1, 4 and the confirm dialogs of 9), on both paths of the
// same renderer: the web build against the server, and the desktop path (the renderer over loopback to a
// real DesktopCore, whose replica answers appointments.list and finance.list). Every date field of the app
// (DATE_FIELD_PLACES) is typed into from the keyboard; the forms that save are checked through the API.

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuild();
  server = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

describe('the list of date fields', () => {
  it('names every LocalDateInput of the renderer, and no screen uses a Mantine date input directly', () => {
    expectEveryDateFieldListed();
    expect(DATE_FIELD_PLACES.flatMap((place) => place.fields)).toHaveLength(14);
  });
});

/** seedOffice (what signIn checks), a client with a pool, a visit tomorrow at 09:00 and a pending charge. */
async function seed(owner: SignedIn): Promise<DateFieldsContext> {
  await seedOffice(owner);
  const client = await owner.client.clients.create.mutate({
    name: 'Clube Teclado',
    pools: [{ type: 'vinyl' }],
  });
  const visit = { date: addDays(todayLocal(), 1), startTime: '09:00' };
  await owner.client.appointments.create.mutate({ clientId: client.id, ...visit, priceCents: 15_000 });
  await owner.client.finance.create.mutate({
    clientId: client.id,
    description: 'Mensalidade teclado',
    amountCents: 30_000,
    dueDate: addDays(todayLocal(), 10),
  });
  return { owner, clientName: 'Clube Teclado', chargeDescription: 'Mensalidade teclado', visit };
}

/** A step of many keystrokes and page loads; the machine running the suite may be busy. */
const SLOW = 180_000;

function keyboardSteps(page: () => Page, context: () => DateFieldsContext) {
  // Day first (08/12 is never August 12th), d/m/aa and ddmmaaaa read, impossible dates and letters refused.
  for (const place of DATE_FIELD_PLACES) {
    it(
      `types into every date field of ${place.name}`,
      () => typeIntoDateFields(page(), context(), place),
      SLOW,
    );
  }

  it(
    'Novo atendimento: an impossible date saves nothing, a far date asks first, the typed day is saved',
    () => scheduleWithTypedDates(page(), context()),
    SLOW,
  );

  it('Remarcar with the date typed as ddmmaaaa', () => rescheduleWithDigitsOnly(page(), context()), SLOW);

  it(
    'Nova cobrança with a d/m/aa due date, and a typed payment date',
    () => chargeWithTypedDates(page(), context()),
    SLOW,
  );

  it(
    'Relatórios holds the export while a date cannot be read',
    () => reportWaitsForReadableDates(page()),
    SLOW,
  );

  it(
    'Novo cliente by keyboard only: UF typed (SP, são paulo) with Enter and Tab, no empty pool saved',
    () => newClientByKeyboard(page(), context().owner, 'Helena Teclado'),
    SLOW,
  );

  it(
    "archives a client through the app's own dialog, never the browser's",
    () => archiveClientThroughAppDialog(page(), context().owner, 'Helena Teclado'),
    SLOW,
  );
}

describe('dates and keyboard on the web build', () => {
  let page: Page;
  let context: DateFieldsContext;
  let pageErrors: string[];
  beforeAll(async () => {
    const owner = await signUpOwner(server, { name: 'Marina Souza', organizationName: 'Piscinas Azul' });
    context = await seed(owner);
    page = await browser.newPage(PAGE_OPTIONS);
    pageErrors = watchPageErrors(page);
  });
  afterEach(async (test) => {
    await screenshotOnFailure(page, test.task, `dates-keyboard-web-${server.dialect}`);
  });
  afterAll(async () => {
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it(
    'labels the password eye in Portuguese, then signs in',
    async () => {
      await page.goto(server.url);
      await passwordToggleInPortuguese(page);
      await signIn(page, server.url, context.owner);
    },
    SLOW,
  );
  keyboardSteps(
    () => page,
    () => context,
  );
});

describe('dates and keyboard on the desktop path (core over loopback)', () => {
  let page: Page;
  let context: DateFieldsContext;
  let desktop: DesktopPath;
  let pageErrors: string[];
  beforeAll(async () => {
    const owner = await signUpOwner(server, { name: 'Marina Souza', organizationName: 'Piscinas Verde' });
    context = await seed(owner);
    desktop = await startDesktopPath(server.url);
    page = await browser.newPage(PAGE_OPTIONS);
    pageErrors = watchPageErrors(page);
  });
  afterEach(async (test) => {
    await screenshotOnFailure(page, test.task, `dates-keyboard-core-${server.dialect}`);
  });
  afterAll(async () => {
    expect(pageErrors).toEqual([]);
    await page.close();
    await desktop.close();
  });

  it(
    'signs in, and the core fills its replica',
    async () => {
      await signIn(page, desktop.url, context.owner);
      await expect.poll(() => desktop.core.replica.counts()['appointments'], PATIENCE).toBe(1);
    },
    SLOW,
  );
  keyboardSteps(
    () => page,
    () => context,
  );
});
