import { authedProcedure, orgProcedure, roleProcedure, router } from '../trpc';
import {
  ZMyNotificationSettings,
  ZMyNotificationSettingsInput,
  ZNotificationSettings,
  ZNotificationSettingsInput,
} from './schema';
import {
  getMyNotificationSettings,
  getNotificationSettings,
  updateMyNotificationSettings,
  updateNotificationSettings,
} from './service';

export const settingsRouter = router({
  notifications: orgProcedure.output(ZNotificationSettings).query(({ ctx }) => getNotificationSettings(ctx)),
  updateNotifications: roleProcedure('admin')
    .input(ZNotificationSettingsInput)
    .output(ZNotificationSettings)
    .mutation(({ ctx, input }) => updateNotificationSettings(ctx, input)),
  // The caller's own preferences: every user, whatever their role, in any organization.
  myNotifications: authedProcedure
    .output(ZMyNotificationSettings)
    .query(({ ctx }) => getMyNotificationSettings(ctx.user)),
  updateMyNotifications: authedProcedure
    .input(ZMyNotificationSettingsInput)
    .output(ZMyNotificationSettings)
    .mutation(({ ctx, input }) => updateMyNotificationSettings(ctx, ctx.user, input)),
});
