import { RateLimitHit, type EntityManager } from '@picineiros/db';
import { TRPCError } from '@trpc/server';
import { withCountingLock } from './counting-lock';
import { messages } from './messages';

export type RateLimit = { bucket: string; max: number; windowMs: number };

/** One limit applied to one subject (an e-mail, an IP); a missing subject is not limited. */
export type RateLimitCheck = { limit: RateLimit; subject: string | null | undefined };

/**
 * The cause of a TOO_MANY_REQUESTS refusal: the error formatter copies the wait to
 * `error.data.retryAfterSeconds` and the HTTP layer answers it as the `Retry-After` header.
 */
export class RateLimitRefusal extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'RateLimitRefusal';
  }
}

/** TOO_MANY_REQUESTS with the seconds to wait (at least 1), as a header and in the pt-BR message. */
export function tooManyRequests(
  seconds: number,
  message: (seconds: number) => string = messages.tooManyRequests,
): TRPCError {
  const wait = Math.max(1, Math.ceil(seconds));
  const text = message(wait);
  return new TRPCError({ code: 'TOO_MANY_REQUESTS', message: text, cause: new RateLimitRefusal(text, wait) });
}

/** Seconds until one more use of `limit` by `subject` is allowed (0: now), from the recorded hits. */
export async function secondsUntilAllowed(
  em: EntityManager,
  limit: RateLimit,
  subject: string,
  now: Date,
): Promise<number> {
  const hits = await em.find(
    RateLimitHit,
    { bucket: limit.bucket, subject, at: { $gt: new Date(now.getTime() - limit.windowMs) } },
    { orderBy: { at: 'desc' }, limit: limit.max, fields: ['at'] },
  );
  // A sliding window: one more use opens when the oldest of the last `max` leaves the window.
  const oldest = hits[limit.max - 1];
  return oldest ? Math.max(1, Math.ceil((oldest.at.getTime() + limit.windowMs - now.getTime()) / 1000)) : 0;
}

/**
 * Counts one use of a limited action for each subject, and refuses with TOO_MANY_REQUESTS, recording
 * nothing, when any subject already used its allowance within the window. The count and the new hit are
 * one step under a lock per (bucket, subject) (see counting-lock.ts), so parallel requests cannot all read
 * the same count and all pass; the hits are rows, so limits hold across restarts and server instances.
 * Anything already pending on `em` is flushed with the hits.
 */
export async function consumeRateLimit(
  em: EntityManager,
  checks: RateLimitCheck[],
  now: Date,
): Promise<void> {
  // A limit of 0 is off (configurable limits).
  const active = checks.filter(
    (check): check is { limit: RateLimit; subject: string } => Boolean(check.subject) && check.limit.max > 0,
  );
  if (active.length === 0) return;
  const keys = active.map(({ limit, subject }) => `rate:${limit.bucket}:${subject}`);
  await withCountingLock(em, keys, async () => {
    for (const { limit, subject } of active) {
      const wait = await secondsUntilAllowed(em, limit, subject, now);
      if (wait > 0) throw tooManyRequests(wait);
    }
    for (const { limit, subject } of active)
      em.create(RateLimitHit, { bucket: limit.bucket, subject, at: now });
    await em.flush();
  });
}
