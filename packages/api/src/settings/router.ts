import { orgProcedure, roleProcedure, router } from '../trpc';
import { ZNotificationSettingsInput } from './schema';
import { getNotificationSettings, updateNotificationSettings } from './service';

export const settingsRouter = router({
  notifications: orgProcedure.query(({ ctx }) => getNotificationSettings(ctx)),
  updateNotifications: roleProcedure('admin')
    .input(ZNotificationSettingsInput)
    .mutation(({ ctx, input }) => updateNotificationSettings(ctx, input)),
});
