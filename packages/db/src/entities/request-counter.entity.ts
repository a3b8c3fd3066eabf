import { EntitySchema } from '@mikro-orm/core';

/**
 * Calls per subject (a session) and minute, for the per-token request budget
 * (packages/api/src/shared/request-budget.ts). Written with one atomic upsert that adds and returns the
 * count, so server processes share one count; rows older than a few minutes are deleted.
 */
export class RequestCounter {
  subject!: string;
  /** Minutes since the epoch (UTC) of the window. */
  windowStart!: number;
  count = 0;
}

export const RequestCounterSchema = new EntitySchema<RequestCounter>({
  class: RequestCounter,
  tableName: 'request_counters',
  properties: {
    subject: { type: 'string', length: 80, primary: true },
    windowStart: { type: 'integer', primary: true },
    count: { type: 'integer', default: 0 },
  },
  // The cleanup deletes by window alone.
  indexes: [{ properties: ['windowStart'] }],
});
