import { orgProcedure, router } from '../trpc';
import { ZDashboardSummary, ZDashboardSummaryInput } from './schema';
import { summarizeDashboard } from './service';

export const dashboardRouter = router({
  summary: orgProcedure
    .input(ZDashboardSummaryInput)
    .output(ZDashboardSummary)
    .query(({ ctx, input }) => summarizeDashboard(ctx, input)),
});
