import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner, startTestServer, type SignedIn, type TestServer } from '../../server/test/harness';
import { DesktopCore } from '../src/core/core';
import { createMemoryTokenStore } from '../src/core/token-store';
import { addDays, startOfWeek, todayLocal } from '../src/renderer/dates';
import {
  documentationScreenshot,
  ensureWebBuild,
  launchChromium,
  PAGE_OPTIONS,
  screenshotOnFailure,
} from './browser';
import { serveCoreOverLoopback } from './core-over-loopback';
import { seedOffice, signIn, watchPageErrors } from './e2e-steps';
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
let core: DesktopCore;
let loopback: Awaited<ReturnType<typeof serveCoreOverLoopback>>;
let dataDir: string;
let browser: Browser;

// Next week (Sunday first), so every day of the walk is in the future and in one week view.
const weekStart = addDays(startOfWeek(todayLocal()), 7);
const monday = addDays(weekStart, 1);
const tuesday = addDays(weekStart, 2);
const wednesday = addDays(weekStart, 3);

beforeAll(async () => {
  ensureWebBuild();
  server = await startTestServer();
  dataDir = mkdtempSync(join(tmpdir(), 'picineiros-visits-e2e-'));
  core = new DesktopCore({
    serverUrl: server.url,
    dataDir,
    tokenStore: createMemoryTokenStore(),
    syncIntervalMs: 300,
  });
  await core.start();
  loopback = await serveCoreOverLoopback(core);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  await loopback.close();
  await core.stop();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const paths = [
  { name: 'web build against the server', url: () => server.url, prefix: 'visits-web' },
  { name: 'desktop core over loopback', url: () => loopback.url, prefix: 'visits-desktop' },
] as const;

describe.each(paths)(
  'the Agenda on the $name',
  ({ url, prefix }) => {
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
      page = await (await browser.newContext(PAGE_OPTIONS)).newPage();
      pageErrors = watchPageErrors(page);
    });

    afterEach(async (context) => {
      await screenshotOnFailure(page, context.task, `${prefix}-${server.dialect}`);
    });

    it('signs in', () => signIn(page, url(), owner));

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
      await documentationScreenshot(page, '10b-appointment-edit');
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);
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

    it('cancels a visit with a reason in the app dialog, and shows the reason', async () => {
      await cancelVisitWithReason(page, owner, third, 'Cliente viajou');
      await documentationScreenshot(page, '08b-appointments-cancelled');
    });

    it('reopens the cancelled visit', async () => {
      await reopenVisit(page, owner, third);
      expect(pageErrors).toEqual([]);
    });
  },
  90_000,
);
