import type { ApiSettings } from '../context';

/**
 * Limits on heavy or guessable actions, per caller, stored (RateLimitHit rows and the request budget's
 * counters) so they hold across server processes and instances. Set from the server's config
 * (RATE_LIMIT_* variables, see the README); a limit of 0 turns that limit off.
 */
export type AbuseLimits = {
  /** Procedure calls per session (one access token's family) and minute, every call counted. */
  requestsPerMinute: number;
  /** Report and LGPD-export downloads per member and hour. */
  downloadsPerMemberHour: number;
  /** The same per organization and hour (its members together). */
  downloadsPerOrganizationHour: number;
  /** Registrations per IP and hour. */
  registrationsPerIpHour: number;
  /** Password confirmations (change password, delete the account or the organization) per user and hour. */
  passwordChecksPerUserHour: number;
};

export const DEFAULT_ABUSE_LIMITS: AbuseLimits = {
  requestsPerMinute: 1200,
  downloadsPerMemberHour: 60,
  downloadsPerOrganizationHour: 200,
  registrationsPerIpHour: 10,
  passwordChecksPerUserHour: 10,
};

export const HOUR_MS = 60 * 60 * 1000;

export function abuseLimitsOf(settings: Pick<ApiSettings, 'limits'>): AbuseLimits {
  return { ...DEFAULT_ABUSE_LIMITS, ...settings.limits };
}
