import type { Organization, User } from '@picineiros/db';
import type { Context } from '../context';
import { changeOrganizationSettings } from '../organizations/service';
import type { OrgContext } from '../shared/org-context';
import type {
  TMyNotificationSettings,
  TMyNotificationSettingsInput,
  TNotificationSettings,
  TNotificationSettingsInput,
} from './schema';

function viewNotificationSettings(organization: Organization): TNotificationSettings {
  return {
    appointmentReminderHour: organization.appointmentReminderHour,
    financeNoticeHour: organization.financeNoticeHour,
    emailAppointmentReminders: organization.emailAppointmentReminders,
    emailDueNotices: organization.emailDueNotices,
    emailOverdueNotices: organization.emailOverdueNotices,
    timezone: organization.timezone,
  };
}

export function getNotificationSettings(ctx: OrgContext): TNotificationSettings {
  return viewNotificationSettings(ctx.organization);
}

export async function updateNotificationSettings(
  ctx: OrgContext,
  input: TNotificationSettingsInput,
): Promise<TNotificationSettings> {
  const organization = ctx.organization;
  await changeOrganizationSettings(ctx, organization, (target) => {
    for (const key of Object.keys(input) as (keyof TNotificationSettingsInput)[]) {
      const value = input[key];
      if (value !== undefined) Object.assign(target, { [key]: value });
    }
  });
  return viewNotificationSettings(organization);
}

export function getMyNotificationSettings(user: User): TMyNotificationSettings {
  return { notifyNewDevice: user.notifyNewDevice };
}

export async function updateMyNotificationSettings(
  ctx: Context,
  user: User,
  input: TMyNotificationSettingsInput,
): Promise<TMyNotificationSettings> {
  if (input.notifyNewDevice !== undefined) user.notifyNewDevice = input.notifyNewDevice;
  await ctx.em.flush();
  return getMyNotificationSettings(user);
}
