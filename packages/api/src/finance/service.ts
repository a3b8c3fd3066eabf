import { Appointment, Client, FinanceEntry } from '@picineiros/db';
import { TRPCError } from '@trpc/server';
import { fieldError } from '../shared/field-error';
import { formatLocalDateBr, localDateOf } from '../shared/local-time';
import { messages } from '../shared/messages';
import type { OrgContext } from '../shared/org-context';
import { keysetPage } from '../shared/paging';
import { searchTermsOf } from '../shared/search-text';
import {
  aggregateTenantRows,
  selectTenantRows,
  sqlCondition,
  type SqlCondition,
} from '../shared/tenant-rows';
import type {
  FinanceEntryPage,
  FinanceEntryView,
  FinanceTotals,
  TCreateFinanceEntryInput,
  TCreateFromAppointmentInput,
  TListFinanceEntriesInput,
  TMarkPaidInput,
  TUpdateFinanceEntryInput,
} from './schema';
import { financeCursorOf, parseFinanceCursor, toFinanceEntryView, type FinanceEntryRow } from './view';

// The view's type lives with its schema; the reports import it from here too.
export type { FinanceEntryView } from './schema';

/** Today in the organization's time zone ('YYYY-MM-DD'). */
export function organizationToday(ctx: OrgContext): string {
  return localDateOf(ctx.clock(), ctx.organization.timezone);
}

function viewEntry(entry: FinanceEntry, today: string): FinanceEntryView {
  const references = {
    clientId: entry.client.id,
    clientName: entry.client.name,
    appointmentId: entry.appointment?.id ?? null,
  };
  return toFinanceEntryView(entry, references, today);
}

/** An entry as the list reads it: plain columns under the entity's property names, references as ids. */
type FinanceEntryListRow = FinanceEntryRow & {
  client: string;
  client_name: string;
  appointment: string | null;
};

async function findEntry(ctx: OrgContext, id: string): Promise<FinanceEntry> {
  // Tenant-filtered: another organization's id is not found.
  const entry = await ctx.em.findOne(FinanceEntry, { id }, { populate: ['client'] });
  if (!entry) throw new TRPCError({ code: 'NOT_FOUND', message: messages.financeEntryNotFound });
  return entry;
}

async function findActiveClient(ctx: OrgContext, id: string): Promise<Client> {
  const client = await ctx.em.findOne(Client, { id });
  if (!client) throw new TRPCError({ code: 'NOT_FOUND', message: messages.financeClientNotFound });
  if (client.deletedAt) throw fieldError('clientId', messages.financeClientArchived);
  return client;
}

function refuseIfArchived(entry: FinanceEntry): void {
  if (entry.deletedAt) throw new TRPCError({ code: 'BAD_REQUEST', message: messages.financeEntryArchived });
}

const ENTRY_VIEW_PROPERTIES = [
  'id',
  'client',
  'appointment',
  'description',
  'amountCents',
  'dueDate',
  'status',
  'paidAt',
  'paymentMethod',
  'version',
  'createdAt',
  'updatedAt',
  'deletedAt',
] as const satisfies readonly (keyof FinanceEntryListRow)[];

export async function listFinanceEntries(
  ctx: OrgContext,
  input: TListFinanceEntriesInput,
): Promise<FinanceEntryPage> {
  const today = organizationToday(ctx);
  const where: SqlCondition[] = [];
  if (!input.includeArchived) where.push(sqlCondition('f.deleted_at is null'));
  if (input.status) where.push(sqlCondition('f.status = ?', input.status));
  if (input.clientId) where.push(sqlCondition('f.client_id = ?', input.clientId));
  if (input.from) where.push(sqlCondition('f.due_date >= ?', input.from));
  if (input.to) where.push(sqlCondition('f.due_date <= ?', input.to));
  if (input.overdue === true) where.push(sqlCondition("f.status = 'pending' and f.due_date < ?", today));
  if (input.overdue === false) where.push(sqlCondition("(f.status = 'paid' or f.due_date >= ?)", today));
  // Each word in the entry's folded description or in its client's folded name (the client's search text,
  // which also holds its e-mail, document and phone). Folded words carry no LIKE wildcard.
  for (const term of searchTermsOf(input.search ?? '')) {
    where.push(
      sqlCondition(
        '(f.search_text like ? or exists (select 1 from clients c where c.id = f.client_id and c.search_text like ?))',
        `%${term}%`,
        `%${term}%`,
      ),
    );
  }
  const filters = [...where];
  if (input.cursor) {
    // Keyset pagination on the sort key (dueDate, id).
    const { dueDate, id } = parseFinanceCursor(input.cursor);
    // The redundant `dueDate >= cursor` lets the index range start at the cursor instead of at the first row
    // (an OR alone is a filter over every earlier row: quadratic over a long walk, such as a report).
    where.push(sqlCondition('f.due_date >= ?', dueDate));
    where.push(sqlCondition('(f.due_date > ? or (f.due_date = ? and f.id > ?))', dueDate, dueDate, id));
  }
  // Plain rows, not entities (see shared/tenant-rows.ts); the client's name is a primary-key lookup per row
  // of the page (see readAppointmentViews).
  const rows = await selectTenantRows<FinanceEntryListRow>(ctx, {
    entity: FinanceEntry,
    alias: 'f',
    properties: ENTRY_VIEW_PROPERTIES,
    extraColumns: ['(select c.name from clients c where c.id = f.client_id) as client_name'],
    where,
    orderBy: 'f.due_date, f.id',
    limit: input.limit + 1,
  });
  // The first page carries the totals of every matching row; a walk through later pages (a report) does
  // not pay for them again.
  let totals: FinanceTotals | null = null;
  if (!input.cursor) {
    const sums = await aggregateTenantRows<{ count: number | string; amount: number | string | null }>(ctx, {
      entity: FinanceEntry,
      alias: 'f',
      select: 'count(*) as count, sum(f.amount_cents) as amount',
      where: filters,
    });
    totals = { count: Number(sums?.count ?? 0), amountCents: Number(sums?.amount ?? 0) };
  }
  const views = rows.map((row) =>
    toFinanceEntryView(
      row,
      { clientId: row.client, clientName: row.client_name, appointmentId: row.appointment ?? null },
      today,
    ),
  );
  return { ...keysetPage(views, input.limit, financeCursorOf), totals };
}

export async function getFinanceEntry(ctx: OrgContext, id: string): Promise<FinanceEntryView> {
  return viewEntry(await findEntry(ctx, id), organizationToday(ctx));
}

export async function createFinanceEntry(
  ctx: OrgContext,
  input: TCreateFinanceEntryInput,
): Promise<FinanceEntryView> {
  const client = await findActiveClient(ctx, input.clientId);
  const entry = ctx.em.create(FinanceEntry, {
    organization: ctx.organization,
    client,
    description: input.description,
    amountCents: input.amountCents,
    dueDate: input.dueDate,
  });
  await ctx.em.flush();
  return viewEntry(entry, organizationToday(ctx));
}

export async function updateFinanceEntry(
  ctx: OrgContext,
  input: TUpdateFinanceEntryInput,
): Promise<FinanceEntryView> {
  const entry = await findEntry(ctx, input.id);
  refuseIfArchived(entry);
  if (input.version !== undefined && input.version !== entry.version) {
    throw new TRPCError({ code: 'CONFLICT', message: messages.concurrentEdit });
  }
  if (entry.status === 'paid') {
    // A payment records what was received, from whom and for which due date: those change only after the
    // payment is undone (markPending). The description stays editable. Forms send every field, so only a
    // real change is refused.
    const locked = (['clientId', 'amountCents', 'dueDate'] as const).find(
      (field) =>
        input[field] !== undefined &&
        input[field] !==
          { clientId: entry.client.id, amountCents: entry.amountCents, dueDate: entry.dueDate }[field],
    );
    if (locked) throw fieldError(locked, messages.financePaidEntryLocked);
  }
  if (input.clientId && input.clientId !== entry.client.id) {
    entry.client = await findActiveClient(ctx, input.clientId);
  }
  if (input.description !== undefined) entry.description = input.description;
  if (input.amountCents !== undefined) entry.amountCents = input.amountCents;
  if (input.dueDate !== undefined) entry.dueDate = input.dueDate;
  await ctx.em.flush();
  return viewEntry(entry, organizationToday(ctx));
}

export async function markFinanceEntryPaid(
  ctx: OrgContext,
  input: TMarkPaidInput,
): Promise<FinanceEntryView> {
  const now = ctx.clock();
  // A minute of slack for clocks of other machines (the desktop sends its own "now").
  if (input.paidAt && input.paidAt.getTime() > now.getTime() + 60_000) {
    throw fieldError('paidAt', messages.financePaidAtInFuture);
  }
  const entry = await findEntry(ctx, input.id);
  refuseIfArchived(entry);
  // As updateFinanceEntry: a stale version is refused here, and a change between this read and the flush
  // by the row's optimistic lock, so of parallel calls with one version exactly one records the payment.
  if (input.version !== undefined && input.version !== entry.version) {
    throw new TRPCError({ code: 'CONFLICT', message: messages.concurrentEdit });
  }
  entry.status = 'paid';
  entry.paidAt = input.paidAt ?? now;
  entry.paymentMethod = input.method;
  await ctx.em.flush();
  return viewEntry(entry, organizationToday(ctx));
}

export async function markFinanceEntryPending(ctx: OrgContext, id: string): Promise<FinanceEntryView> {
  const entry = await findEntry(ctx, id);
  refuseIfArchived(entry);
  if (entry.status !== 'pending') {
    entry.status = 'pending';
    entry.paidAt = null;
    entry.paymentMethod = null;
    await ctx.em.flush();
  }
  return viewEntry(entry, organizationToday(ctx));
}

export async function archiveFinanceEntry(ctx: OrgContext, id: string): Promise<FinanceEntryView> {
  const entry = await findEntry(ctx, id);
  if (!entry.deletedAt) {
    entry.deletedAt = ctx.clock();
    await ctx.em.flush();
  }
  return viewEntry(entry, organizationToday(ctx));
}

export async function restoreFinanceEntry(ctx: OrgContext, id: string): Promise<FinanceEntryView> {
  const entry = await findEntry(ctx, id);
  if (entry.deletedAt) {
    entry.deletedAt = null;
    await ctx.em.flush();
  }
  return viewEntry(entry, organizationToday(ctx));
}

/** Bills a done visit with a price, once: a second entry for the same visit is refused (and unique in SQL). */
export async function createFinanceEntryFromAppointment(
  ctx: OrgContext,
  input: TCreateFromAppointmentInput,
): Promise<FinanceEntryView> {
  const appointment = await ctx.em.findOne(
    Appointment,
    { id: input.appointmentId },
    { populate: ['client'] },
  );
  if (!appointment) {
    throw new TRPCError({ code: 'NOT_FOUND', message: messages.financeAppointmentNotFound });
  }
  const refuse = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });
  if (appointment.deletedAt) throw refuse(messages.financeAppointmentArchived);
  if (appointment.status !== 'done') throw refuse(messages.financeAppointmentNotDone);
  if (!appointment.priceCents) throw refuse(messages.financeAppointmentWithoutPrice);
  // Archived entries count too: restore that one instead of billing the visit twice.
  if (await ctx.em.count(FinanceEntry, { appointment })) {
    throw new TRPCError({ code: 'CONFLICT', message: messages.financeAppointmentAlreadyBilled });
  }
  if (appointment.client.deletedAt) throw refuse(messages.financeClientArchived);
  const entry = ctx.em.create(FinanceEntry, {
    organization: ctx.organization,
    client: appointment.client,
    appointment,
    description: messages.financeAppointmentDescription(formatLocalDateBr(appointment.date)),
    amountCents: appointment.priceCents,
    dueDate: input.dueDate ?? organizationToday(ctx),
  });
  await ctx.em.flush();
  return viewEntry(entry, organizationToday(ctx));
}
