import type { Context } from '../context';
import { abuseLimitsOf, HOUR_MS } from '../shared/abuse-limits';
import { consumeRateLimit, type RateLimit } from '../shared/rate-limit';

/**
 * Password confirmations of a signed-in user (change password, delete the account or the organization),
 * per user and hour: a stolen access token must not become a way to guess the password. Every attempt
 * counts, right or wrong, before the password is checked (counted and checked in one step, so parallel
 * guesses cannot slip past the count).
 */
export function passwordChecksLimit(ctx: Pick<Context, 'settings'>): RateLimit {
  return {
    bucket: 'password-confirmation',
    max: abuseLimitsOf(ctx.settings).passwordChecksPerUserHour,
    windowMs: HOUR_MS,
  };
}

export function passwordCheckSubject(userId: string): string {
  return `user:${userId}`;
}

/** Counts one confirmation, or refuses with 429 (Retry-After) when the hour's allowance is used. */
export async function countPasswordCheck(ctx: Context, userId: string): Promise<void> {
  // Its own fork and transaction: the count must survive the caller's transaction rolling back on a wrong
  // password.
  await consumeRateLimit(
    ctx.em.fork(),
    [{ limit: passwordChecksLimit(ctx), subject: passwordCheckSubject(userId) }],
    ctx.clock(),
  );
}
