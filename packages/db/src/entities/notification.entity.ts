import { Collection, EntitySchema } from '@mikro-orm/core';
import { Membership } from './membership.entity';
import { NotificationRead } from './notification-read.entity';
import { SyncedEntity, SyncedEntitySchema } from './tenant-entity';
import { type NotificationType } from '../constants';

/**
 * An in-app notification, in pt-BR. `membership` null means "everyone in the organization"; who has read
 * it is kept per member in NotificationRead. `dedupeKey` (unique) makes a notification that a daily job
 * could create twice — one per (type, entity, local day) — exist once.
 */
export class Notification extends SyncedEntity<'membership' | 'dedupeKey' | 'reads'> {
  membership?: Membership | null;
  type!: NotificationType;
  /** What it is about, e.g. 'appointment' and the appointment's id. */
  entityType!: string;
  entityId!: string;
  title!: string;
  body!: string;
  dedupeKey?: string | null;
  reads = new Collection<NotificationRead>(this);
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
    dedupeKey: { type: 'string', length: 200, nullable: true, unique: true },
    reads: { kind: '1:m', entity: () => NotificationRead, mappedBy: 'notification' },
  },
  indexes: [
    { properties: ['organization', 'membership', 'createdAt'] },
    { properties: ['organization', 'entityType', 'entityId'] },
    { properties: ['organization', 'syncVersion'] },
  ],
});
