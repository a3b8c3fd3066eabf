import { orgProcedure, router } from '../trpc';
import { ZListNotificationsInput, ZMarkReadInput, ZNotificationPage, ZUnreadCount } from './schema';
import { countUnread, listNotifications, markAllRead, markRead } from './service';

export const notificationsRouter = router({
  list: orgProcedure
    .input(ZListNotificationsInput)
    .output(ZNotificationPage)
    .query(({ ctx, input }) => listNotifications(ctx, input)),
  unreadCount: orgProcedure.output(ZUnreadCount).query(({ ctx }) => countUnread(ctx)),
  markRead: orgProcedure.input(ZMarkReadInput).mutation(({ ctx, input }) => markRead(ctx, input.id)),
  markAllRead: orgProcedure.mutation(({ ctx }) => markAllRead(ctx)),
});
