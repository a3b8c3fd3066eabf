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
