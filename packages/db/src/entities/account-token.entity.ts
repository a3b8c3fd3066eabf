import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';
import type { MembershipRole } from '../constants';
import { Organization } from './organization.entity';
import { User } from './user.entity';
import { type AccountTokenPurpose } from '../constants';

/**
 * A single-use token sent by e-mail: e-mail verification (24 h), password reset (1 h) or an invitation to
 * an organization (7 days). Only the SHA-256 of the token is stored.
 */
export class AccountToken extends BaseEntity<'user' | 'organization' | 'role' | 'invitedBy' | 'usedAt'> {
  purpose!: AccountTokenPurpose;
  tokenHash!: string;
  email!: string;
  user?: User | null;
  organization?: Organization | null;
  role?: MembershipRole | null;
  invitedBy?: User | null;
  expiresAt!: Date;
  usedAt?: Date | null;
}

export const AccountTokenSchema = new EntitySchema<AccountToken, BaseEntity<string>>({
  class: AccountToken,
  extends: BaseEntitySchema,
  tableName: 'account_tokens',
  properties: {
    purpose: { type: 'string', length: 16 },
    tokenHash: { type: 'string', length: 64, unique: true },
    email: { type: 'string', length: 254 },
    user: { kind: 'm:1', entity: () => User, nullable: true, deleteRule: 'cascade' },
    organization: { kind: 'm:1', entity: () => Organization, nullable: true, deleteRule: 'cascade' },
    role: { type: 'string', length: 16, nullable: true },
    invitedBy: { kind: 'm:1', entity: () => User, nullable: true, deleteRule: 'set null' },
    expiresAt: { type: 'datetime' },
    usedAt: { type: 'datetime', nullable: true },
  },
  indexes: [{ properties: ['user', 'purpose'] }, { properties: ['organization', 'purpose', 'usedAt'] }],
});
