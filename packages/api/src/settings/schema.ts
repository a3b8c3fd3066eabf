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
