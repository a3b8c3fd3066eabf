import type { Membership, Organization, User } from '@picineiros/db';
import type { Context } from '../context';

/** What `orgProcedure` adds to the context: services of org-scoped domains take this. */
export type OrgContext = Context & {
  user: User;
  organization: Organization;
  membership: Membership;
  /** The organization's sync counter as the call began (see shared/caller-lookup.ts). */
  organizationDataVersion: string;
};
