import {
  Notification,
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
};

/** Records an in-app notification, persisted with the caller's flush (same transaction as its cause). */
export function recordNotification(em: EntityManager, notification: NewNotification): Notification {
  return em.create(Notification, {
    organization: notification.organization,
    membership: notification.membership ?? null,
    type: notification.type,
    entityType: notification.entityType,
    entityId: notification.entityId,
    title: notification.title.slice(0, 160),
    body: notification.body.slice(0, 500),
    dedupeKey: notification.dedupeKey ?? null,
  });
}
