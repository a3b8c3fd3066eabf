import { orgProcedure, router } from '../trpc';
import { ZSyncPullInput, ZSyncPullResult } from './schema';
import { pullChanges } from './service';

// Every member pulls: the desktop replica of any member holds the whole organization's data.
export const syncRouter = router({
  pull: orgProcedure
    .input(ZSyncPullInput)
    .output(ZSyncPullResult)
    .query(({ ctx, input }) => pullChanges(ctx, input)),
});
