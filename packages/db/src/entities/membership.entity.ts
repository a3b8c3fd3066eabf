import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';
import { Organization } from './organization.entity';
import { User } from './user.entity';
import { type MembershipRole } from '../constants';

export class Membership extends BaseEntity<'calendarFeedSalt'> {
  user!: User;
  organization!: Organization;
  role!: MembershipRole;
  /**
   * The member's calendar feed: its secret URL is an HMAC of (membership, this salt) under the server's
   * secret, so the database alone reveals no feed; a new salt rotates the URL. Null: no feed.
   */
  calendarFeedSalt?: string | null;
}

export const MembershipSchema = new EntitySchema<Membership, BaseEntity<string>>({
  class: Membership,
  extends: BaseEntitySchema,
  tableName: 'memberships',
  properties: {
    user: { kind: 'm:1', entity: () => User, deleteRule: 'cascade' },
    organization: { kind: 'm:1', entity: () => Organization, deleteRule: 'cascade' },
    role: { type: 'string', length: 16 },
    calendarFeedSalt: { type: 'string', length: 64, nullable: true },
  },
  uniques: [{ properties: ['user', 'organization'] }],
  indexes: [{ properties: ['organization'] }],
});
