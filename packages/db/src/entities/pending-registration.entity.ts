import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';

/**
 * A sign-up waiting for its e-mail to be confirmed: what `auth.register` was given (the password already
 * hashed) and the keyed hash of the 6-digit code mailed to the address. One per e-mail (a new register
 * replaces it); `auth.confirmRegistration` turns it into the user and the organization. Dropped after five
 * wrong codes, and purged by the maintenance job once expired.
 */
export class PendingRegistration extends BaseEntity<'attempts'> {
  /** Lower-cased, like users.email. */
  email!: string;
  name!: string;
  organizationName!: string;
  passwordHash!: string;
  codeHash!: string;
  expiresAt!: Date;
  /** Wrong codes tried so far. */
  attempts: number = 0;
}

export const PendingRegistrationSchema = new EntitySchema<PendingRegistration, BaseEntity<string>>({
  class: PendingRegistration,
  extends: BaseEntitySchema,
  tableName: 'pending_registrations',
  properties: {
    email: { type: 'string', length: 254, unique: true },
    name: { type: 'string', length: 120 },
    organizationName: { type: 'string', length: 120 },
    passwordHash: { type: 'string', length: 255, lazy: true },
    codeHash: { type: 'string', length: 64 },
    expiresAt: { type: 'datetime', index: true },
    attempts: { type: 'integer', default: 0 },
  },
});
