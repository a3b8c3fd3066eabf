// The dashboard's rules, for every reader: the server sums over Postgres or SQLite, the desktop replica
// over its synced rows, and both ask the same questions (planDashboard) and build the same answer from the
// figures (toDashboardSummary). Only the SQL differs. Client-safe: no ORM.
import type { AppointmentStatus } from '@picineiros/db/constants';
import type { AppointmentView } from '../appointments/schema';
import { addDaysToLocalDate, addMonthsToLocalMonth, startOfLocalDate } from '../shared/local-time';
import { dashboardPeriodOf, MAX_SERIES_MONTHS, type DashboardPeriod } from './period';
import type { DashboardSummary } from './schema';

export const UPCOMING_DAYS = 7;
export const UPCOMING_LIMIT = 20;

/** Bounds of local dates, inclusive; null: open. */
export type DateBounds = { from: string | null; to: string | null };
/** Bounds of instants, [from, to); null: open. */
export type InstantBounds = { from: Date | null; to: Date | null };

/** What a summary counts and sums, worked out from today, the time zone and the range. */
export type DashboardPlan = {
  today: string;
  period: DashboardPeriod;
  /** Visits counted by status: dated within these. */
  visitDates: DateBounds;
  /** Upcoming visits (pending or confirmed): dated within these. */
  upcomingDates: { from: string; to: string };
  /** Pending entries summed: due within these (without a range, every one). */
  dueDates: DateBounds;
  /** Paid entries summed per month of the series: paid within each of these. */
  monthWindows: InstantBounds[];
  /**
   * Paid entries summed for the period, when the series does not hold exactly its sum: the current month
   * (no range) is the series' last month and a closed range is all of it; an open range is summed apart.
   */
  paidWindow: InstantBounds | null;
};

/**
 * Monthly buckets are precomputed instants of the organization's local months, so no store needs a time-zone
 * function and both dialects (and the replica) agree. Null when the range needs more months than a series
 * may hold (the server answers a field error on `from`).
 */
export function planDashboard(
  today: string,
  timezone: string,
  range: { from?: string; to?: string },
): DashboardPlan | null {
  const period = dashboardPeriodOf(today, range);
  const { explicit, from, to, firstMonth, lastMonth, months } = period;
  if (months.length > MAX_SERIES_MONTHS) return null;
  const rangeStart = from ? startOfLocalDate(from, timezone) : null;
  const rangeEnd = to ? startOfLocalDate(addDaysToLocalDate(to, 1), timezone) : null;
  const monthsStart = startOfLocalDate(`${firstMonth}-01`, timezone);
  const monthsEnd = startOfLocalDate(`${addMonthsToLocalMonth(lastMonth, 1)}-01`, timezone);
  // With a range, the series is clipped to it; without one, it is the last months whole.
  const seriesStart = explicit && rangeStart && rangeStart > monthsStart ? rangeStart : monthsStart;
  const seriesEnd = explicit && rangeEnd && rangeEnd < monthsEnd ? rangeEnd : monthsEnd;
  const starts = months.map((month) => startOfLocalDate(`${month}-01`, timezone));
  const monthWindows = starts.map((start, index) => {
    const end = starts[index + 1] ?? monthsEnd;
    return { from: start > seriesStart ? start : seriesStart, to: end < seriesEnd ? end : seriesEnd };
  });
  const seriesIsPeriod = !explicit || (from !== null && to !== null);
  return {
    today,
    period,
    visitDates: { from, to },
    upcomingDates: { from: today, to: addDaysToLocalDate(today, UPCOMING_DAYS - 1) },
    dueDates: explicit ? { from, to } : { from: null, to: null },
    monthWindows,
    paidWindow: seriesIsPeriod ? null : { from: rangeStart, to: rangeEnd },
  };
}

/**
 * ' and <column> >= ? and <column> < ?' for the bounds that are set, with their parameters: the plan's bounds
 * as SQL that Postgres and SQLite (the server's and the replica's) read alike.
 */
export function boundsSql(column: string, lower: unknown, upper: unknown, upperOp: '<' | '<=') {
  return {
    sql: `${lower === null ? '' : ` and ${column} >= ?`}${upper === null ? '' : ` and ${column} ${upperOp} ?`}`,
    params: [lower, upper].filter((value) => value !== null),
  };
}

/** What a store found for a plan. */
export type DashboardFigures = {
  activeClients: number;
  /** Visits by status; a status without visits may be left out. */
  visitsByStatus: Partial<Record<AppointmentStatus, number>>;
  upcoming: { count: number; items: AppointmentView[] };
  pendingCents: number;
  overdueCents: number;
  /** Paid cents within each of the plan's monthWindows, in its order. */
  monthlyPaidCents: readonly number[];
  /** Paid cents within the plan's paidWindow; null when it has none. */
  paidCents: number | null;
};

export function toDashboardSummary(plan: DashboardPlan, figures: DashboardFigures): DashboardSummary {
  const { period } = plan;
  const monthlyRevenue = period.months.map((month, index) => ({
    month,
    paidCents: figures.monthlyPaidCents[index] ?? 0,
  }));
  const paidCents =
    figures.paidCents ??
    (period.explicit
      ? monthlyRevenue.reduce((sum, month) => sum + month.paidCents, 0)
      : (monthlyRevenue.at(-1)?.paidCents ?? 0));
  return {
    today: plan.today,
    range: { from: period.from, to: period.to },
    activeClients: figures.activeClients,
    appointmentsByStatus: {
      pending: figures.visitsByStatus.pending ?? 0,
      confirmed: figures.visitsByStatus.confirmed ?? 0,
      done: figures.visitsByStatus.done ?? 0,
      cancelled: figures.visitsByStatus.cancelled ?? 0,
    },
    upcomingAppointments: figures.upcoming,
    totals: { pendingCents: figures.pendingCents, overdueCents: figures.overdueCents, paidCents },
    monthlyRevenue,
  };
}
