import { APPOINTMENT_STATUSES } from '@picineiros/db';
import { readAppointmentViews } from '../appointments/service';
import { organizationToday } from '../finance/service';
import { fieldError } from '../shared/field-error';
import { messages } from '../shared/messages';
import type { OrgContext } from '../shared/org-context';
import { sqlCondition } from '../shared/tenant-rows';
import type { DashboardSummary, TDashboardSummaryInput } from './schema';
import { boundsSql, planDashboard, toDashboardSummary, UPCOMING_LIMIT, type InstantBounds } from './summary';

// The summary's type lives with its schema; the reports import it from here too.
export type { DashboardSummary } from './schema';

type Row = Record<string, unknown>;

const toNumber = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

// The aggregates below are plain SQL that Postgres and SQLite read alike, each served by an index that
// leads with the organization (see the entities). They bypass the ORM's tenant filter, so each one names
// the organization itself. Monthly buckets come from precomputed UTC boundaries of the organization's
// local months (one sum per month over its [start, next start) instants), so no SQL time-zone function is
// needed and both dialects agree.
async function computeDashboard(ctx: OrgContext, input: TDashboardSummaryInput): Promise<DashboardSummary> {
  const { em } = ctx;
  const organizationId = ctx.organization.id;
  const platform = em.getPlatform();
  // Instants as the dialect stores them (timestamptz on Postgres, epoch milliseconds on SQLite).
  const instant = (date: Date | null): unknown => (date ? platform.processDateProperty(date) : null);
  const plan = planDashboard(organizationToday(ctx), ctx.organization.timezone, input);
  if (!plan) throw fieldError('from', messages.dashboardRangeTooLong);

  // Every figure is a scalar subquery of one statement: one round trip and one connection instead of six
  // statements run in parallel (which took six pooled connections per summary). Each subquery is still
  // planned on its own and served by its index.
  const figures: { name: string; sql: string; params: unknown[] }[] = [];
  const figure = (name: string, sql: string, params: unknown[]) => figures.push({ name, sql, params });

  figure(
    'active_clients',
    'select count(*) from clients where organization_id = ? and active = true and deleted_at is null',
    [organizationId],
  );
  const visitRange = boundsSql('date', plan.visitDates.from, plan.visitDates.to, '<=');
  for (const status of APPOINTMENT_STATUSES) {
    figure(
      `status_${status}`,
      `select count(*) from appointments
       where organization_id = ? and status = ? and deleted_at is null${visitRange.sql}`,
      [organizationId, status, ...visitRange.params],
    );
  }
  figure(
    'upcoming',
    `select count(*) from appointments
     where organization_id = ? and status in ('pending', 'confirmed') and deleted_at is null
       and date >= ? and date <= ?`,
    [organizationId, plan.upcomingDates.from, plan.upcomingDates.to],
  );
  const dueRange = boundsSql('due_date', plan.dueDates.from, plan.dueDates.to, '<=');
  figure(
    'pending_cents',
    `select coalesce(sum(amount_cents), 0) from finance_entries
     where organization_id = ? and status = 'pending' and deleted_at is null${dueRange.sql}`,
    [organizationId, ...dueRange.params],
  );
  figure(
    'overdue_cents',
    `select coalesce(sum(amount_cents), 0) from finance_entries
     where organization_id = ? and status = 'pending' and deleted_at is null${dueRange.sql} and due_date < ?`,
    [organizationId, ...dueRange.params, plan.today],
  );
  const paidWithin = (name: string, window: InstantBounds) => {
    const range = boundsSql('paid_at', instant(window.from), instant(window.to), '<');
    figure(
      name,
      `select coalesce(sum(amount_cents), 0) from finance_entries
       where organization_id = ? and status = 'paid' and deleted_at is null${range.sql}`,
      [organizationId, ...range.params],
    );
  };
  plan.monthWindows.forEach((window, index) => {
    paidWithin(`month_${index}`, window);
  });
  if (plan.paidWindow) paidWithin('paid_cents', plan.paidWindow);

  const [rows, upcoming] = await Promise.all([
    em.getConnection().execute<Row[]>(
      `select ${figures.map(({ name, sql }) => `(${sql}) as ${name}`).join(',\n')}`,
      figures.flatMap(({ params }) => params),
    ),
    readAppointmentViews(
      ctx,
      [
        sqlCondition("a.status in ('pending', 'confirmed') and a.deleted_at is null"),
        sqlCondition('a.date >= ? and a.date <= ?', plan.upcomingDates.from, plan.upcomingDates.to),
      ],
      UPCOMING_LIMIT,
    ),
  ]);
  const row = rows[0] ?? {};
  return toDashboardSummary(plan, {
    activeClients: toNumber(row['active_clients']),
    visitsByStatus: Object.fromEntries(
      APPOINTMENT_STATUSES.map((status) => [status, toNumber(row[`status_${status}`])]),
    ),
    upcoming: { count: toNumber(row['upcoming']), items: upcoming },
    pendingCents: toNumber(row['pending_cents']),
    overdueCents: toNumber(row['overdue_cents']),
    monthlyPaidCents: plan.monthWindows.map((_, index) => toNumber(row[`month_${index}`])),
    paidCents: plan.paidWindow ? toNumber(row['paid_cents']) : null,
  });
}

// A summary is a pure function of the organization's synced rows, its time zone, its local "today" and the
// range. Every change of a synced row (clients, pools, visits, entries) bumps the organization's sync
// counter inside the writing transaction, so the counter's committed value identifies the data: the
// caller's statement read it (ctx.organizationDataVersion) before any of the summary's, and a summary
// computed at the same value (queries run after reading it see at least that data) is still right. Per
// process, bounded; other server instances keep their own.
const CACHE_LIMIT = 1000;
const summaryCache = new Map<string, { stamp: string; summary: DashboardSummary }>();

export async function summarizeDashboard(
  ctx: OrgContext,
  input: TDashboardSummaryInput,
): Promise<DashboardSummary> {
  const key = `${ctx.organization.id}|${input.from ?? ''}|${input.to ?? ''}`;
  const stamp = [ctx.organizationDataVersion, ctx.organization.timezone, organizationToday(ctx)].join('|');
  const cached = summaryCache.get(key);
  if (cached?.stamp === stamp) return cached.summary;
  const summary = await computeDashboard(ctx, input);
  summaryCache.delete(key);
  summaryCache.set(key, { stamp, summary });
  // Maps iterate in insertion order: the first key is the least recently computed.
  if (summaryCache.size > CACHE_LIMIT) {
    const oldest = summaryCache.keys().next().value;
    if (oldest !== undefined) summaryCache.delete(oldest);
  }
  return summary;
}
