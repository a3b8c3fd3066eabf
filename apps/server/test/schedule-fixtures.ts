// Test data for the appointments, finance and dashboard suites, written straight to the database (the
// clients router is tested on its own); every row goes through the ORM, so sync and audit bookkeeping apply.
import { Client, Membership, Organization, Pool, TENANT_FILTER } from '@picineiros/db';
import type { TestServer } from './harness';

export async function seedClient(
  server: TestServer,
  orgId: string,
  name: string,
  options: { active?: boolean; archived?: boolean; pools?: number } = {},
): Promise<{ clientId: string; poolIds: string[] }> {
  const em = server.database.fork();
  const key = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
  const organization = em.getReference(Organization, orgId);
  const client = em.create(Client, {
    organization,
    name,
    nameKey: key,
    searchText: key,
    active: options.active ?? true,
    deletedAt: options.archived ? new Date() : null,
  });
  const pools = Array.from({ length: options.pools ?? 1 }, () =>
    em.create(Pool, { organization, client, type: 'fiberglass' }),
  );
  await em.flush();
  return { clientId: client.id, poolIds: pools.map((pool) => pool.id) };
}

export async function membershipIdOf(server: TestServer, userId: string, orgId: string): Promise<string> {
  const membership = await server.database
    .fork()
    .findOneOrFail(Membership, { user: userId, organization: orgId });
  return membership.id;
}

/** A fork scoped to one organization, as the API's procedures are. */
export function scopedFork(server: TestServer, orgId: string) {
  const em = server.database.fork();
  em.setFilterParams(TENANT_FILTER, { organizationId: orgId });
  return em;
}
