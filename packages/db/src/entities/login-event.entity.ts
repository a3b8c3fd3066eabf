import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';
import { User } from './user.entity';
import { type LoginOutcome, type SessionClient } from '../constants';

/** Every sign-in attempt. Failed ones also serve as the login-throttling counters (see accounts/throttle). */
export class LoginEvent extends BaseEntity<
  'at' | 'user' | 'ip' | 'userAgent' | 'client' | 'deviceKey' | 'newDevice'
> {
  outcome!: LoginOutcome;
  email!: string;
  user?: User | null;
  ip?: string | null;
  userAgent?: string | null;
  /** web or desktop; null on rows written before it was recorded. */
  client?: SessionClient | null;
  /** SHA-256 of the device fingerprint (client, browser, OS, IP network): see accounts/device.ts. */
  deviceKey?: string | null;
  /** A successful sign-in from a device the user had not signed in from before (the notice was due). */
  newDevice: boolean = false;
  at: Date = new Date();
}

export const LoginEventSchema = new EntitySchema<LoginEvent, BaseEntity<string>>({
  class: LoginEvent,
  extends: BaseEntitySchema,
  tableName: 'login_events',
  properties: {
    outcome: { type: 'string', length: 16 },
    email: { type: 'string', length: 254 },
    user: { kind: 'm:1', entity: () => User, nullable: true, deleteRule: 'set null' },
    ip: { type: 'string', length: 64, nullable: true },
    userAgent: { type: 'string', length: 512, nullable: true },
    client: { type: 'string', length: 16, nullable: true },
    deviceKey: { type: 'string', length: 64, nullable: true },
    newDevice: { type: 'boolean', default: false },
    at: { type: 'datetime' },
  },
  indexes: [
    { properties: ['email', 'at'] },
    { properties: ['ip', 'at'] },
    // Sign-in history (auth.loginHistory, audit.logins): newest first per user, keyset on (at, id).
    { properties: ['user', 'at', 'id'] },
    // "Has this user signed in from this device before?" at every successful sign-in.
    { properties: ['user', 'deviceKey'] },
  ],
});
