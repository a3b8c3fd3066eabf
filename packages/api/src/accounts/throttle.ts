import type { EntityManager } from '@picineiros/db';
import { LoginEvent } from '@picineiros/db';
import { withCountingLock } from '../shared/counting-lock';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const THROTTLE_MAX_FAILURES = 5;

type Attempt = Pick<LoginEvent, 'email' | 'at'> & Partial<Omit<LoginEvent, 'email' | 'at' | 'outcome'>>;

/**
 * Seconds the caller must wait before another sign-in attempt, or 0. The counters are the LoginEvent rows
 * themselves, so they hold across restarts and across server instances. Per e-mail, a success starts the
 * count again; per IP it does not (one valid account must not unlock guessing at others).
 */
export async function secondsUntilLoginAllowed(
  em: EntityManager,
  attempt: { email: string; ip?: string | null | undefined },
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
  return Math.max(1, Math.ceil((oldest.at.getTime() + THROTTLE_WINDOW_MS - now.getTime()) / 1000));
}

export type LoginReservation = { event: LoginEvent; wait: 0 } | { event: null; wait: number };

/**
 * Takes one of the attempts the throttle allows before the password is checked: under a lock per e-mail
 * and per IP (see counting-lock.ts), counts the failures and, when an attempt is left, records this one
 * as a failure at once and commits. The slow password check runs after, outside the lock; a right
 * password turns the row into a success. So N parallel attempts are counted one after the other: at most
 * five are ever checked, and once they are used up the right password is refused like any other. A
 * refused attempt is recorded as `throttled`.
 */
export async function reserveLoginAttempt(em: EntityManager, attempt: Attempt): Promise<LoginReservation> {
  const keys = [`login:email:${attempt.email}`, ...(attempt.ip ? [`login:ip:${attempt.ip}`] : [])];
  return withCountingLock(em, keys, async () => {
    const wait = await secondsUntilLoginAllowed(em, attempt, attempt.at);
    const event = em.create(LoginEvent, { ...attempt, outcome: wait > 0 ? 'throttled' : 'failure' });
    await em.flush();
    return wait > 0 ? { event: null, wait } : { event, wait: 0 };
  });
}
