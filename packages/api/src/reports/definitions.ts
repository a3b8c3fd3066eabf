// The reports: for each kind, its filters (the list procedure's own zod schema, read from a query string),
// its columns and its rows, paged through the list service that the API uses.
import { Client, Membership, Pool } from '@picineiros/db';
import { ZListAppointmentsInput, type TListAppointmentsInput } from '../appointments/schema';
import { listAppointments, type AppointmentView } from '../appointments/service';
import { ZListClientsInput, type TListClientsInput } from '../clients/schema';
import { listClients } from '../clients/service';
import { ZDashboardSummaryInput, type TDashboardSummaryInput } from '../dashboard/schema';
import { summarizeDashboard, type DashboardSummary } from '../dashboard/service';
import { ZListFinanceEntriesInput, type TListFinanceEntriesInput } from '../finance/schema';
import { listFinanceEntries, type FinanceEntryView } from '../finance/service';
import { FINANCE_OVERDUE_LABEL, formatLocalMonth, POOL_TYPE_LABELS } from '../shared/labels';
import { addDaysToLocalDate, localMonthOf, startOfLocalDate } from '../shared/local-time';
import type { OrgContext } from '../shared/org-context';
import type { z } from '../shared/validation';
import {
  describeAppointmentFilters,
  describeClientFilters,
  describeFinanceFilters,
  describePeriod,
  type FilterNames,
} from './filters';
import {
  appointmentColumns,
  appointmentTotals,
  clientColumns,
  clientRow,
  financeColumns,
  financeRow,
  appointmentRow,
  REPORT_META,
} from './rows';
import type { Cell, ReportColumn, ReportFilter, ReportHeading } from './table';

export const REPORT_KINDS = ['clients', 'appointments', 'finance', 'finance-summary'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** A query string as Fastify parses it: repeated keys become arrays. */
export type QueryValues = Record<string, string | string[] | undefined>;

export type ReportDefinition<Input> = {
  title: string;
  /** The download's name without extension (ASCII). */
  fileName: string;
  orientation: ReportHeading['orientation'];
  /** Query keys that are filters; anything else (but `format`) is refused. */
  filterKeys: readonly string[];
  booleanKeys?: readonly string[];
  listKeys?: readonly string[];
  schema: z.ZodType<Input>;
  columns: readonly ReportColumn[];
  /** The filters for people ('Situação: Pendente'); refuses ids this organization does not have. */
  describeFilters(ctx: OrgContext, input: Input): Promise<ReportFilter[]>;
  /** The rows, a page at a time. */
  pages(ctx: OrgContext, input: Input): AsyncIterable<Cell[][]>;
  /** The PDF's totals row; default: the count and the sums of the `total` columns. */
  totals?(ctx: OrgContext, input: Input, rows: readonly Cell[][]): Promise<Cell[]>;
};

/** The report refuses a filter id the organization does not have, the way the API answers NOT_FOUND. */
export class UnknownFilterValueError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The name of the client a filter holds; refuses another organization's client (the tenant filter hides it). */
async function clientName(ctx: OrgContext, clientId: string | undefined): Promise<FilterNames> {
  if (!clientId) return {};
  const client = await ctx.em.findOne(Client, { id: clientId });
  if (!client) throw new UnknownFilterValueError('clientId', 'Cliente não encontrado.');
  return { client: client.name };
}

/** Names of the organization's members by membership id (memberships are not tenant-filtered). */
async function memberNames(ctx: OrgContext): Promise<Map<string, string>> {
  const memberships = await ctx.em.find(
    Membership,
    { organization: ctx.organization.id },
    { populate: ['user'] },
  );
  return new Map(memberships.map((membership) => [membership.id, membership.user.name]));
}

/**
 * Rows per database page. Small on purpose: a page's entities then die young (scavenged) instead of being
 * promoted and piling up in the old generation until a full GC. Measured on 100 000 finance entries: pages
 * of 500 let the server's RSS peak 35 to 100 MB above its baseline (live heap after GC flat), pages of 100
 * keep it within a few MB after the first run, at about the same speed.
 */
export const REPORT_PAGE_SIZE = 100;

// Each page's entities are dropped once its rows are built, so the identity map (and the process) does not
// grow with the report. The tenant filter's parameter lives on the EntityManager and survives `clear()`.
function releasePage(ctx: OrgContext): void {
  ctx.em.clear();
}

// ---------------------------------------------------------------------------------------------- clients

const clientsReport: ReportDefinition<TListClientsInput> = {
  ...REPORT_META['clients'],
  filterKeys: ['search', 'active', 'poolType', 'includeArchived', 'sort', 'direction'],
  booleanKeys: ['active', 'includeArchived'],
  schema: ZListClientsInput,
  columns: clientColumns,
  describeFilters(_ctx, input) {
    return Promise.resolve(describeClientFilters(input));
  },
  async *pages(ctx, input) {
    // The clients list pages by number (its sorts include name and creation, both directions); the report
    // walks those pages, at the list's largest page size.
    for (let page = 1; ; page += 1) {
      const result = await listClients(ctx, ctx.organization, { ...input, page, pageSize: REPORT_PAGE_SIZE });
      yield result.items.map(clientRow);
      releasePage(ctx);
      if (page >= result.pageCount) return;
    }
  },
};

// ----------------------------------------------------------------------------------------- appointments

const appointmentsReport: ReportDefinition<TListAppointmentsInput> = {
  ...REPORT_META['appointments'],
  filterKeys: ['from', 'to', 'status', 'clientId', 'assigneeId', 'includeArchived'],
  booleanKeys: ['includeArchived'],
  listKeys: ['status'],
  schema: ZListAppointmentsInput,
  columns: appointmentColumns,
  async describeFilters(ctx, input) {
    const names = await clientName(ctx, input.clientId);
    if (input.assigneeId) {
      names.assignee = (await memberNames(ctx)).get(input.assigneeId);
      if (!names.assignee) throw new UnknownFilterValueError('assigneeId', 'Responsável não encontrado.');
    }
    return describeAppointmentFilters(input, names);
  },
  async *pages(ctx, input) {
    const members = await memberNames(ctx);
    let cursor: string | null = null;
    do {
      const page: { items: AppointmentView[]; nextCursor: string | null } = await listAppointments(ctx, {
        ...input,
        limit: REPORT_PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      const poolIds = [...new Set(page.items.flatMap((item) => (item.poolId ? [item.poolId] : [])))];
      const pools = poolIds.length ? await ctx.em.find(Pool, { id: { $in: poolIds } }) : [];
      const poolNames = new Map(
        pools.map((pool) => [pool.id, pool.label ?? POOL_TYPE_LABELS[pool.type]] as const),
      );
      yield page.items.map((item) => appointmentRow(item, poolNames, members));
      releasePage(ctx);
      cursor = page.nextCursor;
    } while (cursor);
  },
  totals(_ctx, _input, rows) {
    return Promise.resolve(appointmentTotals(rows));
  },
};

// ------------------------------------------------------------------------------------------------ finance

const financeReport: ReportDefinition<TListFinanceEntriesInput> = {
  ...REPORT_META['finance'],
  filterKeys: ['status', 'overdue', 'clientId', 'from', 'to', 'search', 'includeArchived'],
  booleanKeys: ['overdue', 'includeArchived'],
  schema: ZListFinanceEntriesInput,
  columns: financeColumns,
  async describeFilters(ctx, input) {
    return describeFinanceFilters(input, await clientName(ctx, input.clientId));
  },
  async *pages(ctx, input) {
    const timezone = ctx.organization.timezone;
    let cursor: string | null = null;
    do {
      // Keyset pages on (dueDate, id), the list's own order and index.
      const page: { items: FinanceEntryView[]; nextCursor: string | null } = await listFinanceEntries(ctx, {
        ...input,
        limit: REPORT_PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      yield page.items.map((entry) => financeRow(entry, timezone));
      releasePage(ctx);
      cursor = page.nextCursor;
    } while (cursor);
  },
};

// -------------------------------------------------------------------------------------- financial summary

const summaryColumns: ReportColumn[] = [
  { header: 'Seção', type: 'text', width: 1.4 },
  { header: 'Referência', type: 'text', width: 2.6 },
  { header: 'Valor', type: 'cents', width: 1.2 },
];

/** Paid cents per client within the summary's period (by paidAt in the organization's time zone). */
async function paidByClient(
  ctx: OrgContext,
  range: { from: string | null; to: string | null },
): Promise<{ name: string; paidCents: number }[]> {
  const timezone = ctx.organization.timezone;
  const platform = ctx.em.getPlatform();
  const conditions: string[] = [];
  const params: unknown[] = [ctx.organization.id];
  if (range.from) {
    conditions.push(' and f.paid_at >= ?');
    params.push(platform.processDateProperty(startOfLocalDate(range.from, timezone)));
  }
  if (range.to) {
    conditions.push(' and f.paid_at < ?');
    params.push(platform.processDateProperty(startOfLocalDate(addDaysToLocalDate(range.to, 1), timezone)));
  }
  // Plain SQL like the dashboard's aggregates: it bypasses the tenant filter, so it names the organization.
  const rows = await ctx.em.getConnection().execute<Record<string, unknown>[]>(
    `select c.name as name, sum(f.amount_cents) as paid_cents
       from finance_entries f join clients c on c.id = f.client_id
      where f.organization_id = ? and f.deleted_at is null and f.status = 'paid'${conditions.join('')}
      group by c.id, c.name
      order by paid_cents desc, c.name asc`,
    params,
  );
  return rows.map((row) => ({ name: String(row['name']), paidCents: Number(row['paid_cents'] ?? 0) }));
}

/**
 * The month rows of the summary: exactly the months of its period, so they add up to the "Total recebido no
 * período" under the heading's "Período". The dashboard's series is not always that: without a range it is
 * the last 6 months while the period is the current month, and a range open at the start ("até 31/03") has
 * a 6-month series but covers everything before; what was paid before the series is then one row of its own.
 */
function monthsOfPeriod(summary: DashboardSummary): { month: string; label?: string; paidCents: number }[] {
  const { from, to } = summary.range;
  const months = summary.monthlyRevenue.filter(
    ({ month }) => (!from || month >= localMonthOf(from)) && (!to || month <= localMonthOf(to)),
  );
  const first = months[0];
  if (from || !first) return months;
  const listed = months.reduce((sum, { paidCents }) => sum + paidCents, 0);
  const before = summary.totals.paidCents - listed;
  return before === 0
    ? months
    : [
        { month: first.month, label: `Antes de ${formatLocalMonth(first.month)}`, paidCents: before },
        ...months,
      ];
}

const summaryReport: ReportDefinition<TDashboardSummaryInput> = {
  ...REPORT_META['finance-summary'],
  filterKeys: ['from', 'to'],
  schema: ZDashboardSummaryInput,
  columns: summaryColumns,
  async describeFilters(ctx, input) {
    const summary = await summarizeDashboard(ctx, input);
    const period = describePeriod(summary.range.from ?? undefined, summary.range.to ?? undefined);
    return period.length ? period : [{ label: 'Período', value: 'todo o histórico' }];
  },
  async *pages(ctx, input) {
    // The dashboard's figures (same cache, same rules), plus revenue per client over the same period.
    const summary = await summarizeDashboard(ctx, input);
    const rows: Cell[][] = [];
    for (const { month, label, paidCents } of monthsOfPeriod(summary)) {
      rows.push(['Recebido por mês', label ?? formatLocalMonth(month), paidCents]);
    }
    for (const client of await paidByClient(ctx, summary.range)) {
      rows.push(['Recebido por cliente', client.name, client.paidCents]);
    }
    rows.push(['Em aberto', 'Pendente (inclui em atraso)', summary.totals.pendingCents]);
    rows.push(['Em aberto', FINANCE_OVERDUE_LABEL, summary.totals.overdueCents]);
    yield rows;
  },
  async totals(ctx, input) {
    const summary = await summarizeDashboard(ctx, input);
    return ['Total recebido no período', null, summary.totals.paidCents];
  },
};

export const REPORT_DEFINITIONS = {
  clients: clientsReport,
  appointments: appointmentsReport,
  finance: financeReport,
  'finance-summary': summaryReport,
} as const satisfies Record<ReportKind, unknown>;
