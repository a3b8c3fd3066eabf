import { PendingRegistration, type Database } from '@picineiros/db';
import type { MaintenanceJob } from './organization-purge';

/**
 * Deletes the sign-ups whose code expired unconfirmed: they hold a name, an address and a password hash
 * nobody can use any more. One conditional delete, idempotent and safe on several instances at once.
 */
export async function purgeExpiredRegistrations(database: Database, now: Date): Promise<{ purged: number }> {
  const purged = await database.fork().nativeDelete(PendingRegistration, { expiresAt: { $lte: now } });
  return { purged };
}

export const pendingRegistrationPurgeJob: MaintenanceJob = {
  name: 'pending-registration-purge',
  run: (database, now) => purgeExpiredRegistrations(database, now),
};
