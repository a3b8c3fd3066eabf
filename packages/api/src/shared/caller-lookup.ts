import { Membership, Organization, User, type EntityManager } from '@picineiros/db';
import type { AccessTokenClaims } from '../accounts/tokens';
import { instantParameter, mergeAliased, selectListOf } from './joined-rows';

type Row = Record<string, unknown>;

/**
 * A membership with its organization, and that organization's data version: its sync counter, which
 * every change of a synced row bumps in the writing transaction (so caches of derived figures, such as
 * the dashboard's, can be keyed by it without a statement of their own).
 */
export type CallerMembership = { membership: Membership; dataVersion: string };

export type Caller = {
  /** The live session's id (its other columns matter only to sign-in, refresh and sign-out). */
  sessionId: string;
  user: User;
  /** The membership in the organization the request named: null when the user is not a member there. */
  requestedMembership: CallerMembership | null;
};

// The membership's columns, the organization's and its data version, for a `memberships m` row.
function membershipColumns(em: EntityManager): string {
  return `${selectListOf(em, Membership, 'm')}, ${selectListOf(em, Organization, 'o')}, sc.last_version as sc__last_version`;
}

const MEMBERSHIP_JOINS = `join organizations o on o.id = m.organization_id
     left join sync_counters sc on sc.organization_id = m.organization_id`;

/** The managed membership (and organization) of a row read with `membershipColumns`. */
function membershipOf(em: EntityManager, row: Row): CallerMembership {
  mergeAliased(em, Organization, row, 'o');
  // A bigint comes as a string from Postgres, a number from SQLite; no counter yet: nothing changed.
  const version = row['sc__last_version'];
  return {
    membership: mergeAliased(em, Membership, row, 'm'),
    dataVersion: typeof version === 'string' || typeof version === 'number' ? String(version) : '0',
  };
}

/**
 * The access token's session (its id) with its user, if the session is neither revoked nor expired, and the
 * user's membership in `organizationId` when given: one statement, read on every authenticated call
 * (nothing is cached), so signing out, revoking a device or removing a member takes effect at once, on
 * every server instance. Memberships are not tenant-filtered: the user condition is the scope.
 */
export async function findCaller(
  em: EntityManager,
  claims: AccessTokenClaims,
  now: Date,
  organizationId: string | undefined,
): Promise<Caller | null> {
  const withMembership = organizationId !== undefined;
  const rows = await em.getConnection().execute<Row[]>(
    `select s.id as session_id, ${selectListOf(em, User, 'u')}${
      withMembership ? `, ${membershipColumns(em)}` : ''
    }
     from sessions s join users u on u.id = s.user_id${
       withMembership
         ? `
     left join (memberships m ${MEMBERSHIP_JOINS}) on m.user_id = s.user_id and m.organization_id = ?`
         : ''
     }
     where s.id = ? and s.user_id = ? and s.revoked_at is null and s.expires_at > ?`,
    [...(withMembership ? [organizationId] : []), claims.sessionId, claims.userId, instantParameter(em, now)],
  );
  const row = rows[0];
  if (!row) return null;
  // The user first, so that the membership's `user` resolves to it in the identity map.
  const user = mergeAliased(em, User, row, 'u');
  const member = row['m__id'] !== null && row['m__id'] !== undefined;
  return {
    sessionId: String(row['session_id']),
    user,
    requestedMembership: member ? membershipOf(em, row) : null,
  };
}

/** The user's first membership, for a request that names no organization. */
export async function findFirstMembership(em: EntityManager, user: User): Promise<CallerMembership | null> {
  const rows = await em.getConnection().execute<Row[]>(
    `select ${membershipColumns(em)}
     from memberships m ${MEMBERSHIP_JOINS}
     where m.user_id = ? order by m.created_at, m.id limit 1`,
    [user.id],
  );
  const row = rows[0];
  return row ? membershipOf(em, row) : null;
}
