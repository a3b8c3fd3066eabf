import { EntitySchema } from '@mikro-orm/core';
import { Client } from './client.entity';
import { Membership } from './membership.entity';
import { Pool } from './pool.entity';
import { TENANT_FILTER } from './tenant';
import { SyncedEntity, SyncedEntitySchema } from './tenant-entity';
import { type AppointmentStatus } from '../constants';

/**
 * A service visit. `date` ('YYYY-MM-DD') and `startTime` ('HH:mm') are local to the organization's time
 * zone: a visit at 08:00 stays at 08:00 whatever the server's zone or a DST change.
 */
export class Appointment extends SyncedEntity<
  'pool' | 'assignee' | 'status' | 'notes' | 'priceCents' | 'durationMinutes' | 'cancelReason'
> {
  client!: Client;
  pool?: Pool | null;
  date!: string;
  startTime!: string;
  durationMinutes = 60;
  /** The member who does the visit; a membership, so it is scoped to the organization. */
  assignee?: Membership | null;
  status: AppointmentStatus = 'pending';
  notes?: string | null;
  priceCents?: number | null;
  /** Why the visit was cancelled (optional, asked when cancelling); cleared when it is reopened. */
  cancelReason?: string | null;
}

export const AppointmentSchema = new EntitySchema<Appointment, SyncedEntity<string>>({
  class: Appointment,
  extends: SyncedEntitySchema,
  tableName: 'appointments',
  properties: {
    // References within the organization, checked by the service when written: loading them must not
    // re-apply the tenant filter, which would make every list join clients and pools (and lose the
    // index order for a hash join over the whole organization).
    client: { kind: 'm:1', entity: () => Client, filters: { [TENANT_FILTER]: false } },
    pool: {
      kind: 'm:1',
      entity: () => Pool,
      nullable: true,
      deleteRule: 'set null',
      filters: { [TENANT_FILTER]: false },
    },
    date: { type: 'string', length: 10 },
    startTime: { type: 'string', length: 5 },
    durationMinutes: { type: 'integer', default: 60 },
    assignee: { kind: 'm:1', entity: () => Membership, nullable: true, deleteRule: 'set null' },
    status: { type: 'string', length: 16, default: 'pending' },
    notes: { type: 'string', length: 2000, nullable: true },
    priceCents: { type: 'integer', nullable: true },
    cancelReason: { type: 'string', length: 500, nullable: true },
  },
  // One index per list filter, each ending in the list's sort (date, start time).
  indexes: [
    { properties: ['organization', 'date', 'startTime'] },
    { properties: ['organization', 'status', 'date'] },
    { properties: ['organization', 'client', 'date'] },
    { properties: ['organization', 'assignee', 'date'] },
    { properties: ['organization', 'syncVersion'] },
  ],
});
