import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export type AccessTokenClaims = { userId: string; sessionId: string };

// Each use of the app secret gets its own derived key, so a token of one kind never verifies as another.
function derivedKey(appSecret: string, purpose: string): Uint8Array {
  return createHmac('sha256', appSecret).update(purpose).digest();
}

export async function signAccessToken(
  appSecret: string,
  claims: AccessTokenClaims,
  now: Date,
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
    .setAudience('picineiros')
    .sign(derivedKey(appSecret, 'access-token'));
}

// Checking a token's signature (WebCrypto HMAC) was the costliest CPU step of an authenticated call. A
// token that verified is remembered, by its exact text, until it expires: only a byte-identical token
// skips the check, and expiry is still compared with `now` on every call. Per app secret, bounded (the
// oldest entries go first).
const VERIFIED_TOKENS_LIMIT = 10_000;
const verifiedTokens = new Map<string, Map<string, { claims: AccessTokenClaims; expiresAt: number }>>();

function rememberVerified(appSecret: string, token: string, claims: AccessTokenClaims, expiresAt: number) {
  let tokens = verifiedTokens.get(appSecret);
  if (!tokens) {
    tokens = new Map();
    verifiedTokens.set(appSecret, tokens);
  }
  tokens.set(token, { claims, expiresAt });
  if (tokens.size > VERIFIED_TOKENS_LIMIT) {
    const oldest = tokens.keys().next().value;
    if (oldest !== undefined) tokens.delete(oldest);
  }
}

/** The claims of a valid, unexpired access token, or null for anything else. */
export async function verifyAccessToken(
  appSecret: string,
  token: string,
  now: Date,
): Promise<AccessTokenClaims | null> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const known = verifiedTokens.get(appSecret)?.get(token);
  if (known) return known.expiresAt > nowSeconds ? known.claims : null;
  try {
    const { payload } = await jwtVerify(token, derivedKey(appSecret, 'access-token'), {
      algorithms: ['HS256'],
      audience: 'picineiros',
      currentDate: now,
    });
    if (typeof payload.sub !== 'string' || typeof payload['sid'] !== 'string') return null;
    const claims = { userId: payload.sub, sessionId: payload['sid'] };
    if (payload.exp !== undefined) rememberVerified(appSecret, token, claims, payload.exp);
    return claims;
  } catch {
    return null;
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A random single-use token for links sent by e-mail; only its hash is stored. */
export function newOpaqueToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256(token) };
}

export function hashOpaqueToken(token: string): string {
  return sha256(token);
}

/**
 * A refresh token is `<sessionId>.<secret>`: the session id finds the family, the secret (stored only as
 * a hash) proves it is the latest token of that family.
 */
export function newRefreshToken(sessionId: string): { token: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${sessionId}.${secret}`, hash: sha256(secret) };
}

export function parseRefreshToken(token: string): { sessionId: string; hash: string } | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) return null;
  return { sessionId: match[1], hash: sha256(match[2]) };
}

/**
 * The stored form of a registration code: keyed with the app secret, because six digits alone are a
 * million guesses away from any plain hash.
 */
export function registrationCodeHash(appSecret: string, email: string, code: string): string {
  return createHmac('sha256', derivedKey(appSecret, 'registration-code'))
    .update(`${email}:${code}`)
    .digest('hex');
}

/** A random 6-digit code, leading zeros kept. */
export function newRegistrationCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The CSRF token of a web session: stable for the family, unforgeable without the app secret. */
export function csrfTokenFor(appSecret: string, sessionId: string): string {
  return createHmac('sha256', derivedKey(appSecret, 'csrf')).update(sessionId).digest('base64url');
}
