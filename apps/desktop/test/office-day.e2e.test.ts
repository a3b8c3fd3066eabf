import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BillingTestServer } from '../../server/test/billing-harness';
import { newAccount, signInExisting, type SignedIn } from '../../server/test/harness';
import { addDays, startOfWeek, todayLocal } from '../src/renderer/dates';
import { screenshotOnFailure } from './browser';
import { PATIENCE } from './e2e-steps';
import { startOfficeWeb, type OfficeWeb } from './office-web';
import { billCompletedVisit, editCharge, markChargePaid, reopenCharge } from './steps/charges';
import { DATE_FIELD_PLACES, expectEveryDateFieldListed, typeIntoDateFields } from './steps/dates-keyboard';
import {
  addClientWithCep,
  expectTickedSteps,
  fillCompanyDetails,
  registerCompany,
  seeFirstRunDashboard,
} from './steps/first-run';
import {
  cancelVisitWithReason,
  completeVisit,
  reopenVisit,
  rescheduleByDrag,
  rescheduleByKeyboard,
  scheduleVisit,
  type VisitRef,
} from './steps/visits';
import { downloadListCsv, readExcelCsv } from './steps/wording';

// Issue 13's office day, start to end in one walk, in Chromium on the web build: a new company registers,
// fills its details (address from the CEP, through a fake ViaCEP on loopback), adds a client the same way,
// types dates into every date field of the app, schedules a visit and moves it by drag and by keyboard,
// cancels it with a reason and reopens it, completes and bills it, corrects the charge, marks it paid and
// reopens it, and exports the list. Each area's own suite walks its steps on the desktop path as well.

let office: OfficeWeb;
let billing: BillingTestServer;
let page: Page;
let owner: SignedIn;

const account = newAccount({ name: 'Paula Ramos', organizationName: 'Piscinas Ramos' });
const client = 'Helena Prado';
// Next week (Sunday first), so every day of the walk is in the future and in one week view.
const weekStart = addDays(startOfWeek(todayLocal()), 7);
let visit: VisitRef = { client, date: addDays(weekStart, 1), startTime: '09:00' };

beforeAll(async () => {
  office = await startOfficeWeb();
  ({ billing, page } = office);
});

afterEach(async (context) => {
  await screenshotOnFailure(page, context.task, `office-day-${billing.server.dialect}`);
});

afterAll(() => office.close());

describe('an office day on the web build, by keyboard and mouse', { timeout: 120_000 }, () => {
  it('registers the company and lands on its first steps', async () => {
    await registerCompany(page, billing.server, account);
    await seeFirstRunDashboard(page, { trialDays: 14 });
    owner = await signInExisting(billing.server, account);
  });

  it('fills the company details, the address from the CEP', async () => {
    await fillCompanyDetails(page);
    await expectTickedSteps(page, ['company', 'email']);
  });

  it('adds a client whose address comes from the CEP', async () => {
    await addClientWithCep(page);
    await expectTickedSteps(page, ['company', 'client', 'email']);
    expect(office.cep.requests).toEqual(expect.arrayContaining(['13010000', '01310100']));
  });

  it('schedules a visit with its date typed dd/mm/aaaa', () =>
    scheduleVisit(page, owner, { ...visit, clientSearch: 'helena', price: '150,00' }));

  it('reschedules it by dragging its card, then by keyboard ("Remarcar")', async () => {
    visit = await rescheduleByDrag(page, owner, visit, addDays(weekStart, 2));
    visit = await rescheduleByKeyboard(page, owner, visit, {
      date: addDays(weekStart, 3),
      startTime: '10:30',
    });
  });

  it('cancels it with a reason, then reopens it', async () => {
    await cancelVisitWithReason(page, owner, visit, 'Cliente viajou');
    await reopenVisit(page, owner, visit);
  });

  it('types dates into every date field of the app, day first', async () => {
    expectEveryDateFieldListed();
    await owner.client.finance.create.mutate({
      clientId: (await owner.client.clients.list.query({})).items[0]?.id ?? '',
      description: 'Produtos',
      amountCents: 8_000,
      dueDate: addDays(todayLocal(), 10),
    });
    const context = { owner, clientName: client, chargeDescription: 'Produtos', visit };
    for (const place of DATE_FIELD_PLACES) await typeIntoDateFields(page, context, place);
  });

  it('completes the visit, bills it, corrects the charge, marks it paid and reopens it', async () => {
    await completeVisit(page, owner, visit);
    await billCompletedVisit(page, { offered: [new RegExp(client)], bill: new RegExp(client) });
    const [billed] = (await owner.client.finance.list.query({ search: 'atendimento' })).items;
    if (!billed) throw new Error('the visit was not billed');
    const corrected = { description: 'Manutenção e produtos', amount: '195,00' };
    await editCharge(page, {
      description: billed.description,
      newDescription: corrected.description,
      newAmount: corrected.amount,
      newDueDate: addDays(todayLocal(), 15),
    });
    await markChargePaid(page, { description: corrected.description });
    await reopenCharge(page, { description: corrected.description });
    const [reopened] = (await owner.client.finance.list.query({ search: 'manutencao' })).items;
    expect(reopened).toMatchObject({ status: 'pending', amountCents: 19_500, paidAt: null });
  });

  it('exports the day: the CSV has the corrected charge as the screen shows it', async () => {
    const rows = readExcelCsv(await downloadListCsv(page, 'finance'));
    const charge = rows.find((row) => row.includes('Manutenção e produtos'));
    expect(charge, JSON.stringify(rows)).toBeDefined();
    expect(charge).toEqual(expect.arrayContaining([client, 'Pendente', '195,00']));
    await expect.poll(() => office.pageErrors, PATIENCE).toEqual([]);
  });
});
