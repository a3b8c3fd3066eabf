import type { Database } from '@picineiros/db';
import { purgeDueOrganizations } from '../privacy/erasure';

/**
 * A job with no local hour: each run does whatever is due by `now` and is idempotent, so the scheduler
 * runs it on every tick along with the daily jobs (and a missed day is caught up on the next tick).
 */
export type MaintenanceJob = {
  name: string;
  run(
    database: Database,
    now: Date,
    settings: MaintenanceSettings,
  ): Promise<Record<string, number | string[]>>;
};

/** What maintenance jobs take from the server's config. */
export type MaintenanceSettings = {
  /** Sent mails keep their bodies this many days (see mail-body-purge.ts). */
  outboxBodyRetentionDays: number;
};

/** Purges the organizations whose 30-day deletion grace period is over (see privacy/erasure.ts). */
export const organizationPurgeJob: MaintenanceJob = {
  name: 'organization-purge',
  run: (database, now) => purgeDueOrganizations(database, now),
};
