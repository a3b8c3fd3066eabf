import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';
import { User } from './user.entity';
import { type SessionClient } from '../constants';

/**
 * One refresh-token family. Every refresh rotates `tokenHash`; a token of the family whose hash no longer
 * matches has been used before, which revokes the whole family (reuse detection).
 */
export class Session extends BaseEntity<
  'lastUsedAt' | 'userAgent' | 'ip' | 'revokedAt' | 'revokedReason' | 'previousTokenHash' | 'rotatedAt'
> {
  user!: User;
  client!: SessionClient;
  tokenHash!: string;
  /** The hash the last rotation replaced, and when: two browser tabs refreshing at once are not a theft. */
  previousTokenHash?: string | null;
  rotatedAt?: Date | null;
  userAgent?: string | null;
  ip?: string | null;
  lastUsedAt: Date = new Date();
  expiresAt!: Date;
  revokedAt?: Date | null;
  revokedReason?: string | null;
}

export const SessionSchema = new EntitySchema<Session, BaseEntity<string>>({
  class: Session,
  extends: BaseEntitySchema,
  tableName: 'sessions',
  properties: {
    user: { kind: 'm:1', entity: () => User, deleteRule: 'cascade' },
    client: { type: 'string', length: 16 },
    tokenHash: { type: 'string', length: 64 },
    previousTokenHash: { type: 'string', length: 64, nullable: true },
    rotatedAt: { type: 'datetime', nullable: true },
    userAgent: { type: 'string', length: 512, nullable: true },
    ip: { type: 'string', length: 64, nullable: true },
    lastUsedAt: { type: 'datetime' },
    expiresAt: { type: 'datetime' },
    revokedAt: { type: 'datetime', nullable: true },
    revokedReason: { type: 'string', length: 32, nullable: true },
  },
  indexes: [{ properties: ['user', 'revokedAt'] }],
});
