import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// A feed URL is `<membershipId>.<mac>`: the mac is an HMAC-SHA256 of the membership and its salt under a key
// derived from the server's secret. Nothing secret is stored: the database alone (a backup, a leak) cannot
// rebuild a working URL, yet the server can show the member their URL again at any time. A new salt
// rotates the URL; removing the membership or the salt ends it.
const KEY_LABEL = 'picineiros calendar feed v1';

export function newCalendarSalt(): string {
  return randomBytes(24).toString('base64url');
}

function macOf(appSecret: string, membershipId: string, salt: string): Buffer {
  const key = createHmac('sha256', appSecret).update(KEY_LABEL).digest();
  return createHmac('sha256', key).update(`${membershipId}:${salt}`).digest();
}

export function calendarToken(appSecret: string, membershipId: string, salt: string): string {
  return `${membershipId}.${macOf(appSecret, membershipId, salt).toString('base64url')}`;
}

/** The membership a token names, before its mac is checked; null when the token is not shaped right. */
export function membershipIdOfToken(token: string): string | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match?.[1] ?? null;
}

/** Constant-time check of a token against the membership's current salt. */
export function tokenMatches(appSecret: string, token: string, membershipId: string, salt: string): boolean {
  // Compared as text: decoding first would accept other spellings of the same bytes (base64's last
  // character carries spare bits), so a URL that is not the one handed out would work.
  const given = Buffer.from(token.slice(membershipId.length + 1), 'utf8');
  const expected = Buffer.from(macOf(appSecret, membershipId, salt).toString('base64url'), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
