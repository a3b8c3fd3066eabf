import { orgProcedure, router } from '../trpc';
import { describeCalendarFeed, disableCalendarFeed, rotateCalendarSecret } from './service';

// Each member's own feed, in the organization they are working in: every role may have one.
export const calendarRouter = router({
  feedUrl: orgProcedure.query(({ ctx }) => describeCalendarFeed(ctx)),
  rotateSecret: orgProcedure.mutation(({ ctx }) => rotateCalendarSecret(ctx)),
  disable: orgProcedure.mutation(({ ctx }) => disableCalendarFeed(ctx)),
});
