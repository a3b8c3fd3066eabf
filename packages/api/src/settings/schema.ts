import { z } from '../shared/validation';

const ZHour = z
  .int({ error: 'Informe uma hora entre 0 e 23.' })
  .min(0, { error: 'Informe uma hora entre 0 e 23.' })
  .max(23, { error: 'Informe uma hora entre 0 e 23.' });

export const ZNotificationSettingsInput = z.object({
  appointmentReminderHour: ZHour.optional(),
  financeNoticeHour: ZHour.optional(),
  emailAppointmentReminders: z.boolean().optional(),
  emailDueNotices: z.boolean().optional(),
  emailOverdueNotices: z.boolean().optional(),
});
export type TNotificationSettingsInput = z.infer<typeof ZNotificationSettingsInput>;

/** The caller's own e-mail preferences (not the organization's). */
export const ZMyNotificationSettingsInput = z.object({
  notifyNewDevice: z.boolean({ error: 'Informe sim ou não.' }).optional(),
});
export type TMyNotificationSettingsInput = z.infer<typeof ZMyNotificationSettingsInput>;

// ---- Outputs ----------------------------------------------------------------------------------------

/** The organization's notice hours and e-mail switches, and the time zone the hours are in. */
export const ZNotificationSettings = z.object({
  appointmentReminderHour: z.number().int(),
  financeNoticeHour: z.number().int(),
  emailAppointmentReminders: z.boolean(),
  emailDueNotices: z.boolean(),
  emailOverdueNotices: z.boolean(),
  timezone: z.string(),
});
export type TNotificationSettings = z.infer<typeof ZNotificationSettings>;

export const ZMyNotificationSettings = z.object({ notifyNewDevice: z.boolean() });
export type TMyNotificationSettings = z.infer<typeof ZMyNotificationSettings>;
