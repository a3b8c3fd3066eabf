// dashboard.summary from the replica: the server's plan and summary (packages/api/src/dashboard/summary) over
// the replica's rows, so the figures match. The replica keeps no archived rows, so none is counted.
import {
  boundsSql,
  planDashboard,
  toDashboardSummary,
  UPCOMING_LIMIT,
  type DashboardSummary,
  type InstantBounds,
} from '@picineiros/api/client';
import type Database from 'better-sqlite3';
import { readAppointments } from './appointments';

/** Null when the range needs more months than the server allows (the server's answer is a field error). */
export function dashboardSummary(
  db: Database.Database,
  today: string,
  timezone: string,
  range: { from?: string; to?: string },
): DashboardSummary | null {
  const plan = planDashboard(today, timezone, range);
  if (!plan) return null;
  const scalar = (sql: string, params: unknown[]) =>
    (db.prepare(sql).get(...params) as { n: number | null }).n ?? 0;
  const visits = boundsSql('date', plan.visitDates.from, plan.visitDates.to, '<=');
  const statusRows = db
    .prepare(`SELECT status, count(*) AS n FROM appointments WHERE 1 = 1${visits.sql} GROUP BY status`)
    .all(...visits.params) as { status: string; n: number }[];
  const upcoming = {
    sql: "status IN ('pending', 'confirmed') AND date >= ? AND date <= ?",
    params: [plan.upcomingDates.from, plan.upcomingDates.to],
  };
  const due = boundsSql('due_date', plan.dueDates.from, plan.dueDates.to, '<=');
  // paid_at holds ISO instants, which sort as the instants do.
  const paidWithin = (window: InstantBounds) => {
    const paid = boundsSql(
      'paid_at',
      window.from?.toISOString() ?? null,
      window.to?.toISOString() ?? null,
      '<',
    );
    return scalar(
      `SELECT sum(amount_cents) AS n FROM finance_entries WHERE status = 'paid'${paid.sql}`,
      paid.params,
    );
  };
  return toDashboardSummary(plan, {
    activeClients: scalar('SELECT count(*) AS n FROM clients WHERE active = 1', []),
    visitsByStatus: Object.fromEntries(statusRows.map((row) => [row.status, row.n])),
    upcoming: {
      count: scalar(`SELECT count(*) AS n FROM appointments WHERE ${upcoming.sql}`, upcoming.params),
      items: readAppointments(
        db,
        `SELECT data FROM appointments WHERE ${upcoming.sql} ORDER BY date, start_time, id LIMIT ?`,
        [...upcoming.params, UPCOMING_LIMIT],
      ),
    },
    pendingCents: scalar(
      `SELECT sum(amount_cents) AS n FROM finance_entries WHERE status = 'pending'${due.sql}`,
      due.params,
    ),
    overdueCents: scalar(
      `SELECT sum(amount_cents) AS n FROM finance_entries WHERE status = 'pending'${due.sql} AND due_date < ?`,
      [...due.params, plan.today],
    ),
    monthlyPaidCents: plan.monthWindows.map(paidWithin),
    paidCents: plan.paidWindow ? paidWithin(plan.paidWindow) : null,
  });
}
