import { AccountToken, type AccountTokenPurpose, type EntityManager } from '@picineiros/db';
import { TRPCError } from '@trpc/server';
import { messages } from '../shared/messages';
import { hashOpaqueToken, newOpaqueToken } from './tokens';

export const ACCOUNT_TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  verify_email: 24 * 60 * 60 * 1000,
  reset_password: 60 * 60 * 1000,
  invite: 7 * 24 * 60 * 60 * 1000,
};

/** Creates a single-use token (persisted with the caller's next flush) and returns the secret for the link. */
export function issueAccountToken(
  em: EntityManager,
  purpose: AccountTokenPurpose,
  fields: Pick<AccountToken, 'email'> &
    Partial<Pick<AccountToken, 'user' | 'organization' | 'role' | 'invitedBy'>>,
  now: Date,
): string {
  const { token, hash } = newOpaqueToken();
  em.create(AccountToken, {
    email: fields.email,
    user: fields.user ?? null,
    organization: fields.organization ?? null,
    role: fields.role ?? null,
    invitedBy: fields.invitedBy ?? null,
    purpose,
    tokenHash: hash,
    expiresAt: new Date(now.getTime() + ACCOUNT_TOKEN_TTL_MS[purpose]),
  });
  return token;
}

/**
 * Marks a token used and returns it. Unknown, forged, expired and already used tokens all get the same
 * answer, which says nothing about which it was.
 */
export async function consumeAccountToken(
  em: EntityManager,
  purpose: AccountTokenPurpose,
  token: string,
  now: Date,
): Promise<AccountToken> {
  const found = await em.findOne(
    AccountToken,
    { tokenHash: hashOpaqueToken(token), purpose },
    { populate: ['user', 'organization', 'invitedBy'] },
  );
  if (!found || found.usedAt || found.expiresAt <= now) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: messages.invalidLink });
  }
  found.usedAt = now;
  return found;
}

/** Voids the unused tokens of one purpose (a newer link replaces older ones). */
export async function voidAccountTokens(
  em: EntityManager,
  purpose: AccountTokenPurpose,
  where: { user?: string; email?: string; organization?: string },
  now: Date,
): Promise<void> {
  await em.nativeUpdate(AccountToken, { ...where, purpose, usedAt: null }, { usedAt: now });
}
