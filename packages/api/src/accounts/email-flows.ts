import { Session, User, type EntityManager } from '@picineiros/db';
import { TRPCError } from '@trpc/server';
import type { Context } from '../context';
import { queueMail } from '../mail/outbox';
import { passwordResetEmail, verificationEmail } from '../mail/templates';
import { fieldError } from '../shared/field-error';
import { messages } from '../shared/messages';
import { consumeRateLimit, type RateLimit, type RateLimitCheck } from '../shared/rate-limit';
import { consumeAccountToken, issueAccountToken, voidAccountTokens } from './account-tokens';
import { hashPassword, verifyPassword } from './password';
import { countPasswordCheck } from './password-checks';
import type { TChangePasswordInput, TResetPasswordInput } from './schema';

// Sending mail on request is throttled per e-mail and per IP, so the app cannot be used to flood an inbox.
// The IP allowance is larger: an office behind one address may invite a whole team.
const MAIL_PER_EMAIL: RateLimit = { bucket: 'account-mail:email', max: 5, windowMs: 60 * 60 * 1000 };
const MAIL_PER_IP: RateLimit = { bucket: 'account-mail:ip', max: 50, windowMs: 60 * 60 * 1000 };

export function mailRequestLimits(ctx: Context, email: string): RateLimitCheck[] {
  return [
    { limit: MAIL_PER_EMAIL, subject: email },
    { limit: MAIL_PER_IP, subject: ctx.request.ip },
  ];
}

/** The password-reset answer takes at least this long, found or not, so timing reveals nothing. */
const RESET_REQUEST_MIN_MS = 400;

export function linkTo(ctx: Context, path: string, token: string): string {
  return `${ctx.settings.publicUrl.replace(/\/$/, '')}${path}?token=${encodeURIComponent(token)}`;
}

/** Queues the verification mail of a user (in the caller's flush). */
export function queueVerificationMail(ctx: Context, em: EntityManager, user: User): void {
  const token = issueAccountToken(em, 'verify_email', { email: user.email, user }, ctx.clock());
  queueMail(
    em,
    {
      kind: 'verify_email',
      to: user.email,
      content: verificationEmail({ name: user.name, link: linkTo(ctx, '/verificar-email', token) }),
    },
    ctx.clock(),
  );
}

export async function verifyEmail(ctx: Context, token: string): Promise<{ ok: true }> {
  const now = ctx.clock();
  const used = await consumeAccountToken(ctx.em, 'verify_email', token, now);
  // The address must still be the user's: a link for an old address verifies nothing.
  if (!used.user || used.user.email !== used.email) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: messages.invalidLink });
  }
  used.user.emailVerifiedAt ??= now;
  await ctx.em.flush();
  return { ok: true };
}

export async function resendVerification(
  ctx: Context,
  user: User,
): Promise<{ ok: true; alreadyVerified: boolean }> {
  if (user.emailVerifiedAt) return { ok: true, alreadyVerified: true };
  await consumeRateLimit(ctx.em, mailRequestLimits(ctx, user.email), ctx.clock());
  await voidAccountTokens(ctx.em, 'verify_email', { user: user.id }, ctx.clock());
  queueVerificationMail(ctx, ctx.em, user);
  await ctx.em.flush();
  return { ok: true, alreadyVerified: false };
}

export async function requestPasswordReset(ctx: Context, email: string): Promise<{ ok: true }> {
  const startedAt = performance.now();
  await consumeRateLimit(ctx.em, mailRequestLimits(ctx, email), ctx.clock());
  const user = await ctx.em.findOne(User, { email });
  if (user) {
    await voidAccountTokens(ctx.em, 'reset_password', { user: user.id }, ctx.clock());
    const token = issueAccountToken(ctx.em, 'reset_password', { email: user.email, user }, ctx.clock());
    queueMail(
      ctx.em,
      {
        kind: 'reset_password',
        to: user.email,
        content: passwordResetEmail({ name: user.name, link: linkTo(ctx, '/redefinir-senha', token) }),
      },
      ctx.clock(),
    );
    await ctx.em.flush();
  }
  const elapsed = performance.now() - startedAt;
  if (elapsed < RESET_REQUEST_MIN_MS)
    await new Promise((resolve) => setTimeout(resolve, RESET_REQUEST_MIN_MS - elapsed));
  return { ok: true };
}

/** Sets a new password from a reset link and signs the user out everywhere. */
export async function resetPassword(ctx: Context, input: TResetPasswordInput): Promise<{ ok: true }> {
  const now = ctx.clock();
  const used = await consumeAccountToken(ctx.em, 'reset_password', input.token, now);
  const user = used.user;
  if (!user) throw new TRPCError({ code: 'BAD_REQUEST', message: messages.invalidLink });
  user.passwordHash = await hashPassword(input.password);
  // Following the link proves the address is the user's.
  if (used.email === user.email) user.emailVerifiedAt ??= now;
  await ctx.em.nativeUpdate(
    Session,
    { user: user.id, revokedAt: null },
    { revokedAt: now, revokedReason: 'password_reset' },
  );
  await ctx.em.flush();
  return { ok: true };
}

/** Changes the password (the current one is required) and signs out every other session. */
export async function changePassword(
  ctx: Context,
  user: User,
  currentSessionId: string,
  input: TChangePasswordInput,
): Promise<{ ok: true }> {
  await countPasswordCheck(ctx, user.id);
  await ctx.em.populate(user, ['passwordHash']);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw fieldError('currentPassword', messages.wrongCurrentPassword);
  }
  user.passwordHash = await hashPassword(input.newPassword);
  await ctx.em.nativeUpdate(
    Session,
    { user: user.id, revokedAt: null, id: { $ne: currentSessionId } },
    { revokedAt: ctx.clock(), revokedReason: 'password_changed' },
  );
  await ctx.em.flush();
  return { ok: true };
}
