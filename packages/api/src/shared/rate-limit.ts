import { RateLimitHit, type EntityManager } from '@picineiros/db';
import { TRPCError } from '@trpc/server';
import { messages } from './messages';

export type RateLimit = { bucket: string; max: number; windowMs: number };

/** One limit applied to one subject (an e-mail, an IP); a missing subject is not limited. */
export type RateLimitCheck = { limit: RateLimit; subject: string | null | undefined };

/**
 * Counts one use of a limited action for each subject, and refuses with TOO_MANY_REQUESTS, recording
 * nothing, when any subject already used its allowance within the window.
 */
export async function consumeRateLimit(
  em: EntityManager,
  checks: RateLimitCheck[],
  now: Date,
): Promise<void> {
  const active = checks.filter((check): check is { limit: RateLimit; subject: string } =>
    Boolean(check.subject),
  );
  for (const { limit, subject } of active) {
    const hits = await em.find(
      RateLimitHit,
      { bucket: limit.bucket, subject, at: { $gt: new Date(now.getTime() - limit.windowMs) } },
      { orderBy: { at: 'desc' }, limit: limit.max, fields: ['at'] },
    );
    const oldest = hits[limit.max - 1];
    if (oldest) {
      const seconds = Math.max(1, Math.ceil((oldest.at.getTime() + limit.windowMs - now.getTime()) / 1000));
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: messages.tooManyRequests(seconds) });
    }
  }
  for (const { limit, subject } of active)
    em.create(RateLimitHit, { bucket: limit.bucket, subject, at: now });
  await em.flush();
}
