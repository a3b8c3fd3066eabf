import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';
import { User } from './user.entity';
import { type LoginOutcome } from '../constants';

/** Every sign-in attempt. Failed ones also serve as the login-throttling counters (see accounts/throttle). */
export class LoginEvent extends BaseEntity<'at' | 'user' | 'ip' | 'userAgent'> {
  outcome!: LoginOutcome;
  email!: string;
  user?: User | null;
  ip?: string | null;
  userAgent?: string | null;
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
    at: { type: 'datetime' },
  },
  indexes: [{ properties: ['email', 'at'] }, { properties: ['ip', 'at'] }, { properties: ['user', 'at'] }],
});
