import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { PATIENCE } from '../e2e-steps';

// Browser steps for one wording everywhere, the Painel's period filter and the notifications' links. Each
// is `(page, …) => Promise<void>` and works the same on the web build and on the desktop path.

/** A report's CSV (Excel dialect) as records; the web build downloads it, the desktop core writes it. */
export type CsvSource = () => Promise<Buffer>;

export function readExcelCsv(bytes: Buffer): string[][] {
  return parse(bytes, { delimiter: ';', bom: true });
}

/** The web build's "Exportar › Planilha CSV (Excel)" of a list page, as bytes (needs acceptDownloads). */
export async function downloadListCsv(page: Page, kind: 'appointments' | 'finance'): Promise<Buffer> {
  await page.getByTestId(`export-${kind}`).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Planilha CSV (Excel)' }).click();
  const download = await downloading;
  const { readFile } = await import('node:fs/promises');
  return readFile(await download.path());
}

async function openPage(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name, exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { name, exact: true }).isVisible(), PATIENCE).toBe(true);
}

export type PeriodExpectation = {
  /** "Atendimentos por situação · fev/2026". */
  title: string;
  /** Count per status label, in the screen's order (Pendente, Confirmado, Concluído, Cancelado). */
  byStatus: [label: string, count: number][];
  /** The "Recebido" figure, e.g. 'R$ 150,00'. */
  paid: string;
};

async function expectPeriod(page: Page, expected: PeriodExpectation): Promise<void> {
  const byStatus = page.getByTestId('by-status');
  await expect.poll(() => page.getByText(expected.title, { exact: true }).isVisible(), PATIENCE).toBe(true);
  await expect
    .poll(() => byStatus.textContent(), PATIENCE)
    .toBe(expected.byStatus.map(([label, count]) => `${label}${count}`).join(''));
  await expect
    .poll(async () => (await page.getByTestId('figure-paid').textContent())?.replace(/\s/g, ' '), PATIENCE)
    .toBe(expected.paid.replace(/\s/g, ' '));
}

/**
 * The Painel's period filter: a preset chosen with the mouse, then a custom range typed with the keyboard
 * (dd/mm/aaaa, Tab), each governing the figures and "Atendimentos por situação" (its title states the period).
 */
export async function filterDashboardByPeriod(
  page: Page,
  steps: {
    thisMonth: PeriodExpectation;
    lastMonth: PeriodExpectation;
    custom: PeriodExpectation & { from: string; to: string };
  },
): Promise<void> {
  await openPage(page, 'Painel');
  await expectPeriod(page, steps.thisMonth);
  await page.getByText('Mês passado', { exact: true }).click();
  await expectPeriod(page, steps.lastMonth);
  expect(await page.getByTestId('revenue-title').textContent()).toMatch(/^Receita por mês · /);

  await page.getByText('Personalizado', { exact: true }).click();
  const from = page.getByRole('textbox', { name: 'De', exact: true });
  await from.click();
  // Whatever the field held before is replaced, as a user selecting it all would.
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(steps.custom.from);
  await page.keyboard.press('Tab');
  const to = page.getByRole('textbox', { name: 'Até', exact: true });
  // Tab goes from "De" to "Até" (past the clear button, which is not a tab stop).
  await expect.poll(() => to.evaluate((element) => element === document.activeElement), PATIENCE).toBe(true);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(steps.custom.to);
  await page.keyboard.press('Tab');
  expect(await from.inputValue()).toBe(steps.custom.from);
  expect(await to.inputValue()).toBe(steps.custom.to);
  await expectPeriod(page, steps.custom);

  // Back to this month, where a fresh sign-in starts.
  await page.getByText('Este mês', { exact: true }).click();
  await expectPeriod(page, steps.thisMonth);
}

/**
 * A colleague's new visit reaches the member as an unread notification; its "Abrir atendimento" link,
 * followed with the keyboard, opens the Agenda at that visit (its dialog, its week) and marks it read.
 */
export async function openVisitFromNotification(
  page: Page,
  visit: { clientName: string; date: string },
): Promise<void> {
  await openPage(page, 'Notificações');
  const card = page
    .locator('[data-notification="appointment_created"]')
    .filter({ hasText: visit.clientName })
    .first();
  await expect.poll(() => card.isVisible(), PATIENCE).toBe(true);
  await expect.poll(() => card.getByText('Não lida').isVisible(), PATIENCE).toBe(true);
  const unreadBefore = Number(await page.getByTestId('unread-badge').textContent());
  expect(unreadBefore).toBeGreaterThan(0);

  await card.getByRole('link', { name: 'Abrir atendimento' }).focus();
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.getByRole('heading', { name: 'Agenda', exact: true }).isVisible(), PATIENCE)
    .toBe(true);
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(true);
  await expect
    .poll(
      async () =>
        (
          await dialog
            .locator('input')
            .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))
        ).join('|'),
      PATIENCE,
    )
    .toContain(visit.clientName);
  // The address no longer names the visit: closing the dialog leaves the Agenda at the visit's week.
  expect(new URL(page.url()).hash).toBe('#/appointments');
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(false);
  // The week shown is the visit's (Sunday to Saturday), with its card.
  const sunday = new Date(`${visit.date}T12:00:00Z`);
  sunday.setUTCDate(sunday.getUTCDate() - sunday.getUTCDay());
  const saturday = new Date(sunday);
  saturday.setUTCDate(sunday.getUTCDate() + 6);
  const br = (date: Date) => date.toISOString().slice(0, 10).split('-').reverse().join('/');
  await expect.poll(() => page.getByText(`${br(sunday)} – ${br(saturday)}`).isVisible(), PATIENCE).toBe(true);
  await expect.poll(() => page.getByText(visit.clientName).first().isVisible(), PATIENCE).toBe(true);

  // Followed, it counts as read.
  await expect
    .poll(async () => {
      const badge = page.getByTestId('unread-badge');
      return (await badge.isVisible()) ? Number(await badge.textContent()) : 0;
    }, PATIENCE)
    .toBe(unreadBefore - 1);
}

/**
 * A "vence hoje" notice links to its entry: "Abrir cobrança" opens Financeiro narrowed to it (its client and
 * due date), where it can be marked paid.
 */
export async function openEntryFromNotification(
  page: Page,
  entry: { clientName: string; description: string; dueDate: string },
): Promise<void> {
  await openPage(page, 'Notificações');
  const card = page
    .locator('[data-notification="finance_due_today"]')
    .filter({ hasText: entry.description })
    .first();
  await expect.poll(() => card.isVisible(), PATIENCE).toBe(true);
  await card.getByRole('link', { name: 'Abrir cobrança' }).click();
  await expect
    .poll(() => page.getByRole('heading', { name: 'Financeiro', exact: true }).isVisible(), PATIENCE)
    .toBe(true);
  const rows = page.locator('table tbody tr').filter({ hasText: entry.clientName });
  await expect.poll(() => rows.count(), PATIENCE).toBe(1);
  expect(await rows.first().textContent()).toContain(entry.description);
  const [year, month, day] = entry.dueDate.split('-');
  const due = `${day ?? ''}/${month ?? ''}/${year ?? ''}`;
  expect(await page.getByRole('textbox', { name: 'Vencimento de' }).inputValue()).toBe(due);
  expect(new URL(page.url()).hash).toBe('#/finance');
}

/**
 * The Agenda's list shows each visit's status with the same word the export writes (one pt-BR source):
 * the week's rows on screen and the CSV's rows, date by date.
 */
export async function agendaLabelsMatchExport(
  page: Page,
  exportCsv: CsvSource,
  expectedStatuses: string[],
): Promise<void> {
  await openPage(page, 'Agenda');
  await page.getByText('Esta semana', { exact: true }).click();
  await page.getByText('Lista', { exact: true }).click();
  const rows = page.locator('table tbody tr');
  await expect.poll(() => rows.count(), PATIENCE).toBe(expectedStatuses.length);
  const onScreen = await rows.evaluateAll((elements) =>
    elements.map((row) => {
      const cells = [...row.querySelectorAll('td')].map((cell) => cell.textContent.trim());
      const badge = row.querySelector('.mantine-Badge-label')?.textContent.trim() ?? '';
      return [cells[0] ?? '', cells[1] ?? '', badge];
    }),
  );
  expect(onScreen.map((row) => row[2])).toEqual(expectedStatuses);

  const records = readExcelCsv(await exportCsv());
  const header = records[0] ?? [];
  const column = (name: string) => header.indexOf(name);
  const inFile = records
    .slice(1)
    .map((record) => [
      record[column('Data')] ?? '',
      record[column('Início')] ?? '',
      record[column('Situação')] ?? '',
    ]);
  expect(inFile).toEqual(onScreen);
}

/** The overdue badge in Financeiro says what the finance CSV's "Situação" says for the same entry. */
export async function overdueLabelMatchesExport(
  page: Page,
  exportCsv: CsvSource,
  description: string,
): Promise<void> {
  await openPage(page, 'Financeiro');
  const row = page.locator('tr', { hasText: description }).first();
  await expect.poll(() => row.isVisible(), PATIENCE).toBe(true);
  const badge = (await row.locator('.mantine-Badge-label').first().textContent())?.trim();
  expect(badge).toBe('Em atraso');
  const records = readExcelCsv(await exportCsv());
  const header = records[0] ?? [];
  const entry = records.find((record) => record[header.indexOf('Descrição')] === description);
  expect(entry?.[header.indexOf('Situação')]).toBe(badge);
}
