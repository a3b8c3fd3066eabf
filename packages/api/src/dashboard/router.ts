import { orgProcedure, router } from '../trpc';
import { ZDashboardSummaryInput } from './schema';
import { summarizeDashboard } from './service';

export const dashboardRouter = router({
  summary: orgProcedure
    .input(ZDashboardSummaryInput)
    .query(({ ctx, input }) => summarizeDashboard(ctx, input)),
});
