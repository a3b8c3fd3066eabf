import { EntitySchema } from '@mikro-orm/core';
import { Membership } from './membership.entity';
import { SyncedEntity, SyncedEntitySchema } from './tenant-entity';

export const NOTIFICATION_TYPES = ['appointment_created'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/**
 * An in-app notification. Minimal for now (the notifications domain is its own issue): `membership` null
 * means "everyone in the organization"; `readAt` is meaningful for targeted notifications only — per-member
 * read state of broadcast ones will need its own table (notification reads) when that domain lands.
 */
export class Notification extends SyncedEntity<'membership' | 'readAt'> {
  membership?: Membership | null;
  type!: NotificationType;
  /** What it is about, e.g. 'appointment' and the appointment's id. */
  entityType!: string;
  entityId!: string;
  title!: string;
  body!: string;
  readAt?: Date | null;
}

export const NotificationSchema = new EntitySchema<Notification, SyncedEntity<string>>({
  class: Notification,
  extends: SyncedEntitySchema,
  tableName: 'notifications',
  properties: {
    membership: { kind: 'm:1', entity: () => Membership, nullable: true, deleteRule: 'cascade' },
    type: { type: 'string', length: 40 },
    entityType: { type: 'string', length: 40 },
    entityId: { type: 'uuid' },
    title: { type: 'string', length: 160 },
    body: { type: 'string', length: 500 },
    readAt: { type: 'datetime', nullable: true },
  },
  indexes: [
    { properties: ['organization', 'membership', 'createdAt'] },
    { properties: ['organization', 'entityType', 'entityId'] },
    { properties: ['organization', 'syncVersion'] },
  ],
});
