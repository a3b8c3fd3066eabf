import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';

export class User extends BaseEntity<'emailVerifiedAt' | 'notifyNewDevice'> {
  /** Always stored lower-cased, so the unique index makes e-mails unique case-insensitively on both dialects. */
  email!: string;
  name!: string;
  passwordHash!: string;
  emailVerifiedAt?: Date | null;
  /** E-mail the user when someone signs in to the account from a device not seen before. */
  notifyNewDevice: boolean = true;
}

export const UserSchema = new EntitySchema<User, BaseEntity<string>>({
  class: User,
  extends: BaseEntitySchema,
  tableName: 'users',
  properties: {
    email: { type: 'string', length: 254, unique: true },
    name: { type: 'string', length: 120 },
    passwordHash: { type: 'string', length: 255, lazy: true },
    emailVerifiedAt: { type: 'datetime', nullable: true },
    notifyNewDevice: { type: 'boolean', default: true },
  },
});
