import { NOTIFICATION_TYPES } from '@picineiros/db/constants';
import { z } from '../shared/validation';

export const ZListNotificationsInput = z
  .object({
    page: z.int().min(1, { error: 'Página inválida.' }).max(10_000).default(1),
    pageSize: z.int().min(1).max(100, { error: 'Até 100 por página.' }).default(20),
  })
  .default({ page: 1, pageSize: 20 });
export type TListNotificationsInput = z.infer<typeof ZListNotificationsInput>;

export const ZMarkReadInput = z.object({ id: z.uuid({ error: 'Notificação inválida.' }) });

// ---- Outputs ----------------------------------------------------------------------------------------

export const ZNotificationView = z.object({
  id: z.string(),
  type: z.enum(NOTIFICATION_TYPES),
  title: z.string(),
  body: z.string(),
  /** What it is about, e.g. 'appointment' and the appointment's id. */
  entityType: z.string(),
  entityId: z.string(),
  createdAt: z.date(),
  /** Read by the caller. */
  read: z.boolean(),
});
export type TNotificationView = z.infer<typeof ZNotificationView>;

/** notifications.list: unread first (newest first within each group). */
export const ZNotificationPage = z.object({
  items: z.array(ZNotificationView),
  total: z.number().int(),
  unread: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type TNotificationPage = z.infer<typeof ZNotificationPage>;

export const ZUnreadCount = z.object({ unread: z.number().int() });
export type TUnreadCount = z.infer<typeof ZUnreadCount>;
