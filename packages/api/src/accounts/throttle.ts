import type { EntityManager } from '@picineiros/db';
import { LoginEvent } from '@picineiros/db';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const THROTTLE_MAX_FAILURES = 5;

/**
 * Seconds the caller must wait before another sign-in attempt, or 0. The counters are the LoginEvent rows
 * themselves, so they hold across restarts and across server instances. Per e-mail, a success starts the
 * count again; per IP it does not (one valid account must not unlock guessing at others).
 */
export async function secondsUntilLoginAllowed(
  em: EntityManager,
  attempt: { email: string; ip: string | null },
  now: Date,
): Promise<number> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const lastSuccess = await em.findOne(
    LoginEvent,
    { email: attempt.email, outcome: 'success', at: { $gt: windowStart } },
    { orderBy: { at: 'desc' }, fields: ['at'] },
  );
  const emailSince = lastSuccess && lastSuccess.at > windowStart ? lastSuccess.at : windowStart;
  const waits = await Promise.all([
    waitFor(em, { email: attempt.email, since: emailSince }, now),
    attempt.ip ? waitFor(em, { ip: attempt.ip, since: windowStart }, now) : 0,
  ]);
  return Math.max(...waits);
}

async function waitFor(
  em: EntityManager,
  key: ({ email: string } | { ip: string }) & { since: Date },
  now: Date,
): Promise<number> {
  const { since, ...where } = key;
  const failures = await em.find(
    LoginEvent,
    { ...where, outcome: 'failure', at: { $gt: since } },
    { orderBy: { at: 'desc' }, limit: THROTTLE_MAX_FAILURES, fields: ['at'] },
  );
  // Attempts open again when the oldest of the last five failures leaves the window.
  const oldest = failures[THROTTLE_MAX_FAILURES - 1];
  if (!oldest) return 0;
  return Math.max(0, Math.ceil((oldest.at.getTime() + THROTTLE_WINDOW_MS - now.getTime()) / 1000));
}
