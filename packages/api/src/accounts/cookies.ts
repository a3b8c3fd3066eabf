import type { Context, CookieOptions } from '../context';
import { REFRESH_TOKEN_TTL_MS } from './tokens';

/**
 * The refresh cookie is sent only to the auth endpoint (`/auth`, where the server mounts the API for
 * `auth.*` calls), never with ordinary API calls. The CSRF cookie is readable by the page, which echoes it
 * in the `x-csrf-token` header (double submit).
 */
export const REFRESH_COOKIE = 'picineiros_refresh';
export const CSRF_COOKIE = 'picineiros_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const AUTH_COOKIE_PATH = '/auth';

function cookieOptions(ctx: Context, httpOnly: boolean, path: string): CookieOptions {
  return {
    httpOnly,
    secure: ctx.settings.production,
    sameSite: 'lax',
    path,
    maxAgeSeconds: Math.floor(REFRESH_TOKEN_TTL_MS / 1000),
  };
}

export function setSessionCookies(ctx: Context, refreshToken: string, csrfToken: string): void {
  ctx.request.setCookie(REFRESH_COOKIE, refreshToken, cookieOptions(ctx, true, AUTH_COOKIE_PATH));
  ctx.request.setCookie(CSRF_COOKIE, csrfToken, cookieOptions(ctx, false, '/'));
}

export function clearSessionCookies(ctx: Context): void {
  ctx.request.clearCookie(REFRESH_COOKIE, { path: AUTH_COOKIE_PATH });
  ctx.request.clearCookie(CSRF_COOKIE, { path: '/' });
}
