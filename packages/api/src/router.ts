import { authRouter } from './accounts/router';
import { organizationsRouter } from './organizations/router';
import { router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  organizations: organizationsRouter,
});

export type AppRouter = typeof appRouter;
