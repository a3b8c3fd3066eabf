import { Membership, Session, User, type SessionClient } from '@picineiros/db';
import { TRPCError } from '@trpc/server';
import type { Context } from '../context';
import { messages } from '../shared/messages';
import { clearSessionCookies, CSRF_COOKIE, CSRF_HEADER, REFRESH_COOKIE, setSessionCookies } from './cookies';
import { attemptOf, recordSuccessfulSignIn } from './login-history';
import { verifyPassword } from './password';
import type {
  TLoginInput,
  TMe,
  TMembershipSummary,
  TRefreshInput,
  TSessionView,
  TUserSummary,
} from './schema';
import { tooManyRequests } from '../shared/rate-limit';
import { reserveLoginAttempt } from './throttle';
import {
  csrfTokenFor,
  newRefreshToken,
  parseRefreshToken,
  REFRESH_TOKEN_TTL_MS,
  safeEqual,
  signAccessToken,
} from './tokens';

export type SignInResult = {
  accessToken: string;
  user: TUserSummary;
  memberships: TMembershipSummary[];
  /** Only for desktop clients; web clients get it as an HttpOnly cookie. */
  refreshToken?: string;
  /** Only for web clients: echo it in the `x-csrf-token` header on refresh and logout. */
  csrfToken?: string;
};

function summarizeUser(user: User): TUserSummary {
  return { id: user.id, email: user.email, name: user.name, emailVerifiedAt: user.emailVerifiedAt ?? null };
}

async function listMemberships(ctx: Context, user: User): Promise<TMembershipSummary[]> {
  const memberships = await ctx.em.find(
    Membership,
    { user },
    { populate: ['organization'], orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  return memberships.map((membership) => ({
    organizationId: membership.organization.id,
    organizationName: membership.organization.name,
    role: membership.role,
  }));
}

export async function startSession(ctx: Context, user: User, client: SessionClient): Promise<SignInResult> {
  const now = ctx.clock();
  const session = ctx.em.create(Session, {
    user,
    client,
    tokenHash: '',
    userAgent: ctx.request.userAgent?.slice(0, 512) ?? null,
    ip: ctx.request.ip,
    lastUsedAt: now,
    expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
  });
  const refresh = newRefreshToken(session.id);
  session.tokenHash = refresh.hash;
  await ctx.em.flush();
  return {
    accessToken: await signAccessToken(
      ctx.settings.appSecret,
      { userId: user.id, sessionId: session.id },
      now,
    ),
    user: summarizeUser(user),
    memberships: await listMemberships(ctx, user),
    ...deliverRefreshToken(ctx, session, refresh.token),
  };
}

function deliverRefreshToken(
  ctx: Context,
  session: Session,
  refreshToken: string,
): Pick<SignInResult, 'refreshToken' | 'csrfToken'> {
  if (session.client === 'desktop') return { refreshToken };
  const csrfToken = csrfTokenFor(ctx.settings.appSecret, session.id);
  setSessionCookies(ctx, refreshToken, csrfToken);
  return { csrfToken };
}

export async function loginUser(ctx: Context, input: TLoginInput): Promise<SignInResult> {
  // The attempt is counted (as a failure) before the password is checked: see reserveLoginAttempt.
  const reservation = await reserveLoginAttempt(ctx.em, attemptOf(ctx, input.email, input.client));
  if (!reservation.event) throw tooManyRequests(reservation.wait, messages.tooManyAttempts);
  const user = await ctx.em.findOne(User, { email: input.email }, { populate: ['passwordHash'] });
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (valid && user) await recordSuccessfulSignIn(ctx, user, reservation.event);
  else reservation.event.user = user ?? null;
  await ctx.em.flush();
  if (!valid || !user) throw new TRPCError({ code: 'UNAUTHORIZED', message: messages.invalidCredentials });
  return startSession(ctx, user, input.client);
}

/**
 * Finds the refresh token of the call: in the body for desktop clients, otherwise in the cookie, where
 * the CSRF header must match (a cross-site page can make the browser send the cookie, not the header).
 */
function presentedRefreshToken(ctx: Context, input: TRefreshInput): string | undefined {
  if (input.refreshToken) return input.refreshToken;
  const cookie = ctx.request.cookie(REFRESH_COOKIE);
  if (!cookie) return undefined;
  const header = ctx.request.header(CSRF_HEADER);
  const csrfCookie = ctx.request.cookie(CSRF_COOKIE);
  const parsed = parseRefreshToken(cookie);
  const expected = parsed ? csrfTokenFor(ctx.settings.appSecret, parsed.sessionId) : undefined;
  if (!header || !csrfCookie || !expected || !safeEqual(header, csrfCookie) || !safeEqual(header, expected)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: messages.csrfRejected });
  }
  return cookie;
}

/** How long a web session's previous refresh token still counts as a concurrent refresh, not a reuse. */
export const CONCURRENT_REFRESH_GRACE_MS = 10_000;

function isConcurrentWebRefresh(session: Session, presentedHash: string, now: Date): boolean {
  return (
    session.client === 'web' &&
    session.previousTokenHash != null &&
    session.rotatedAt != null &&
    now.getTime() - session.rotatedAt.getTime() < CONCURRENT_REFRESH_GRACE_MS &&
    safeEqual(session.previousTokenHash, presentedHash)
  );
}

function refuseRefresh(ctx: Context): never {
  clearSessionCookies(ctx);
  throw new TRPCError({ code: 'UNAUTHORIZED', message: messages.invalidRefreshToken });
}

export async function refreshSession(
  ctx: Context,
  input: TRefreshInput,
): Promise<Pick<SignInResult, 'accessToken' | 'refreshToken' | 'csrfToken'>> {
  const now = ctx.clock();
  const token = presentedRefreshToken(ctx, input);
  const parsed = token ? parseRefreshToken(token) : null;
  const session = parsed ? await ctx.em.findOne(Session, { id: parsed.sessionId }) : null;
  if (!parsed || !session || session.revokedAt || session.expiresAt <= now) return refuseRefresh(ctx);
  if (!safeEqual(session.tokenHash, parsed.hash)) {
    if (isConcurrentWebRefresh(session, parsed.hash, now)) {
      // Another tab of the same browser rotated this token a moment ago and its response carried the new
      // cookie: answer with an access token and leave the rotation alone.
      return {
        accessToken: await signAccessToken(
          ctx.settings.appSecret,
          { userId: session.user.id, sessionId: session.id },
          now,
        ),
        csrfToken: csrfTokenFor(ctx.settings.appSecret, session.id),
      };
    }
    // An earlier token of this family came back: it was stolen or replayed. Revoke the whole family.
    session.revokedAt = now;
    session.revokedReason = 'reuse';
    await ctx.em.flush();
    ctx.logger.warn({ sessionId: session.id, userId: session.user.id }, 'refresh token reuse detected');
    return refuseRefresh(ctx);
  }
  const refresh = newRefreshToken(session.id);
  session.previousTokenHash = session.tokenHash;
  session.rotatedAt = now;
  session.tokenHash = refresh.hash;
  session.lastUsedAt = now;
  session.expiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_MS);
  session.ip = ctx.request.ip;
  // The version check makes two concurrent refreshes with one token race safely: one wins, one conflicts.
  await ctx.em.flush();
  return {
    accessToken: await signAccessToken(
      ctx.settings.appSecret,
      { userId: session.user.id, sessionId: session.id },
      now,
    ),
    ...deliverRefreshToken(ctx, session, refresh.token),
  };
}

export async function logoutSession(ctx: Context, input: TRefreshInput): Promise<{ ok: true }> {
  const token = presentedRefreshToken(ctx, input);
  const parsed = token ? parseRefreshToken(token) : null;
  const session = parsed ? await ctx.em.findOne(Session, { id: parsed.sessionId, revokedAt: null }) : null;
  // Only the holder of the current token may end the session; anything else is a no-op.
  if (parsed && session && safeEqual(session.tokenHash, parsed.hash)) {
    session.revokedAt = ctx.clock();
    session.revokedReason = 'logout';
    await ctx.em.flush();
  }
  clearSessionCookies(ctx);
  return { ok: true };
}

export async function describeMe(ctx: Context, user: User): Promise<TMe> {
  return { user: summarizeUser(user), memberships: await listMemberships(ctx, user) };
}

export async function listSessions(
  ctx: Context,
  user: User,
  currentSessionId: string,
): Promise<TSessionView[]> {
  const sessions = await ctx.em.find(
    Session,
    { user, revokedAt: null, expiresAt: { $gt: ctx.clock() } },
    { orderBy: { lastUsedAt: 'desc' } },
  );
  return sessions.map((session) => ({
    id: session.id,
    client: session.client,
    userAgent: session.userAgent ?? null,
    ip: session.ip ?? null,
    createdAt: session.createdAt,
    lastUsedAt: session.lastUsedAt,
    expiresAt: session.expiresAt,
    current: session.id === currentSessionId,
  }));
}

export async function revokeSession(ctx: Context, user: User, sessionId: string): Promise<{ ok: true }> {
  const session = await ctx.em.findOne(Session, { id: sessionId, user, revokedAt: null });
  if (!session) throw new TRPCError({ code: 'NOT_FOUND', message: messages.sessionNotFound });
  session.revokedAt = ctx.clock();
  session.revokedReason = 'revoked';
  await ctx.em.flush();
  return { ok: true };
}
