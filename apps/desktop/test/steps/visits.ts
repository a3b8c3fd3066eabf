import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { SignedIn } from '../../../server/test/harness';
import { PATIENCE, typedDate } from '../e2e-steps';

// The Agenda's steps of the office day (issue 13, item 2): schedule a visit, open it and edit it, move it by
// dragging its card to another day and with the keyboard ("Remarcar"), see the overlap warning and save
// anyway, cancel with a reason in the app's dialog, reopen. Each step starts from any page of the
// signed-in app; fields are filled by typing, menus are walked with the arrow keys. `owner` (an API client
// of the same organization) checks what the server stored, whichever path (web or desktop core) the page
// uses.

/** A visit as the Agenda shows it: its client's name, local date and start time. */
export type VisitRef = { client: string; date: string; startTime: string };

function dayColumn(page: Page, date: string): Locator {
  return page.getByTestId(`agenda-day-${date}`);
}

/** The visit's card in the week (one card: a client has one visit at a given time of a day). */
export function visitCard(page: Page, visit: VisitRef): Locator {
  return dayColumn(page, visit.date)
    .locator('[data-testid^="visit-card-"]')
    .filter({ hasText: visit.client })
    .filter({ hasText: visit.startTime });
}

async function storedVisit(owner: SignedIn, visit: VisitRef) {
  const { items } = await owner.client.appointments.list.query({ from: visit.date, to: visit.date });
  return items.find((item) => item.clientName === visit.client && item.startTime === visit.startTime);
}

/** Clears a focused field and types `text` as a user would. */
async function retype(page: Page, field: Locator, text: string): Promise<void> {
  await field.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

/** Types into a searchable select and picks the option named `option` with ArrowDown and Enter. */
async function pickByTyping(page: Page, field: Locator, search: string, option: string): Promise<void> {
  await retype(page, field, search);
  await expect.poll(() => page.getByRole('option', { name: option }).isVisible(), PATIENCE).toBe(true);
  const options = await page.getByRole('option').allTextContents();
  const index = options.indexOf(option);
  expect(index, `option ${option} among ${options.join(', ')}`).toBeGreaterThanOrEqual(0);
  for (let step = 0; step <= index; step += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect.poll(() => field.inputValue(), PATIENCE).toBe(option);
}

/** Opens the Agenda's week view on the week that holds `date` (moving week by week from this one). */
export async function openAgendaAt(page: Page, date: string): Promise<void> {
  await page.getByRole('link', { name: 'Agenda', exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Agenda' }).isVisible(), PATIENCE).toBe(true);
  await page.getByRole('radio', { name: 'Semana' }).check({ force: true });
  await page.getByRole('button', { name: 'Esta semana' }).click();
  const target = new Date(`${date}T12:00:00`).getTime();
  for (let moves = 0; moves < 60 && !(await dayColumn(page, date).isVisible()); moves += 1) {
    const firstDay = await page.locator('[data-testid^="agenda-day-"]').first().getAttribute('data-testid');
    const shown = new Date(`${(firstDay ?? '').replace('agenda-day-', '')}T12:00:00`).getTime();
    await page.getByRole('button', { name: target < shown ? /Semana anterior/ : /Próxima semana/ }).click();
  }
  await expect.poll(() => dayColumn(page, date).isVisible(), PATIENCE).toBe(true);
}

/** Walks the visit's "Ações" menu with the keyboard to `item` and presses Enter on it. */
async function chooseAction(page: Page, visit: VisitRef, item: string): Promise<void> {
  const actions = visitCard(page, visit).getByRole('button', { name: 'Ações' });
  await actions.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect.poll(() => menu.isVisible(), PATIENCE).toBe(true);
  const items = (await menu.getByRole('menuitem').allTextContents()).map((text) => text.trim());
  const index = items.indexOf(item);
  expect(index, `"${item}" among ${items.join(', ')}`).toBeGreaterThanOrEqual(0);
  for (let step = 0; step <= index; step += 1) await page.keyboard.press('ArrowDown');
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.textContent.trim() ?? ''), PATIENCE)
    .toBe(item);
  await page.keyboard.press('Enter');
}

/** The statuses the visit's menu offers (the allowed moves only), read without changing anything. */
export async function offeredActions(page: Page, visit: VisitRef): Promise<string[]> {
  await visitCard(page, visit).getByRole('button', { name: 'Ações' }).click();
  const menu = page.getByRole('menu');
  await expect.poll(() => menu.isVisible(), PATIENCE).toBe(true);
  const items = (await menu.getByRole('menuitem').allTextContents()).map((text) => text.trim());
  await page.keyboard.press('Escape');
  await expect.poll(() => menu.isVisible(), PATIENCE).toBe(false);
  return items;
}

/**
 * "Novo atendimento" filled from the keyboard: client typed and picked, date typed dd/mm/aaaa, time,
 * price, then Enter. With `expectOverlap`, the form must show the overlap warning naming that client, and
 * saving still works (a warning, not a refusal).
 */
export async function scheduleVisit(
  page: Page,
  owner: SignedIn,
  visit: VisitRef & { clientSearch?: string; price?: string; expectOverlap?: string },
): Promise<void> {
  await openAgendaAt(page, visit.date);
  // The page's own button (an empty week shows another one in its empty state).
  await page.getByRole('button', { name: 'Novo atendimento' }).first().focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Novo atendimento' });
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(true);
  await pickByTyping(page, dialog.getByLabel('Cliente'), visit.clientSearch ?? visit.client, visit.client);
  await retype(page, dialog.getByRole('textbox', { name: 'Data', exact: true }), typedDate(visit.date));
  await page.keyboard.press('Tab');
  await retype(
    page,
    dialog.getByRole('textbox', { name: 'Horário', exact: true }),
    visit.startTime.replace(':', ''),
  );
  expect(await dialog.getByRole('textbox', { name: 'Horário', exact: true }).inputValue()).toBe(
    visit.startTime,
  );
  if (visit.price) await retype(page, dialog.getByLabel('Valor'), visit.price);
  if (visit.expectOverlap) {
    const warning = dialog.getByTestId('overlap-warning');
    await expect.poll(() => warning.isVisible(), PATIENCE).toBe(true);
    expect(await warning.textContent()).toContain(visit.expectOverlap);
  }
  await page.keyboard.press('Enter');
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(false);
  await expect.poll(() => visitCard(page, visit).count(), PATIENCE).toBe(1);
  expect(await storedVisit(owner, visit)).toBeDefined();
}

/**
 * Clicks the card, and in the visit's dialog changes the duration, price, "Responsável" (typed and picked)
 * and notes, then saves (Enter in the price field). The server has the new values and a new version.
 */
export async function editVisit(
  page: Page,
  owner: SignedIn,
  visit: VisitRef,
  changes: { durationMinutes: number; price: string; priceCents: number; assignee: string; notes: string },
): Promise<void> {
  const before = await storedVisit(owner, visit);
  if (!before) throw new Error(`no visit ${JSON.stringify(visit)}`);
  await openAgendaAt(page, visit.date);
  await visitCard(page, visit).click();
  const dialog = page.getByRole('dialog', { name: 'Atendimento' });
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(true);
  await expect.poll(() => dialog.getByLabel('Cliente').inputValue(), PATIENCE).toBe(visit.client);
  expect(await dialog.getByRole('textbox', { name: 'Horário', exact: true }).inputValue()).toBe(
    visit.startTime,
  );
  await retype(page, dialog.getByLabel('Duração (min)'), String(changes.durationMinutes));
  await pickByTyping(page, dialog.getByLabel('Responsável'), changes.assignee.slice(0, 4), changes.assignee);
  await retype(page, dialog.getByLabel('Observações'), changes.notes);
  await retype(page, dialog.getByLabel('Valor'), changes.price);
  await page.keyboard.press('Enter');
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(false);
  await expect.poll(() => page.getByText('Alterações salvas.').first().isVisible(), PATIENCE).toBe(true);
  const after = await storedVisit(owner, visit);
  expect(after).toMatchObject({
    id: before.id,
    durationMinutes: changes.durationMinutes,
    priceCents: changes.priceCents,
    notes: changes.notes,
    version: before.version + 1,
  });
  expect(after?.assigneeId).toBeTruthy();
  await expect.poll(() => visitCard(page, visit).textContent(), PATIENCE).toContain(changes.assignee);
}

/**
 * Drags the card onto another day of the same week (the time stays). With `overlapWith`, the app asks
 * first (the app's dialog lists that client's visit) and the move goes ahead with "Salvar mesmo assim".
 */
export async function rescheduleByDrag(
  page: Page,
  owner: SignedIn,
  visit: VisitRef,
  toDate: string,
  options: { overlapWith?: string } = {},
): Promise<VisitRef> {
  const before = await storedVisit(owner, visit);
  await openAgendaAt(page, visit.date);
  await expect.poll(() => dayColumn(page, toDate).isVisible(), PATIENCE).toBe(true);
  await visitCard(page, visit).dragTo(dayColumn(page, toDate));
  if (options.overlapWith) {
    const ask = page.getByRole('dialog', { name: 'Horário já ocupado' });
    await expect.poll(() => ask.isVisible(), PATIENCE).toBe(true);
    expect(await ask.textContent()).toContain(options.overlapWith);
    await ask.getByRole('button', { name: 'Salvar mesmo assim' }).click();
  }
  const moved = { ...visit, date: toDate };
  await expect.poll(() => visitCard(page, moved).count(), PATIENCE).toBe(1);
  expect(await visitCard(page, visit).count()).toBe(0);
  expect((await storedVisit(owner, moved))?.id).toBe(before?.id);
  return moved;
}

/** "Remarcar" from the card's menu, by keyboard: a new date and time typed, then Enter. */
export async function rescheduleByKeyboard(
  page: Page,
  owner: SignedIn,
  visit: VisitRef,
  to: { date: string; startTime: string },
): Promise<VisitRef> {
  const before = await storedVisit(owner, visit);
  await openAgendaAt(page, visit.date);
  await chooseAction(page, visit, 'Remarcar');
  const dialog = page.getByRole('dialog', { name: 'Remarcar atendimento' });
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(true);
  await retype(page, dialog.getByRole('textbox', { name: 'Data', exact: true }), typedDate(to.date));
  await page.keyboard.press('Tab');
  await retype(
    page,
    dialog.getByRole('textbox', { name: 'Horário', exact: true }),
    to.startTime.replace(':', ''),
  );
  await page.keyboard.press('Enter');
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(false);
  const moved = { ...visit, ...to };
  await expect
    .poll(
      () =>
        page
          .getByText(/Atendimento remarcado para/)
          .first()
          .textContent(),
      PATIENCE,
    )
    .toContain(`${typedDate(to.date)} às ${to.startTime}`);
  expect((await storedVisit(owner, moved))?.id).toBe(before?.id);
  await openAgendaAt(page, to.date);
  await expect.poll(() => visitCard(page, moved).count(), PATIENCE).toBe(1);
  return moved;
}

/**
 * "Cancelar atendimento" from the menu: the app's dialog asks, the reason is typed, Tab reaches the red
 * button (the dialog starts on the reason, not on a destructive button). The card then shows the reason.
 */
export async function cancelVisitWithReason(
  page: Page,
  owner: SignedIn,
  visit: VisitRef,
  reason: string,
): Promise<void> {
  await openAgendaAt(page, visit.date);
  await chooseAction(page, visit, 'Cancelar atendimento');
  const dialog = page.getByRole('dialog', { name: 'Cancelar este atendimento?' });
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(true);
  expect(await dialog.textContent()).toContain(visit.client);
  await page.keyboard.type(reason);
  expect(await dialog.getByLabel('Motivo (opcional)').inputValue()).toBe(reason);
  for (let step = 0; step < 4; step += 1) {
    const focused = await page.evaluate(() => document.activeElement?.textContent.trim() ?? '');
    if (focused === 'Cancelar atendimento') break;
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await expect.poll(() => dialog.isVisible(), PATIENCE).toBe(false);
  const card = visitCard(page, visit);
  await expect.poll(() => card.textContent(), PATIENCE).toContain(`Motivo: ${reason}`);
  expect(await card.textContent()).toMatch(/Cancelado/i);
  expect(await storedVisit(owner, visit)).toMatchObject({ status: 'cancelled', cancelReason: reason });
  // A cancelled visit offers exactly "Editar" and "Reabrir": no "Remarcar", no other status.
  expect(await offeredActions(page, visit)).toEqual(['Editar', 'Reabrir']);
}

/** "Reabrir" on a cancelled visit: pending again, the reason gone, the usual actions back. */
export async function reopenVisit(page: Page, owner: SignedIn, visit: VisitRef): Promise<void> {
  await openAgendaAt(page, visit.date);
  await chooseAction(page, visit, 'Reabrir');
  const card = visitCard(page, visit);
  await expect.poll(() => card.textContent(), PATIENCE).not.toContain('Motivo:');
  expect(await card.textContent()).toMatch(/Pendente/i);
  expect(await storedVisit(owner, visit)).toMatchObject({ status: 'pending', cancelReason: null });
  expect(await offeredActions(page, visit)).toEqual([
    'Editar',
    'Remarcar',
    'Confirmar',
    'Concluir',
    'Cancelar atendimento',
  ]);
}

/** "Concluir" on a pending or confirmed visit, by keyboard: done at once, and the card says so. */
export async function completeVisit(page: Page, owner: SignedIn, visit: VisitRef): Promise<void> {
  await openAgendaAt(page, visit.date);
  await chooseAction(page, visit, 'Concluir');
  await expect.poll(async () => (await storedVisit(owner, visit))?.status, PATIENCE).toBe('done');
  await expect.poll(() => visitCard(page, visit).textContent(), PATIENCE).toMatch(/Concluído/i);
}
