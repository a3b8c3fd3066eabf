import { EntitySchema } from '@mikro-orm/core';
import { Client } from './client.entity';
import { SyncedEntity, SyncedEntitySchema } from './tenant-entity';
import { type PoolType, type PoolLocation } from '../constants';

/** A client's pool. Removing a pool from a client archives it (`deletedAt`), so past visits keep it. */
export class Pool extends SyncedEntity<'label' | 'volumeLiters' | 'location' | 'heated' | 'notes'> {
  client!: Client;
  /** Tells a client's pools apart ("Adulto", "Infantil"). */
  label?: string | null;
  type!: PoolType;
  volumeLiters?: number | null;
  location: PoolLocation = 'outdoor';
  heated = false;
  notes?: string | null;
}

export const PoolSchema = new EntitySchema<Pool, SyncedEntity<string>>({
  class: Pool,
  extends: SyncedEntitySchema,
  tableName: 'pools',
  properties: {
    client: { kind: 'm:1', entity: () => Client, deleteRule: 'cascade' },
    label: { type: 'string', length: 60, nullable: true },
    type: { type: 'string', length: 16 },
    volumeLiters: { type: 'integer', nullable: true },
    location: { type: 'string', length: 16, default: 'outdoor' },
    heated: { type: 'boolean', default: false },
    notes: { type: 'string', length: 1000, nullable: true },
  },
  // (client) loads a client's pools; (organization, type, client) answers the clients list's pool-type
  // filter from the index alone.
  indexes: [
    { properties: ['client'] },
    { properties: ['organization', 'type', 'client'] },
    { properties: ['organization', 'syncVersion'] },
  ],
});
