import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';
import { Organization } from './organization.entity';
import { tenantFilters } from './tenant';

/**
 * Base of every organization-owned row (clients, pools, visits, receivables, notifications, audit…):
 * carries `organization` and the default-on tenant filter. Soft-deletable, synced rows also carry
 * `deletedAt` (archived: hidden from lists, sent to the desktop as a tombstone) and `syncVersion`
 * (position in the organization's change feed, assigned at flush; see docs/architecture.md, "Sync").
 */
export class TenantEntity<Optional extends string = never> extends BaseEntity<Optional> {
  organization!: Organization;
}

export const TenantEntitySchema = new EntitySchema<TenantEntity<string>, BaseEntity<string>>({
  class: TenantEntity,
  extends: BaseEntitySchema,
  abstract: true,
  properties: {
    organization: { kind: 'm:1', entity: () => Organization, deleteRule: 'cascade' },
  },
  filters: tenantFilters(),
});

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- read by MikroORM's OptionalProps
export class SyncedEntity<Optional extends string = never> extends TenantEntity<
  Optional | 'deletedAt' | 'syncVersion'
> {
  deletedAt?: Date | null;
  syncVersion = 0;
}

export const SyncedEntitySchema = new EntitySchema<SyncedEntity<string>, TenantEntity<string>>({
  class: SyncedEntity,
  extends: TenantEntitySchema,
  abstract: true,
  properties: {
    deletedAt: { type: 'datetime', nullable: true },
    syncVersion: { type: new BigIntType('number'), default: 0 },
  },
});
