import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APPOINTMENT_STATUS_LABELS,
  formatLocalMonth,
  addDaysToLocalDate,
  addMonthsToLocalMonth,
  localDateOf,
  localMonthOf,
  type AppointmentStatus,
} from '@picineiros/api/client';
import { dailyJobs, runDailyJob } from '@picineiros/api/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  signUpOwner,
  startTestServer,
  type SignedIn,
  type TestServer,
} from '../../server/test/harness';
import { documentationScreenshot, ensureWebBuild, openChromiumPage, screenshotOnFailure } from './browser';
import { startDesktopPath, type DesktopPath } from './core-over-loopback';
import { PATIENCE, seedOffice, signIn } from './e2e-steps';
import { startLoopbackProxy } from './loopback-proxy';
import {
  agendaLabelsMatchExport,
  downloadListCsv,
  filterDashboardByPeriod,
  openEntryFromNotification,
  openVisitFromNotification,
  overdueLabelMatchesExport,
  type PeriodExpectation,
} from './steps/wording';

// One wording, the Painel's period and the notifications' links, in Debian's Chromium, on both paths: the
// web build against the server, and the same build against a DesktopCore (replica + sync) over loopback.

// Browser steps on a machine shared with other test runs: well above vitest's 30 s default.
const SLOW = { timeout: 90_000 };
const TIMEZONE = 'America/Sao_Paulo';
const today = localDateOf(new Date(), TIMEZONE);
const thisMonth = localMonthOf(today);
const lastMonth = addMonthsToLocalMonth(thisMonth, -1);
// The week the Agenda opens on (Sunday first), as the renderer computes it.
const weekStart = addDaysToLocalDate(today, -new Date(`${today}T12:00:00Z`).getUTCDay());
const weekEnd = addDaysToLocalDate(weekStart, 6);
const brDate = (date: string) => date.split('-').reverse().join('/');

type Visit = { date: string; startTime: string; status: AppointmentStatus };
// One visit of each status in this week (Monday to Thursday), and three in the middle of last month.
const WEEK_VISITS: Visit[] = (['pending', 'confirmed', 'done', 'cancelled'] as const).map(
  (status, index) => ({
    date: addDaysToLocalDate(weekStart, index + 1),
    startTime: `${String(8 + index).padStart(2, '0')}:00`,
    status,
  }),
);
const VISITS: Visit[] = [
  ...WEEK_VISITS,
  { date: `${lastMonth}-10`, startTime: '10:00', status: 'done' },
  { date: `${lastMonth}-11`, startTime: '10:00', status: 'done' },
  { date: `${lastMonth}-12`, startTime: '10:00', status: 'cancelled' },
];
const CUSTOM = { from: `${lastMonth}-11`, to: `${lastMonth}-20` };

/** What "Atendimentos por situação" shows for visits dated within [from, to]. */
function byStatus(from: string, to: string): [string, number][] {
  return (['pending', 'confirmed', 'done', 'cancelled'] as const).map((status) => [
    APPOINTMENT_STATUS_LABELS[status],
    VISITS.filter((visit) => visit.status === status && visit.date >= from && visit.date <= to).length,
  ]);
}

const lastDay = (month: string) => addDaysToLocalDate(`${addMonthsToLocalMonth(month, 1)}-01`, -1);
const PERIODS: {
  thisMonth: PeriodExpectation;
  lastMonth: PeriodExpectation;
  custom: PeriodExpectation & { from: string; to: string };
} = {
  thisMonth: {
    title: `Atendimentos por situação · ${formatLocalMonth(thisMonth)}`,
    byStatus: byStatus(`${thisMonth}-01`, lastDay(thisMonth)),
    paid: 'R$ 80,00',
  },
  lastMonth: {
    title: `Atendimentos por situação · ${formatLocalMonth(lastMonth)}`,
    byStatus: byStatus(`${lastMonth}-01`, lastDay(lastMonth)),
    paid: 'R$ 150,00',
  },
  custom: {
    from: brDate(CUSTOM.from),
    to: brDate(CUSTOM.to),
    title: `Atendimentos por situação · ${brDate(CUSTOM.from)} a ${brDate(CUSTOM.to)}`,
    byStatus: byStatus(CUSTOM.from, CUSTOM.to),
    paid: 'R$ 150,00',
  },
};

/** seedOffice's overdue entry, visits in every status, a payment last month and one today. */
async function seedWordingOffice(owner: SignedIn): Promise<void> {
  await seedOffice(owner);
  const client = await owner.client.clients.create.mutate({
    name: 'Helena Duarte',
    pools: [{ type: 'vinyl', location: 'outdoor' }],
  });
  for (const visit of VISITS) {
    const created = await owner.client.appointments.create.mutate({
      clientId: client.id,
      date: visit.date,
      startTime: visit.startTime,
      priceCents: 20_000,
    });
    if (visit.status === 'cancelled') {
      await owner.client.appointments.setStatus.mutate({ id: created.id, status: 'cancelled' });
    } else if (visit.status !== 'pending') {
      await owner.client.appointments.setStatus.mutate({ id: created.id, status: 'confirmed' });
      if (visit.status === 'done') {
        await owner.client.appointments.setStatus.mutate({ id: created.id, status: 'done' });
      }
    }
  }
  const pay = async (amountCents: number, paidAt: Date) => {
    const entry = await owner.client.finance.create.mutate({
      clientId: client.id,
      description: 'Mensalidade',
      amountCents,
      dueDate: localDateOf(paidAt, TIMEZONE),
    });
    await owner.client.finance.markPaid.mutate({ id: entry.id, method: 'pix', paidAt });
  };
  await pay(15_000, new Date(`${lastMonth}-15T15:00:00Z`));
  await pay(8_000, new Date(Date.now() - 60_000));
}

/** A colleague schedules a visit next month: a notification for the owner, not for the colleague. */
async function colleagueSchedules(server: TestServer, owner: SignedIn) {
  const colleague = await addMember(server, owner.orgId, 'staff');
  const client = await owner.client.clients.create.mutate({
    name: 'Rita Moreira',
    pools: [{ type: 'other' }],
  });
  const date = `${addMonthsToLocalMonth(thisMonth, 1)}-15`;
  const before = await colleague.client.notifications.unreadCount.query();
  await colleague.client.appointments.create.mutate({ clientId: client.id, date, startTime: '15:00' });
  // Their own action does not notify them.
  expect(await colleague.client.notifications.unreadCount.query()).toEqual(before);
  return { clientName: 'Rita Moreira', date };
}

/** An entry due today and the daily finance notices: a "vence hoje" notification linking to it. */
async function entryDueToday(server: TestServer, owner: SignedIn) {
  const [client] = (await owner.client.clients.list.query({ search: 'Helena' })).items;
  if (!client) throw new Error('no client');
  const entry = { clientName: client.name, description: 'Limpeza extra', dueDate: today };
  await owner.client.finance.create.mutate({
    clientId: client.id,
    description: entry.description,
    amountCents: 9_000,
    dueDate: today,
  });
  const notices = dailyJobs['finance-notices'];
  if (!notices) throw new Error('no finance notices job');
  await runDailyJob(server.database, notices, new Date(), { localDate: today });
  return entry;
}

const WEEK_STATUSES = WEEK_VISITS.map((visit) => APPOINTMENT_STATUS_LABELS[visit.status]);

let server: TestServer;
beforeAll(async () => {
  ensureWebBuild();
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('web build: wording, period and notification links', () => {
  let browser: Browser;
  let page: Page;
  let owner: SignedIn;
  let pageErrors: string[] = [];
  beforeAll(async () => {
    owner = await signUpOwner(server, { name: 'Marina Souza', organizationName: 'Piscinas Azul' });
    await seedWordingOffice(owner);
    ({ browser, page, pageErrors } = await openChromiumPage({ acceptDownloads: true }));
  });
  afterEach(async (context) => {
    await screenshotOnFailure(page, context.task, `wording-web-${server.dialect}`);
  });
  afterAll(async () => {
    await browser.close();
  });

  it('signs in', SLOW, () => signIn(page, server.url, owner));

  it('filters the Painel by period (presets and typed dates)', SLOW, async () => {
    await filterDashboardByPeriod(page, PERIODS);
    // The custom range typed above is still there.
    await page.getByText('Personalizado', { exact: true }).click();
    await expect.poll(() => page.getByText(PERIODS.custom.title).isVisible(), PATIENCE).toBe(true);
    await documentationScreenshot(page, 'dashboard-period');
    await page.getByText('Este mês', { exact: true }).click();
  });

  it('opens the visit a notification links to', SLOW, async () => {
    const visit = await colleagueSchedules(server, owner);
    await page.reload();
    await openVisitFromNotification(page, visit);
  });

  it('opens the entry a notification links to', SLOW, async () => {
    const entry = await entryDueToday(server, owner);
    await page.reload();
    await openEntryFromNotification(page, entry);
  });

  it('says on screen what the export says', SLOW, async () => {
    await agendaLabelsMatchExport(page, () => downloadListCsv(page, 'appointments'), WEEK_STATUSES);
    await overdueLabelMatchesExport(page, () => downloadListCsv(page, 'finance'), 'Manutenção mensal');
    expect(pageErrors).toEqual([]);
  });
});

describe('desktop path: wording, period and notification links', () => {
  let proxy: Awaited<ReturnType<typeof startLoopbackProxy>>;
  let desktop: DesktopPath;
  let browser: Browser;
  let page: Page;
  let owner: SignedIn;
  let pageErrors: string[] = [];
  beforeAll(async () => {
    proxy = await startLoopbackProxy(() => new URL(server.url));
    owner = await signUpOwner(server, { name: 'Marina Souza', organizationName: 'Piscinas Azul' });
    await seedWordingOffice(owner);
    desktop = await startDesktopPath(proxy.url, {
      // The desktop's Save dialog, answered with a path in the test's folder.
      saveLocation: (dataDir) => ({ choose: (fileName) => Promise.resolve(join(dataDir, fileName)) }),
    });
    ({ browser, page, pageErrors } = await openChromiumPage());
  });
  afterEach(async (context) => {
    await screenshotOnFailure(page, context.task, `wording-desktop-${server.dialect}`);
  });
  afterAll(async () => {
    await browser.close();
    await desktop.close();
    await proxy.down();
  });

  /** The core's own export from its replica (what "Exportar" does in Electron). */
  const exportFromCore = (kind: 'appointments' | 'finance', filters: Record<string, unknown>) => async () => {
    const result = await desktop.core.exportReport({ kind, extension: 'csv', dialect: 'excel', filters });
    if (!result.ok) throw new Error(result.error.message);
    return readFileSync((result.data as { path: string }).path);
  };

  it('signs in, and the core fills its replica', SLOW, async () => {
    await signIn(page, desktop.url, owner);
    await expect.poll(() => desktop.core.replica.counts()['appointments'], PATIENCE).toBe(VISITS.length);
  });

  it('filters the Painel by period from the replica, and offline too', SLOW, async () => {
    await filterDashboardByPeriod(page, PERIODS);
    await proxy.down();
    try {
      await expect.poll(() => page.getByTestId('offline-indicator').isVisible(), PATIENCE).toBe(true);
      await filterDashboardByPeriod(page, PERIODS);
    } finally {
      await proxy.up();
    }
    await expect.poll(() => page.getByTestId('offline-indicator').isVisible(), PATIENCE).toBe(false);
  });

  it('opens the visit a notification links to', SLOW, async () => {
    const visit = await colleagueSchedules(server, owner);
    // The core pulls the new visit (the agenda reads it from the replica).
    await expect.poll(() => desktop.core.replica.counts()['appointments'], PATIENCE).toBe(VISITS.length + 1);
    await page.reload();
    await openVisitFromNotification(page, visit);
  });

  it('opens the entry a notification links to', SLOW, async () => {
    const entry = await entryDueToday(server, owner);
    await expect.poll(() => desktop.core.replica.counts()['finance_entries'], PATIENCE).toBe(4);
    await page.reload();
    await openEntryFromNotification(page, entry);
  });

  it('says on screen what the export says', SLOW, async () => {
    await agendaLabelsMatchExport(
      page,
      exportFromCore('appointments', { from: weekStart, to: weekEnd }),
      WEEK_STATUSES,
    );
    await overdueLabelMatchesExport(page, exportFromCore('finance', { overdue: true }), 'Manutenção mensal');
    expect(pageErrors).toEqual([]);
  });
});
