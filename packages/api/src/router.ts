import { authRouter } from './accounts/router';
import { addressRouter } from './address/router';
import { appointmentsRouter } from './appointments/router';
import { auditRouter } from './audit/router';
import { billingRouter } from './billing/router';
import { calendarRouter } from './calendar/router';
import { clientsRouter } from './clients/router';
import { dashboardRouter } from './dashboard/router';
import { financeRouter } from './finance/router';
import { membersRouter } from './members/router';
import { notificationsRouter } from './notifications/router';
import { organizationsRouter } from './organizations/router';
import { privacyRouter } from './privacy/router';
import { settingsRouter } from './settings/router';
import { syncRouter } from './sync/router';
import { router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  clients: clientsRouter,
  appointments: appointmentsRouter,
  finance: financeRouter,
  dashboard: dashboardRouter,
  organizations: organizationsRouter,
  members: membersRouter,
  notifications: notificationsRouter,
  settings: settingsRouter,
  audit: auditRouter,
  calendar: calendarRouter,
  sync: syncRouter,
  billing: billingRouter,
  address: addressRouter,
  privacy: privacyRouter,
});

export type AppRouter = typeof appRouter;
