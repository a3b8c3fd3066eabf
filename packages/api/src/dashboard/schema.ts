import { APPOINTMENT_STATUSES } from '@picineiros/db/constants';
import { ZAppointmentView } from '../appointments/schema';
import { addDaysToLocalDate } from '../shared/local-time';
import { dateRangeRule, ZLocalDate } from '../shared/scalars';
import { z } from '../shared/validation';

/** Up to about two years, so the monthly series stays short. */
export const DASHBOARD_MAX_RANGE_DAYS = 731;

export const ZDashboardSummaryInput = z
  .object({ from: ZLocalDate.optional(), to: ZLocalDate.optional() })
  .refine(dateRangeRule.check, { error: dateRangeRule.message, path: ['to'] })
  .refine(
    (range) =>
      !range.from || !range.to || addDaysToLocalDate(range.from, DASHBOARD_MAX_RANGE_DAYS) > range.to,
    { error: 'Escolha um período de até dois anos.', path: ['to'] },
  )
  .optional()
  .transform((range) => range ?? {});
export type TDashboardSummaryInput = z.output<typeof ZDashboardSummaryInput>;

const ZCount = z.number().int();

/** The summary (built by toDashboardSummary in summary.ts). */
export const ZDashboardSummary = z.object({
  /** Today in the organization's time zone; "overdue" and "upcoming" are relative to it. */
  today: z.string(),
  /** The period the figures cover: the given `from`/`to` (either may be open), or the current local month. */
  range: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  /** Active, not archived (a snapshot: not limited by the period). */
  activeClients: ZCount,
  /** Not archived visits dated within the period. */
  appointmentsByStatus: z.record(z.enum(APPOINTMENT_STATUSES), ZCount),
  /** Pending or confirmed visits from today through the next 6 days (not limited by the period). */
  upcomingAppointments: z.object({ count: ZCount, items: z.array(ZAppointmentView) }),
  /**
   * Cents. pendingCents: what is still owed (overdue included); overdueCents: pending and due before today;
   * both count every pending entry, or only those due within `from`/`to` when a range is given.
   * paidCents: paid within the period (by paidAt in the organization's time zone).
   */
  totals: z.object({ pendingCents: ZCount, overdueCents: ZCount, paidCents: ZCount }),
  /**
   * Paid cents per local month (by paidAt), oldest first, every month present: the last 6 months up to the
   * current one, or, with a range, every month it touches (the first and last clipped to it).
   */
  monthlyRevenue: z.array(z.object({ month: z.string(), paidCents: ZCount })),
});
export type DashboardSummary = z.output<typeof ZDashboardSummary>;
