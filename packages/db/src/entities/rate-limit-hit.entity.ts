import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';

/**
 * One use of a rate-limited action (sending a reset e-mail, an invitation…), keyed by bucket and subject
 * (an e-mail or an IP). Kept in the database so limits hold across restarts and server instances.
 */
export class RateLimitHit extends BaseEntity {
  bucket!: string;
  subject!: string;
  at!: Date;
}

export const RateLimitHitSchema = new EntitySchema<RateLimitHit, BaseEntity<string>>({
  class: RateLimitHit,
  extends: BaseEntitySchema,
  tableName: 'rate_limit_hits',
  properties: {
    bucket: { type: 'string', length: 40 },
    subject: { type: 'string', length: 254 },
    at: { type: 'datetime' },
  },
  indexes: [{ properties: ['bucket', 'subject', 'at'] }],
});
