import type { RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import {
  Appointment,
  Client,
  FinanceEntry,
  Membership,
  Organization,
  Pool,
  User,
  type MembershipRole,
} from '../entities';
import type { SeedTools } from './demo';

// The one family of row builders behind the demo seed, the tests and the benches. Each adds a row with
// sensible defaults to the EntityManager and returns it; the caller flushes, so a whole scene is written in
// one flush (or one transaction) and gets its sync versions and audit entries like any other change.

export type FixtureTools = Pick<SeedTools, 'clientSearchColumns'> & {
  /** false: rows are built for `em.insertMany` (bulk, no change tracking), not persisted at the next flush. */
  persist?: boolean;
};

export type OrganizationFields = Partial<RequiredEntityData<Organization>>;
export type MemberFields = RequiredEntityData<User> & { role: MembershipRole };
export type PoolFields = Omit<RequiredEntityData<Pool>, 'organization' | 'client'>;
export type ClientFields = Omit<
  RequiredEntityData<Client>,
  'organization' | 'nameKey' | 'searchText' | 'pools'
> & {
  /** A count of fiberglass pools or each pool's fields; one pool by default, as a client created in the app. */
  pools?: number | PoolFields[];
};
export type AppointmentFields = Partial<Omit<RequiredEntityData<Appointment>, 'organization' | 'client'>> &
  Pick<RequiredEntityData<Appointment>, 'date'>;
export type FinanceEntryFields = Partial<Omit<RequiredEntityData<FinanceEntry>, 'organization' | 'client'>> &
  Pick<RequiredEntityData<FinanceEntry>, 'dueDate'>;

export type Fixtures = ReturnType<typeof createFixtures>;

export function createFixtures(tools: FixtureTools) {
  const options = { persist: tools.persist ?? true };
  const organizationOf = (em: EntityManager, organization: Organization | string) =>
    typeof organization === 'string' ? em.getReference(Organization, organization) : organization;

  function seedOrganization(em: EntityManager, fields: OrganizationFields = {}): Organization {
    return em.create(Organization, { name: 'Piscinas Teste', ...fields }, options);
  }

  /** A user with a membership of the organization (the password is hashed by the caller: argon2 is slow). */
  function seedMember(
    em: EntityManager,
    organization: Organization | string,
    { role, ...user }: MemberFields,
  ): Membership {
    return em.create(
      Membership,
      { user: em.create(User, user, options), organization: organizationOf(em, organization), role },
      options,
    );
  }

  /**
   * A client with its pools (in `client.pools`), its folded search columns derived as the API derives
   * them. The visit and entry builders below read the organization from the client: pass them one built
   * or loaded by the same EntityManager, not a bare reference.
   */
  function seedClient(em: EntityManager, organization: Organization | string, fields: ClientFields): Client {
    const { pools = 1, ...clientFields } = fields;
    const client = em.create(
      Client,
      {
        organization: organizationOf(em, organization),
        ...clientFields,
        ...tools.clientSearchColumns(clientFields),
      },
      options,
    );
    const poolFields = typeof pools === 'number' ? Array.from({ length: pools }, () => ({})) : pools;
    for (const pool of poolFields)
      em.create(Pool, { organization: client.organization, client, type: 'fiberglass', ...pool }, options);
    return client;
  }

  /** A visit of the client, pending at 09:00 unless told otherwise. */
  function seedAppointment(em: EntityManager, client: Client, fields: AppointmentFields): Appointment {
    return em.create(
      Appointment,
      { organization: client.organization, client, startTime: '09:00', ...fields },
      options,
    );
  }

  /** A receivable of the client, pending unless told otherwise. */
  function seedFinanceEntry(em: EntityManager, client: Client, fields: FinanceEntryFields): FinanceEntry {
    return em.create(
      FinanceEntry,
      {
        organization: client.organization,
        client,
        description: 'Manutenção mensal',
        amountCents: 25_000,
        ...fields,
      },
      options,
    );
  }

  return { seedOrganization, seedMember, seedClient, seedAppointment, seedFinanceEntry };
}
