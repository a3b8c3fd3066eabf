import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { Organization } from './organization.entity';

/**
 * The last sync version handed out in an organization. The change-tracking subscriber increments it inside
 * the flushing transaction, which row-locks it until commit: versions of one organization are therefore
 * handed out in commit order (see docs/architecture.md, "Sync"). Written with raw SQL only.
 */
export class SyncCounter {
  organization!: Organization;
  lastVersion = 0;
}

export const SyncCounterSchema = new EntitySchema<SyncCounter>({
  class: SyncCounter,
  tableName: 'sync_counters',
  properties: {
    organization: { kind: 'm:1', entity: () => Organization, primary: true, deleteRule: 'cascade' },
    lastVersion: { type: new BigIntType('number'), default: 0 },
  },
});
