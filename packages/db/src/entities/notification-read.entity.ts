import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';
import { Membership } from './membership.entity';
import { Notification } from './notification.entity';

/** A member has read a notification (notifications for everyone are read by each member separately). */
export class NotificationRead extends BaseEntity {
  notification!: Notification;
  membership!: Membership;
  readAt!: Date;
}

export const NotificationReadSchema = new EntitySchema<NotificationRead, BaseEntity<string>>({
  class: NotificationRead,
  extends: BaseEntitySchema,
  tableName: 'notification_reads',
  properties: {
    notification: { kind: 'm:1', entity: () => Notification, deleteRule: 'cascade' },
    membership: { kind: 'm:1', entity: () => Membership, deleteRule: 'cascade' },
    readAt: { type: 'datetime' },
  },
  uniques: [{ properties: ['membership', 'notification'] }],
});
