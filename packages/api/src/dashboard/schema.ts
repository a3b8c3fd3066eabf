import { dateRangeRule, ZLocalDate } from '../shared/scalars';
import { z } from '../shared/validation';
import { addDaysToLocalDate } from '../shared/local-time';

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
