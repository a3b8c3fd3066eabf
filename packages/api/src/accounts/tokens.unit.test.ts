import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken, verifyAccessToken } from './tokens';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const claims = {
  userId: '01a22a11-1f3d-725d-975a-0217a8f85662',
  sessionId: '01a22a11-9f9a-70df-b893-0c71097e3adb',
};

describe('access tokens', () => {
  it('verify until they expire, also once remembered as verified', async () => {
    const issued = new Date('2026-11-30T12:00:00Z');
    const token = await signAccessToken(SECRET, claims, issued);
    expect(await verifyAccessToken(SECRET, token, issued)).toEqual(claims);
    const lastSecond = new Date(issued.getTime() + (ACCESS_TOKEN_TTL_SECONDS - 1) * 1000);
    expect(await verifyAccessToken(SECRET, token, lastSecond)).toEqual(claims);
    const expiry = new Date(issued.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000);
    expect(await verifyAccessToken(SECRET, token, expiry)).toBeNull();
  });

  it('refuse another secret, a changed signature and a changed payload after a verified use', async () => {
    const now = new Date('2026-11-30T12:00:00Z');
    const token = await signAccessToken(SECRET, claims, now);
    expect(await verifyAccessToken(SECRET, token, now)).toEqual(claims);
    expect(await verifyAccessToken(`${SECRET}-other`, token, now)).toBeNull();
    const [header = '', payload = '', signature = ''] = token.split('.');
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(await verifyAccessToken(SECRET, `${header}.${payload}.${flipped}`, now)).toBeNull();
    const otherPayload = Buffer.from(JSON.stringify({ sub: claims.userId, sid: 'x' })).toString('base64url');
    expect(await verifyAccessToken(SECRET, `${header}.${otherPayload}.${signature}`, now)).toBeNull();
  });
});
