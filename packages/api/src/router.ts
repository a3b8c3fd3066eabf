import { authRouter } from './accounts/router';
import { appointmentsRouter } from './appointments/router';
import { dashboardRouter } from './dashboard/router';
import { financeRouter } from './finance/router';
import { organizationsRouter } from './organizations/router';
import { router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  appointments: appointmentsRouter,
  finance: financeRouter,
  dashboard: dashboardRouter,
  organizations: organizationsRouter,
});

export type AppRouter = typeof appRouter;
