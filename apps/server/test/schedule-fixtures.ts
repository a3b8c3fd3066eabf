// Lookups for the appointments, finance and dashboard suites (their rows are seeded with the harness's
// fixture builders).
import { Membership, TENANT_FILTER } from '@picineiros/db';
import type { TestServer } from './harness';

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
