import { orgProcedure, router } from '../trpc';
import { ZCalendarFeed } from './schema';
import { describeCalendarFeed, disableCalendarFeed, rotateCalendarSecret } from './service';

// Each member's own feed, in the organization they are working in: every role may have one.
export const calendarRouter = router({
  feedUrl: orgProcedure.output(ZCalendarFeed).query(({ ctx }) => describeCalendarFeed(ctx)),
  rotateSecret: orgProcedure.output(ZCalendarFeed).mutation(({ ctx }) => rotateCalendarSecret(ctx)),
  disable: orgProcedure.output(ZCalendarFeed).mutation(({ ctx }) => disableCalendarFeed(ctx)),
});
