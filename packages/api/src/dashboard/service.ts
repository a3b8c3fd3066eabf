import { APPOINTMENT_STATUSES, type AppointmentStatus } from '@picineiros/db';
import { readAppointmentViews, type AppointmentView } from '../appointments/service';
import { organizationToday } from '../finance/service';
import {
  addDaysToLocalDate,
  addMonthsToLocalMonth,
  startOfLocalDate,
  type LocalMonth,
} from '../shared/local-time';
import { fieldError } from '../shared/field-error';
import { sqlCondition } from '../shared/tenant-rows';
import { messages } from '../shared/messages';
import type { OrgContext } from '../shared/org-context';
import { dashboardPeriodOf, MAX_SERIES_MONTHS } from './period';
import type { TDashboardSummaryInput } from './schema';

export const UPCOMING_DAYS = 7;
export const UPCOMING_LIMIT = 20;
export { REVENUE_MONTHS } from './period';

export type DashboardSummary = {
  /** Today in the organization's time zone; "overdue" and "upcoming" are relative to it. */
  today: string;
  /** The period the figures cover: the given `from`/`to` (either may be open), or the current local month. */
  range: { from: string | null; to: string | null };
  /** Active, not archived (a snapshot: not limited by the period). */
  activeClients: number;
  /** Not archived visits dated within the period. */
  appointmentsByStatus: Record<AppointmentStatus, number>;
  /** Pending or confirmed visits from today through the next 6 days (not limited by the period). */
  upcomingAppointments: { count: number; items: AppointmentView[] };
  /**
   * Cents. pendingCents: what is still owed (overdue included); overdueCents: pending and due before today;
   * both count every pending entry, or only those due within `from`/`to` when a range is given.
   * paidCents: paid within the period (by paidAt in the organization's time zone).
   */
  totals: { pendingCents: number; overdueCents: number; paidCents: number };
  /**
   * Paid cents per local month (by paidAt), oldest first, every month present: the last 6 months up to the
   * current one, or, with a range, every month it touches (the first and last clipped to it).
   */
  monthlyRevenue: { month: LocalMonth; paidCents: number }[];
};

type Row = Record<string, unknown>;

const toNumber = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** ' and <column> >= ? and <column> < ?' for the bounds that are set, with their parameters. */
function rangeSql(column: string, lower: unknown, upper: unknown, upperOp: '<' | '<=') {
  return {
    sql: `${lower === null ? '' : ` and ${column} >= ?`}${upper === null ? '' : ` and ${column} ${upperOp} ?`}`,
    params: [lower, upper].filter((value) => value !== null),
  };
}

// The aggregates below are plain SQL that Postgres and SQLite read alike, each served by an index that
// leads with the organization (see the entities). They bypass the ORM's tenant filter, so each one names
// the organization itself. Monthly buckets come from precomputed UTC boundaries of the organization's
// local months (one sum per month over its [start, next start) instants), so no SQL time-zone function is
// needed and both dialects agree.
async function computeDashboard(ctx: OrgContext, input: TDashboardSummaryInput): Promise<DashboardSummary> {
  const { em } = ctx;
  const timezone = ctx.organization.timezone;
  const organizationId = ctx.organization.id;
  const connection = em.getConnection();
  const platform = em.getPlatform();
  // Instants as the dialect stores them (timestamptz on Postgres, epoch milliseconds on SQLite).
  const instant = (date: Date | null): unknown => (date ? platform.processDateProperty(date) : null);
  const today = organizationToday(ctx);
  const { explicit, from, to, firstMonth, lastMonth, months } = dashboardPeriodOf(today, input);
  const rangeStart = from ? startOfLocalDate(from, timezone) : null;
  const rangeEnd = to ? startOfLocalDate(addDaysToLocalDate(to, 1), timezone) : null;

  // Local months → [start, end) instants.
  if (months.length > MAX_SERIES_MONTHS) throw fieldError('from', messages.dashboardRangeTooLong);
  const boundaries = months.map((month) => startOfLocalDate(`${month}-01`, timezone));
  const monthsStart = startOfLocalDate(`${firstMonth}-01`, timezone);
  const monthsEnd = startOfLocalDate(`${addMonthsToLocalMonth(lastMonth, 1)}-01`, timezone);
  const seriesStart = explicit && rangeStart && rangeStart > monthsStart ? rangeStart : monthsStart;
  const seriesEnd = explicit && rangeEnd && rangeEnd < monthsEnd ? rangeEnd : monthsEnd;

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
  const visitRange = rangeSql('date', from, to, '<=');
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
    [organizationId, today, addDaysToLocalDate(today, UPCOMING_DAYS - 1)],
  );
  const dueRange = explicit ? rangeSql('due_date', from, to, '<=') : { sql: '', params: [] };
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
    [organizationId, ...dueRange.params, today],
  );
  // Paid cents per local month: [start of the month, start of the next) clipped to the series' range.
  const paidBetween = (name: string, lower: Date | null, upper: Date | null) => {
    const range = rangeSql('paid_at', instant(lower), instant(upper), '<');
    figure(
      name,
      `select coalesce(sum(amount_cents), 0) from finance_entries
       where organization_id = ? and status = 'paid' and deleted_at is null${range.sql}`,
      [organizationId, ...range.params],
    );
  };
  boundaries.forEach((start, index) => {
    const end = boundaries[index + 1] ?? monthsEnd;
    paidBetween(
      `month_${index}`,
      start > seriesStart ? start : seriesStart,
      end < seriesEnd ? end : seriesEnd,
    );
  });
  // The revenue series covers exactly the period when it is the current month (its last bucket) or a
  // closed range (all its buckets): then the paid total comes from it, without another scan.
  const paidFromSeries = !explicit ? 'last' : from && to ? 'all' : null;
  if (!paidFromSeries) paidBetween('paid_cents', rangeStart, rangeEnd);

  const [rows, upcoming] = await Promise.all([
    connection.execute<Row[]>(
      `select ${figures.map(({ name, sql }) => `(${sql}) as ${name}`).join(',\n')}`,
      figures.flatMap(({ params }) => params),
    ),
    readAppointmentViews(
      ctx,
      [
        sqlCondition("a.status in ('pending', 'confirmed') and a.deleted_at is null"),
        sqlCondition('a.date >= ? and a.date <= ?', today, addDaysToLocalDate(today, UPCOMING_DAYS - 1)),
      ],
      UPCOMING_LIMIT,
    ),
  ]);
  const row = rows[0] ?? {};
  const appointmentsByStatus = Object.fromEntries(
    APPOINTMENT_STATUSES.map((status) => [status, toNumber(row[`status_${status}`])]),
  ) as Record<AppointmentStatus, number>;
  const monthlyRevenue = months.map((month, index) => ({
    month,
    paidCents: toNumber(row[`month_${index}`]),
  }));
  return {
    today,
    range: { from, to },
    activeClients: toNumber(row['active_clients']),
    appointmentsByStatus,
    upcomingAppointments: { count: toNumber(row['upcoming']), items: upcoming },
    totals: {
      pendingCents: toNumber(row['pending_cents']),
      overdueCents: toNumber(row['overdue_cents']),
      paidCents:
        paidFromSeries === 'last'
          ? (monthlyRevenue.at(-1)?.paidCents ?? 0)
          : paidFromSeries === 'all'
            ? monthlyRevenue.reduce((sum, { paidCents }) => sum + paidCents, 0)
            : toNumber(row['paid_cents']),
    },
    monthlyRevenue,
  };
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
