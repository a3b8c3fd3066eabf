import { Appointment, Client, APPOINTMENT_STATUSES, type AppointmentStatus } from '@picineiros/db';
import { viewAppointment, type AppointmentView } from '../appointments/service';
import { organizationToday } from '../finance/service';
import {
  addDaysToLocalDate,
  addMonthsToLocalMonth,
  localMonthOf,
  localMonthsBetween,
  startOfLocalDate,
  type LocalMonth,
} from '../shared/local-time';
import { fieldError } from '../shared/field-error';
import { messages } from '../shared/messages';
import type { OrgContext } from '../shared/org-context';
import type { TDashboardSummaryInput } from './schema';

export const UPCOMING_DAYS = 7;
export const UPCOMING_LIMIT = 20;
export const REVENUE_MONTHS = 6;
const MAX_SERIES_MONTHS = 25;

export type DashboardSummary = {
  /** Today in the organization's time zone; "overdue" and "upcoming" are relative to it. */
  today: string;
  range: { from: string | null; to: string | null };
  /** Active, not archived (a snapshot: not limited by the range). */
  activeClients: number;
  /** Not archived visits, dated within the range when one is given. */
  appointmentsByStatus: Record<AppointmentStatus, number>;
  /** Pending or confirmed visits from today through the next 6 days (not limited by the range). */
  upcomingAppointments: { count: number; items: AppointmentView[] };
  /**
   * Cents. pending: every pending entry (due in the range, when given), overdue included; overdue: pending
   * and due before today; paid: paid within the range (by paidAt, local time), or ever.
   */
  totals: { pendingCents: number; overdueCents: number; paidCents: number };
  /**
   * Paid cents per local month (by paidAt), oldest first, every month present: the last 6 months up to the
   * current one (or up to `to`), or every month from `from`.
   */
  monthlyRevenue: { month: LocalMonth; paidCents: number }[];
};

type Row = Record<string, unknown>;

const toNumber = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

// The aggregates below are plain SQL that Postgres and SQLite read alike. They bypass the ORM's tenant
// filter, so each one names the organization itself. Monthly buckets are computed from precomputed UTC
// boundaries of the organization's local months (CASE over ranges), so no SQL time-zone function is needed.
export async function summarizeDashboard(
  ctx: OrgContext,
  input: TDashboardSummaryInput,
): Promise<DashboardSummary> {
  const { em } = ctx;
  const timezone = ctx.organization.timezone;
  const organizationId = ctx.organization.id;
  const connection = em.getConnection();
  const platform = em.getPlatform();
  // Dates as the dialect stores them (timestamptz on Postgres, epoch milliseconds on SQLite).
  const instant = (date: Date): unknown => platform.processDateProperty(date);
  const today = organizationToday(ctx);
  const from = input.from ?? null;
  const to = input.to ?? null;
  const rangeStart = from ? startOfLocalDate(from, timezone) : null;
  const rangeEnd = to ? startOfLocalDate(addDaysToLocalDate(to, 1), timezone) : null;

  const appointmentRange = [
    from ? { sql: ' and date >= ?', params: [from] } : null,
    to ? { sql: ' and date <= ?', params: [to] } : null,
  ].filter((part) => part !== null);
  const statusRows = connection.execute<Row[]>(
    `select status, count(*) as total from appointments
     where organization_id = ? and deleted_at is null${appointmentRange.map((part) => part.sql).join('')}
     group by status`,
    [organizationId, ...appointmentRange.flatMap((part) => part.params)],
  );

  const dueRange = `${from ? ' and due_date >= ?' : ''}${to ? ' and due_date <= ?' : ''}`;
  const dueParams = [from, to].filter((value) => value !== null);
  const paidRange = `${rangeStart ? ' and paid_at >= ?' : ''}${rangeEnd ? ' and paid_at < ?' : ''}`;
  const paidParams = [rangeStart, rangeEnd].filter((value) => value !== null).map(instant);
  const totalsRows = connection.execute<Row[]>(
    `select
       coalesce(sum(case when status = 'pending'${dueRange} then amount_cents else 0 end), 0) as pending_cents,
       coalesce(sum(case when status = 'pending' and due_date < ?${dueRange} then amount_cents else 0 end), 0)
         as overdue_cents,
       coalesce(sum(case when status = 'paid'${paidRange} then amount_cents else 0 end), 0) as paid_cents
     from finance_entries where organization_id = ? and deleted_at is null`,
    [...dueParams, today, ...dueParams, ...paidParams, organizationId],
  );

  // Local months → [start, end) instants; with a range, the first and last months are clipped to it.
  const currentMonth = localMonthOf(today);
  const lastMonth = to
    ? localMonthOf(to)
    : from && localMonthOf(from) > currentMonth
      ? localMonthOf(from)
      : currentMonth;
  const firstMonth = from ? localMonthOf(from) : addMonthsToLocalMonth(lastMonth, 1 - REVENUE_MONTHS);
  const months = localMonthsBetween(firstMonth, lastMonth);
  if (months.length > MAX_SERIES_MONTHS) throw fieldError('from', messages.dashboardRangeTooLong);
  const boundaries = months.map((month) => startOfLocalDate(`${month}-01`, timezone));
  const seriesStart = rangeStart ?? startOfLocalDate(`${firstMonth}-01`, timezone);
  const seriesEnd = rangeEnd ?? startOfLocalDate(`${addMonthsToLocalMonth(lastMonth, 1)}-01`, timezone);
  const bucketCases = boundaries
    .slice(1)
    .map((_, index) => `when paid_at < ? then ${index}`)
    .join(' ');
  const bucket = bucketCases ? `case ${bucketCases} else ${months.length - 1} end` : '0';
  const revenueRows = connection.execute<Row[]>(
    `select ${bucket} as bucket, sum(amount_cents) as cents
     from finance_entries
     where organization_id = ? and deleted_at is null and status = 'paid' and paid_at >= ? and paid_at < ?
     group by 1`,
    [...boundaries.slice(1).map(instant), organizationId, instant(seriesStart), instant(seriesEnd)],
  );

  const upcomingWhere = {
    deletedAt: null,
    status: { $in: ['pending', 'confirmed'] as AppointmentStatus[] },
    date: { $gte: today, $lte: addDaysToLocalDate(today, UPCOMING_DAYS - 1) },
  };
  const [activeClients, statuses, totals, revenue, upcomingCount, upcoming] = await Promise.all([
    em.count(Client, { active: true, deletedAt: null }),
    statusRows,
    totalsRows,
    revenueRows,
    em.count(Appointment, upcomingWhere),
    em.find(Appointment, upcomingWhere, {
      populate: ['client'],
      orderBy: { date: 'asc', startTime: 'asc', id: 'asc' },
      limit: UPCOMING_LIMIT,
    }),
  ]);

  const appointmentsByStatus = Object.fromEntries(
    APPOINTMENT_STATUSES.map((status) => [status, 0]),
  ) as Record<AppointmentStatus, number>;
  for (const row of statuses) {
    const status = row['status'] as AppointmentStatus;
    if (status in appointmentsByStatus) appointmentsByStatus[status] = toNumber(row['total']);
  }
  const revenueByBucket = new Map(revenue.map((row) => [toNumber(row['bucket']), toNumber(row['cents'])]));
  const totalsRow = totals[0] ?? {};
  return {
    today,
    range: { from, to },
    activeClients,
    appointmentsByStatus,
    upcomingAppointments: { count: upcomingCount, items: upcoming.map(viewAppointment) },
    totals: {
      pendingCents: toNumber(totalsRow['pending_cents']),
      overdueCents: toNumber(totalsRow['overdue_cents']),
      paidCents: toNumber(totalsRow['paid_cents']),
    },
    monthlyRevenue: months.map((month, index) => ({ month, paidCents: revenueByBucket.get(index) ?? 0 })),
  };
}
