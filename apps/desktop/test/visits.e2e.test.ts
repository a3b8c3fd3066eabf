import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner, startTestServer, type SignedIn, type TestServer } from '../../server/test/harness';
import { addDays, startOfWeek, todayLocal } from '../src/renderer/dates';
import { ensureWebBuild, launchChromium, PAGE_OPTIONS, screenshotOnFailure } from './browser';
import { startDesktopPath } from './core-over-loopback';
import { PATIENCE, seedOffice, signIn, watchPageErrors } from './e2e-steps';
import {
  cancelVisitWithReason,
  editVisit,
  offeredActions,
  openAgendaAt,
  reopenVisit,
  rescheduleByDrag,
  rescheduleByKeyboard,
  scheduleVisit,
  visitCard,
  type VisitRef,
} from './steps/visits';

// The Agenda's part of the office day in Chromium, on both paths: the web build against the server, and the
// same build against a real DesktopCore over loopback (whose replica answers the lists and the overlap
// check). Each path has its own organization, so the two walks never see each other's visits.

let server: TestServer;
let browser: Browser;
const cleanups: (() => Promise<void>)[] = [];

// Next week (Sunday first), so every day of the walk is in the future and in one week view.
const weekStart = addDays(startOfWeek(todayLocal()), 7);
const monday = addDays(weekStart, 1);
const tuesday = addDays(weekStart, 2);
const wednesday = addDays(weekStart, 3);

beforeAll(async () => {
  ensureWebBuild();
  server = await startTestServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  for (const cleanup of cleanups.reverse()) await cleanup();
  await server.close();
});

/**
 * A real DesktopCore and the loopback bridge in front of it, started when its walk begins: the bridge reads
 * the web build's index.html once, so it should not outlive a rebuild by another test run.
 */
async function openDesktopPath(): Promise<string> {
  const desktop = await startDesktopPath(server.url);
  cleanups.push(() => desktop.close());
  return desktop.url;
}

const paths = [
  { name: 'web build against the server', start: () => Promise.resolve(server.url), prefix: 'visits-web' },
  { name: 'desktop core over loopback', start: openDesktopPath, prefix: 'visits-desktop' },
] as const;

describe.each(paths)(
  'the Agenda on the $name',
  ({ start, prefix }) => {
    let url: string;
    let page: Page;
    let owner: SignedIn;
    let pageErrors: string[] = [];
    let first: VisitRef = { client: 'Ricardo Alves', date: monday, startTime: '09:00' };
    const second: VisitRef = { client: 'Ricardo Alves', date: tuesday, startTime: '10:00' };
    const third: VisitRef = { client: 'Ricardo Alves', date: wednesday, startTime: '15:00' };

    beforeAll(async () => {
      owner = await signUpOwner(server, { name: 'Marina Souza', organizationName: 'Piscinas Azul' });
      await seedOffice(owner);
      await owner.client.clients.create.mutate({
        name: 'Ricardo Alves',
        pools: [{ type: 'fiberglass', volumeLiters: 30_000 }],
      });
      url = await start();
      page = await (await browser.newContext(PAGE_OPTIONS)).newPage();
      pageErrors = watchPageErrors(page);
    });

    afterEach(async (context) => {
      await screenshotOnFailure(page, context.task, `${prefix}-${server.dialect}`);
    });

    it('signs in', () => signIn(page, url, owner));

    it('schedules a visit from the keyboard, with the date typed dd/mm/aaaa', () =>
      scheduleVisit(page, owner, { ...first, clientSearch: 'ricardo', price: '150,00' }));

    it('offers only the allowed actions on a pending visit ("Concluir" completes it in one step)', async () => {
      await openAgendaAt(page, first.date);
      expect(await offeredActions(page, first)).toEqual([
        'Editar',
        'Remarcar',
        'Confirmar',
        'Concluir',
        'Cancelar atendimento',
      ]);
    });

    it('opens the visit by clicking its card and edits duration, price, Responsável and notes', () =>
      editVisit(page, owner, first, {
        durationMinutes: 90,
        price: '180,00',
        priceCents: 18_000,
        assignee: 'Marina Souza',
        notes: 'Levar cloro',
      }));

    it('opens the visit with Enter on its focused card', async () => {
      await openAgendaAt(page, first.date);
      await visitCard(page, first)
        .getByRole('button', { name: `${first.startTime} ${first.client}` })
        .focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Atendimento' });
      await expect.poll(() => dialog.isVisible()).toBe(true);
      await expect.poll(() => dialog.getByLabel('Observações').inputValue()).toBe('Levar cloro');
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);
    });

    it('refuses a save over a change made meanwhile by someone else, with a clear message', async () => {
      await openAgendaAt(page, first.date);
      await visitCard(page, first).click();
      const dialog = page.getByRole('dialog', { name: 'Atendimento' });
      await expect.poll(() => dialog.getByLabel('Observações').inputValue(), PATIENCE).toBe('Levar cloro');
      const { items } = await owner.client.appointments.list.query({ from: first.date, to: first.date });
      const stored = items.find((item) => item.startTime === first.startTime);
      if (!stored) throw new Error('no visit to change');
      await owner.client.appointments.update.mutate({ id: stored.id, notes: 'Mudado no escritório' });
      await dialog.getByLabel('Observações').fill('Levar cloro e algicida');
      await dialog.getByLabel('Valor').press('Enter');
      await expect
        .poll(
          () =>
            page
              .getByText(/alterado por outra pessoa/)
              .first()
              .isVisible(),
          PATIENCE,
        )
        .toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(false);
      const after = await owner.client.appointments.get.query({ id: stored.id });
      expect(after.notes).toBe('Mudado no escritório');
    });

    it('schedules a second visit of the same client', () => scheduleVisit(page, owner, second));

    it('moves the first visit by dragging it onto that day, after the overlap question', async () => {
      first = await rescheduleByDrag(page, owner, first, tuesday, { overlapWith: 'Ricardo Alves' });
      expect(first).toEqual({ client: 'Ricardo Alves', date: tuesday, startTime: '09:00' });
    });

    it('moves it again with the keyboard ("Remarcar": date and time typed)', async () => {
      first = await rescheduleByKeyboard(page, owner, first, { date: wednesday, startTime: '14:30' });
    });

    it('warns, and still saves, when a new visit overlaps one of the same client', () =>
      scheduleVisit(page, owner, { ...third, expectOverlap: 'Ricardo Alves' }));

    it('cancels a visit with a reason in the app dialog, and shows the reason', () =>
      cancelVisitWithReason(page, owner, third, 'Cliente viajou'));

    it('reopens the cancelled visit', async () => {
      await reopenVisit(page, owner, third);
      expect(pageErrors).toEqual([]);
    });
  },
  90_000,
);
