import { orgProcedure, router } from '../trpc';
import { ZListNotificationsInput, ZMarkReadInput } from './schema';
import { countUnread, listNotifications, markAllRead, markRead } from './service';

export const notificationsRouter = router({
  list: orgProcedure.input(ZListNotificationsInput).query(({ ctx, input }) => listNotifications(ctx, input)),
  unreadCount: orgProcedure.query(({ ctx }) => countUnread(ctx)),
  markRead: orgProcedure.input(ZMarkReadInput).mutation(({ ctx, input }) => markRead(ctx, input.id)),
  markAllRead: orgProcedure.mutation(({ ctx }) => markAllRead(ctx)),
});
