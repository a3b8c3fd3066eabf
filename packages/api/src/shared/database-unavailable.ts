import { ConnectionException } from '@mikro-orm/core';

// Node socket errors and Postgres SQLSTATEs that mean "the database cannot be reached right now" (it is
// down, restarting, or refusing connections), as opposed to an error in the statement itself.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|Knex: Timeout acquiring a connection|Client has encountered a connection error|connection is closed|Connection ended unexpectedly|terminating connection due to administrator command/i;

/** Seconds a client should wait before retrying a call refused because the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Whether an error (or one of its causes) says the database is unreachable: such a call answers 503 with
 * Retry-After, never a 500 (nothing was written; the same call can be sent again).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current; depth += 1) {
    if (current instanceof ConnectionException) return true;
    if (typeof current !== 'object') return false;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
    current = cause;
  }
  return false;
}
