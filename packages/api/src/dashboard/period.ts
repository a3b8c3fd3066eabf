// The dashboard's period rule, shared by the server (dashboard/service.ts) and the desktop replica, which
// answers dashboard.summary locally: both must pick the same dates and months. Client-safe: no ORM.
import {
  addDaysToLocalDate,
  addMonthsToLocalMonth,
  localMonthOf,
  localMonthsBetween,
  type LocalMonth,
} from '../shared/local-time';

/** Months of the revenue series without a range: the current one and the 5 before it. */
export const REVENUE_MONTHS = 6;
/** A longer revenue series is refused (a field error on `from`). */
export const MAX_SERIES_MONTHS = 25;

export type DashboardPeriod = {
  /** A `from` or `to` was given (either may be open); otherwise the current local month. */
  explicit: boolean;
  /** 'YYYY-MM-DD' bounds of every figure, inclusive; null: open. */
  from: string | null;
  to: string | null;
  /** The revenue series: its first and last month, and every month between, oldest first. */
  firstMonth: LocalMonth;
  lastMonth: LocalMonth;
  months: LocalMonth[];
};

/**
 * Without a range: the current local month, and the last REVENUE_MONTHS months of revenue. With `from`/`to`:
 * that range, and every month it touches (an open end reaches the current month, or REVENUE_MONTHS back).
 */
export function dashboardPeriodOf(today: string, range: { from?: string; to?: string }): DashboardPeriod {
  const currentMonth = localMonthOf(today);
  const explicit = range.from !== undefined || range.to !== undefined;
  const from = explicit ? (range.from ?? null) : `${currentMonth}-01`;
  const to = explicit
    ? (range.to ?? null)
    : addDaysToLocalDate(`${addMonthsToLocalMonth(currentMonth, 1)}-01`, -1);
  let firstMonth = addMonthsToLocalMonth(currentMonth, 1 - REVENUE_MONTHS);
  let lastMonth = currentMonth;
  if (explicit) {
    lastMonth = to
      ? localMonthOf(to)
      : from && localMonthOf(from) > currentMonth
        ? localMonthOf(from)
        : currentMonth;
    firstMonth = from ? localMonthOf(from) : addMonthsToLocalMonth(lastMonth, 1 - REVENUE_MONTHS);
  }
  return { explicit, from, to, firstMonth, lastMonth, months: localMonthsBetween(firstMonth, lastMonth) };
}
