import {
  Notification,
  NotificationRead,
  type EntityManager,
  type Membership,
  type NotificationType,
  type Organization,
} from '@picineiros/db';

export type NewNotification = {
  organization: Organization;
  /** null: everyone in the organization. */
  membership?: Membership | null;
  type: NotificationType;
  entityType: string;
  entityId: string;
  title: string;
  body: string;
  /** Unique per (type, entity, local day) for notifications a job could create twice. */
  dedupeKey?: string | null;
  /**
   * The member whose action caused it, if any: nobody is told about what they just did, so it is recorded
   * as already read by them (no unread count, no tray badge, no OS notice) while the others get it unread.
   */
  actor?: Membership | null;
};

/** Records an in-app notification, persisted with the caller's flush (same transaction as its cause). */
export function recordNotification(em: EntityManager, notification: NewNotification): Notification {
  const created = em.create(Notification, {
    organization: notification.organization,
    membership: notification.membership ?? null,
    type: notification.type,
    entityType: notification.entityType,
    entityId: notification.entityId,
    title: notification.title.slice(0, 160),
    body: notification.body.slice(0, 500),
    dedupeKey: notification.dedupeKey ?? null,
  });
  // Per-member read state is the one mechanism that already hides a notification from a member's unread
  // count for everyone-notifications; a row here, in the same flush, is the author "having read" it. It
  // stays in their list (read), as the record of what happened.
  const { actor } = notification;
  if (actor && (!notification.membership || notification.membership === actor)) {
    em.create(NotificationRead, { notification: created, membership: actor, readAt: created.createdAt });
  }
  return created;
}
