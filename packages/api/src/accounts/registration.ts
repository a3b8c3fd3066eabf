import { LoginEvent, Membership, Organization, PendingRegistration, User } from '@picineiros/db';
import { startTrial } from '../billing/subscription';
import type { Context } from '../context';
import { queueMail } from '../mail/outbox';
import { registrationAttemptEmail, registrationCodeEmail } from '../mail/templates';
import { abuseLimitsOf, HOUR_MS } from '../shared/abuse-limits';
import { withCountingLock } from '../shared/counting-lock';
import { fieldError } from '../shared/field-error';
import { messages } from '../shared/messages';
import { consumeRateLimit, type RateLimit } from '../shared/rate-limit';
import { attemptOf } from './login-history';
import { hashPassword } from './password';
import type { TConfirmRegistrationInput, TRegisterInput, TRegistrationSent } from './schema';
import { startSession, type SignInResult } from './service';
import { newRegistrationCode, registrationCodeHash, safeEqual } from './tokens';

export const REGISTRATION_CODE_TTL_MS = 30 * 60 * 1000;
/** Wrong codes a pending registration takes; the last one drops it (a new register mails a new code). */
export const REGISTRATION_CODE_MAX_ATTEMPTS = 5;

/** Sign-up mails (codes or warnings) per address and hour: "Reenviar código" must not flood an inbox. */
const MAILS_PER_EMAIL: RateLimit = { bucket: 'register:email', max: 5, windowMs: HOUR_MS };

/** One lock per address: a register, its confirmations and a replacing register run one at a time. */
function registrationLockKey(email: string): string[] {
  return [`registration:${email}`];
}

/**
 * Starts a sign-up. The answer is the same for a new address and for one that already has an account, and
 * takes about as long (the password is hashed either way), so registration reveals no account: a new
 * address gets a 6-digit code (the pending registration, replacing any earlier one for it), a taken one a
 * mail saying someone tried to sign up with it.
 */
export async function registerUser(ctx: Context, input: TRegisterInput): Promise<TRegistrationSent> {
  // Every attempt counts against the IP's hourly allowance, taken addresses too: it bounds both account
  // farming and probing.
  const perIp = abuseLimitsOf(ctx.settings).registrationsPerIpHour;
  await consumeRateLimit(
    ctx.em,
    [
      {
        limit: { bucket: 'register:ip', max: perIp, windowMs: HOUR_MS },
        subject: perIp > 0 ? ctx.request.ip : null,
      },
      { limit: MAILS_PER_EMAIL, subject: input.email },
    ],
    ctx.clock(),
  );
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock();
  await withCountingLock(ctx.em, registrationLockKey(input.email), async () => {
    const user = await ctx.em.findOne(User, { email: input.email });
    if (user) {
      queueMail(
        ctx.em,
        {
          kind: 'registration_attempt',
          to: user.email,
          content: registrationAttemptEmail({ name: user.name, signInLink: ctx.settings.publicUrl }),
        },
        now,
      );
    } else {
      await ctx.em.nativeDelete(PendingRegistration, { email: input.email });
      const code = newRegistrationCode();
      ctx.em.create(PendingRegistration, {
        email: input.email,
        name: input.name,
        organizationName: input.organizationName,
        passwordHash,
        codeHash: registrationCodeHash(ctx.settings.appSecret, input.email, code),
        expiresAt: new Date(now.getTime() + REGISTRATION_CODE_TTL_MS),
      });
      queueMail(
        ctx.em,
        {
          kind: 'registration_code',
          to: input.email,
          content: registrationCodeEmail({ name: input.name, code }),
        },
        now,
      );
    }
    await ctx.em.flush();
  });
  return { status: 'code-sent', email: input.email };
}

/**
 * Turns a pending registration whose code matches into the user (e-mail verified), the organization (on its
 * trial) and the owner's membership, and signs them in. Under the address's lock, so parallel confirmations create one
 * account and parallel wrong codes are counted one after the other (never more than five). Unknown,
 * expired, dropped and wrong all get the same field error.
 */
export async function confirmRegistration(
  ctx: Context,
  input: TConfirmRegistrationInput,
): Promise<SignInResult> {
  const now = ctx.clock();
  const user = await withCountingLock(ctx.em, registrationLockKey(input.email), async () => {
    const pending = await ctx.em.findOne(
      PendingRegistration,
      { email: input.email },
      { populate: ['passwordHash'] },
    );
    if (!pending || pending.expiresAt <= now) return null;
    if (!safeEqual(pending.codeHash, registrationCodeHash(ctx.settings.appSecret, input.email, input.code))) {
      pending.attempts += 1;
      if (pending.attempts >= REGISTRATION_CODE_MAX_ATTEMPTS) ctx.em.remove(pending);
      await ctx.em.flush();
      return null;
    }
    ctx.em.remove(pending);
    // An invitation may have created an account for this address since the code was sent.
    const taken = (await ctx.em.count(User, { email: pending.email })) > 0;
    const created = taken ? null : await createOwner(ctx, pending, input.client);
    await ctx.em.flush();
    return created;
  });
  if (!user) throw fieldError('code', messages.invalidRegistrationCode);
  return startSession(ctx, user, input.client);
}

/** The account of a confirmed registration (persisted with the caller's flush). */
async function createOwner(
  ctx: Context,
  pending: PendingRegistration,
  client: TConfirmRegistrationInput['client'],
): Promise<User> {
  const user = ctx.em.create(User, {
    email: pending.email,
    name: pending.name,
    passwordHash: pending.passwordHash,
    // Typing the mailed code proved the address: no verification link to follow.
    emailVerifiedAt: ctx.clock(),
  });
  const organization = ctx.em.create(Organization, { name: pending.organizationName });
  ctx.em.create(Membership, { user, organization, role: 'owner' });
  // Every new organization starts on a trial of the largest plan (docs/architecture.md, "Billing").
  await startTrial(ctx.em, organization, ctx.clock(), ctx.settings.billing);
  // The first sign-in of the account: its device becomes the first known one (no notice).
  ctx.em.create(LoginEvent, { ...attemptOf(ctx, user.email, client), outcome: 'success', user });
  return user;
}
