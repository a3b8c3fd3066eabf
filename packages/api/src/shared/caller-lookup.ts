import { Membership, Organization, Session, User, type EntityManager } from '@picineiros/db';
import type { AccessTokenClaims } from '../accounts/tokens';
import { instantParameter, mergeAliased, selectListOf } from './joined-rows';

type Row = Record<string, unknown>;

/**
 * The access token's session with its user, if the session is neither revoked nor expired: one statement,
 * read on every authenticated call (nothing is cached), so signing out or revoking a device takes effect
 * at once, on every server instance.
 */
export async function findLiveSession(
  em: EntityManager,
  claims: AccessTokenClaims,
  now: Date,
): Promise<Session | null> {
  const rows = await em.getConnection().execute<Row[]>(
    `select ${selectListOf(em, Session, 's')}, ${selectListOf(em, User, 'u')}
     from sessions s join users u on u.id = s.user_id
     where s.id = ? and s.user_id = ? and s.revoked_at is null and s.expires_at > ?`,
    [claims.sessionId, claims.userId, instantParameter(em, now)],
  );
  const row = rows[0];
  if (!row) return null;
  // The user first, so that the session's `user` resolves to it in the identity map.
  mergeAliased(em, User, row, 'u');
  return mergeAliased(em, Session, row, 's');
}

/**
 * The user's membership (with its organization) in the given organization, or in their first one when
 * none is given. Memberships are not tenant-filtered: the user condition is the scope.
 */
export async function findCallerMembership(
  em: EntityManager,
  user: User,
  organizationId: string | undefined,
): Promise<Membership | null> {
  const select = `select ${selectListOf(em, Membership, 'm')}, ${selectListOf(em, Organization, 'o')}
     from memberships m join organizations o on o.id = m.organization_id`;
  const rows = await em
    .getConnection()
    .execute<Row[]>(
      organizationId
        ? `${select} where m.user_id = ? and m.organization_id = ?`
        : `${select} where m.user_id = ? order by m.created_at, m.id limit 1`,
      organizationId ? [user.id, organizationId] : [user.id],
    );
  const row = rows[0];
  if (!row) return null;
  mergeAliased(em, Organization, row, 'o');
  return mergeAliased(em, Membership, row, 'm');
}
