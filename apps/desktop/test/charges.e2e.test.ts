import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner, startTestServer, type SignedIn, type TestServer } from '../../server/test/harness';
import { addDays, todayLocal } from '../src/renderer/dates';
import {
  documentationScreenshot,
  ensureWebBuild,
  launchChromium,
  PAGE_OPTIONS,
  screenshotOnFailure,
} from './browser';
import { startDesktopPath, type DesktopPath } from './core-over-loopback';
import { PATIENCE, seedOffice, signIn, typedDate, watchPageErrors } from './e2e-steps';
import {
  archiveCharge,
  billCompletedVisit,
  clearChargeFilters,
  editCharge,
  expectNothingToBill,
  filterCharges,
  markChargePaid,
  reopenCharge,
  checkClientCharges,
  restoreCharge,
} from './steps/charges';

// Financeiro's charges, by keyboard and mouse, on both paths of the same renderer: the web build against the
// server, and the desktop path (the renderer over loopback to a real DesktopCore, whose replica answers
// finance.list and appointments.list). Bill a done visit (only unbilled ones are offered), edit the charge,
// filter the list (search, client, period) with its total line, mark it paid, reopen it, archive it after the
// app's confirm dialog, restore it.

/** A step types and waits on a loaded machine (up to 8 helpers share 2 cores): well above vitest's 30 s. */
const STEP_TIMEOUT = 90_000;

const today = todayLocal();
const day = (offset: number) => addDays(today, offset);

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

/**
 * The office's data: seedOffice's overdue R$ 350,00 (what signIn checks), two clients, a done visit of
 * João's to bill, others that must not be offered (billed already, not done, no price), and Maria's charges.
 */
async function seedCharges(owner: SignedIn) {
  await seedOffice(owner);
  const joao = await owner.client.clients.create.mutate({ name: 'João Araújo', pools: [{ type: 'vinyl' }] });
  const maria = await owner.client.clients.create.mutate({ name: 'Maria Souza', pools: [{ type: 'vinyl' }] });
  const visit = async (date: string, priceCents: number | null, done: boolean) => {
    const created = await owner.client.appointments.create.mutate({
      clientId: joao.id,
      date,
      startTime: '09:00',
      priceCents,
    });
    if (done) {
      await owner.client.appointments.setStatus.mutate({ id: created.id, status: 'confirmed' });
      await owner.client.appointments.setStatus.mutate({ id: created.id, status: 'done' });
    }
    return created;
  };
  await visit(day(-3), 18_000, true);
  const billed = await visit(day(-5), 20_000, true);
  await owner.client.finance.createFromAppointment.mutate({ appointmentId: billed.id, dueDate: day(20) });
  await visit(day(-4), 15_000, false);
  await visit(day(-6), null, true);
  for (const [description, amountCents, dueDate] of [
    ['Mensalidade de março', 40_000, day(5)],
    ['Produtos de limpeza', 8_050, day(12)],
    ['Troca de areia do filtro', 25_000, day(40)],
  ] as const) {
    await owner.client.finance.create.mutate({ clientId: maria.id, description, amountCents, dueDate });
  }
}

/** The steps, the same on both paths; `page()` is read when each step runs. */
function chargeSteps(page: () => Page, owner: () => SignedIn, screenshots: boolean) {
  const billedDescription = `Atendimento de ${typedDate(day(-3))}`;

  it(
    'bills the done visit: only visits not billed yet, done and priced, are offered',
    async () => {
      await billCompletedVisit(page(), {
        offered: [/João Araújo · R\$\s180,00/],
        bill: new RegExp(`${typedDate(day(-3))} · João Araújo · R\\$\\s180,00`),
      });
      await expectNothingToBill(page());
      const entries = await owner().client.finance.list.query({ search: 'joao' });
      expect(entries.items.map((entry) => [entry.description, entry.amountCents])).toContainEqual([
        billedDescription,
        18_000,
      ]);
    },
    STEP_TIMEOUT,
  );

  it(
    'edits the charge by keyboard: description, amount and a typed due date',
    async () => {
      await editCharge(page(), {
        description: billedDescription,
        newDescription: 'Limpeza e aspiração',
        newAmount: '195,00',
        newDueDate: day(10),
      });
      const [entry] = (await owner().client.finance.list.query({ search: 'aspiracao' })).items;
      expect(entry).toMatchObject({
        description: 'Limpeza e aspiração',
        amountCents: 19_500,
        dueDate: day(10),
      });
    },
    STEP_TIMEOUT,
  );

  it(
    'filters by text (accents ignored), client and a typed period, with the total of the filtered rows',
    async () => {
      await filterCharges(
        page(),
        { search: 'ASPIRACAO' },
        { descriptions: ['Limpeza e aspiração'], total: /Total · 1 lançamento\s*R\$\s195,00/ },
      );
      // The client's name finds its charges too.
      await filterCharges(
        page(),
        { search: 'araujo' },
        {
          descriptions: ['Limpeza e aspiração', billedOnSeed],
          total: /Total · 2 lançamentos\s*R\$\s395,00/,
        },
      );
      await filterCharges(
        page(),
        { search: '', client: 'maria' },
        {
          descriptions: ['Mensalidade de março', 'Produtos de limpeza', 'Troca de areia do filtro'],
          total: /Total · 3 lançamentos\s*R\$\s730,50/,
        },
      );
      await filterCharges(
        page(),
        { from: day(1), to: day(30) },
        {
          descriptions: ['Mensalidade de março', 'Produtos de limpeza'],
          total: /Total · 2 lançamentos\s*R\$\s480,50/,
        },
      );
      if (screenshots) await documentationScreenshot(page(), '11c-finance-filtered');
      await clearChargeFilters(page());
    },
    STEP_TIMEOUT,
  );

  it(
    'marks the charge paid',
    async () => {
      await markChargePaid(page(), { description: 'Limpeza e aspiração', method: 'PIX' });
      const [entry] = (await owner().client.finance.list.query({ search: 'aspiracao' })).items;
      expect(entry).toMatchObject({ status: 'paid', paymentMethod: 'pix' });
    },
    STEP_TIMEOUT,
  );

  it(
    'reopens the paid charge after the confirm dialog (a payment marked by mistake)',
    async () => {
      await reopenCharge(page(), { description: 'Limpeza e aspiração' });
      const [entry] = (await owner().client.finance.list.query({ search: 'aspiracao' })).items;
      expect(entry).toMatchObject({ status: 'pending', paidAt: null, paymentMethod: null });
    },
    STEP_TIMEOUT,
  );

  it(
    'archives the charge after the confirm dialog, shows it with "Mostrar arquivados", restores it',
    async () => {
      await archiveCharge(page(), { description: 'Limpeza e aspiração' });
      if (screenshots) await documentationScreenshot(page(), '11d-finance-archived');
      const archived = await owner().client.finance.list.query({
        search: 'aspiracao',
        includeArchived: true,
      });
      expect(archived.items[0]?.deletedAt).toBeInstanceOf(Date);
      await restoreCharge(page(), { description: 'Limpeza e aspiração' });
      const [entry] = (await owner().client.finance.list.query({ search: 'aspiracao' })).items;
      expect(entry?.deletedAt).toBeNull();
    },
    STEP_TIMEOUT,
  );

  it(
    "shows the client's charges in two sections, A receber and Pagas, each with its total",
    async () => {
      await markChargePaid(page(), { description: 'Produtos de limpeza', method: 'Dinheiro' });
      await checkClientCharges(page(), {
        client: 'Maria Souza',
        pending: {
          descriptions: ['Mensalidade de março', 'Troca de areia do filtro'],
          total: /2 cobranças · R\$\s650,00/,
        },
        paid: { descriptions: ['Produtos de limpeza'], total: /1 cobrança · R\$\s80,50/ },
      });
      if (screenshots) {
        // For a look at the sections (test-results/ is not committed).
        await page().getByTestId('client-charges-paid').scrollIntoViewIfNeeded();
        await page().screenshot({ path: 'test-results/charges-client-page.png' });
      }
    },
    STEP_TIMEOUT,
  );
}

/** The visit billed before the test (seedCharges), due in 20 days. */
const billedOnSeed = `Atendimento de ${typedDate(day(-5))}`;

describe('charges on the web build', () => {
  let page: Page;
  let owner: SignedIn;
  let pageErrors: string[];
  beforeAll(async () => {
    owner = await signUpOwner(server, { name: 'Marina Souza', organizationName: 'Piscinas Azul' });
    await seedCharges(owner);
    page = await browser.newPage(PAGE_OPTIONS);
    pageErrors = watchPageErrors(page);
  });
  afterEach(async (context) => {
    await screenshotOnFailure(page, context.task, `charges-web-${server.dialect}`);
  });
  afterAll(async () => {
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('signs in', () => signIn(page, server.url, owner));
  chargeSteps(
    () => page,
    () => owner,
    true,
  );
});

describe('charges on the desktop path (core over loopback)', () => {
  let page: Page;
  let owner: SignedIn;
  let desktop: DesktopPath;
  let pageErrors: string[];
  beforeAll(async () => {
    owner = await signUpOwner(server, { name: 'Marina Souza', organizationName: 'Piscinas Verde' });
    await seedCharges(owner);
    desktop = await startDesktopPath(server.url);
    page = await browser.newPage(PAGE_OPTIONS);
    pageErrors = watchPageErrors(page);
  });
  afterEach(async (context) => {
    await screenshotOnFailure(page, context.task, `charges-core-${server.dialect}`);
  });
  afterAll(async () => {
    expect(pageErrors).toEqual([]);
    await page.close();
    await desktop.close();
  });

  it('signs in, and the core fills its replica', async () => {
    await signIn(page, desktop.url, owner);
    await expect.poll(() => desktop.core.replica.counts()['finance_entries'], PATIENCE).toBe(5);
  });
  chargeSteps(
    () => page,
    () => owner,
    false,
  );
});
