import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';
import { Organization } from './organization.entity';
import { User } from './user.entity';
import { type MembershipRole } from '../constants';

export class Membership extends BaseEntity {
  user!: User;
  organization!: Organization;
  role!: MembershipRole;
}

export const MembershipSchema = new EntitySchema<Membership, BaseEntity<string>>({
  class: Membership,
  extends: BaseEntitySchema,
  tableName: 'memberships',
  properties: {
    user: { kind: 'm:1', entity: () => User, deleteRule: 'cascade' },
    organization: { kind: 'm:1', entity: () => Organization, deleteRule: 'cascade' },
    role: { type: 'string', length: 16 },
  },
  uniques: [{ properties: ['user', 'organization'] }],
  indexes: [{ properties: ['organization'] }],
});
