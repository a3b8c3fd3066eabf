import { EntitySchema } from '@mikro-orm/core';
import { Appointment } from './appointment.entity';
import { Client } from './client.entity';
import { TENANT_FILTER } from './tenant';
import { SyncedEntity, SyncedEntitySchema } from './tenant-entity';
import { type FinanceStatus, type PaymentMethod } from '../constants';
import { foldSearchText } from '../search-text';

/**
 * A receivable: what a client owes. `amountCents` is integer cents (BRL); `dueDate` is a local date
 * ('YYYY-MM-DD') in the organization's time zone; `paidAt` is an instant (UTC). `searchText` is the
 * description folded (no accents, lower case), kept by the entity itself on every insert and update, so
 * whatever writes an entry (the service, the demo seed, a bench) leaves it searchable.
 */
export class FinanceEntry extends SyncedEntity<
  'appointment' | 'status' | 'paidAt' | 'paymentMethod' | 'searchText'
> {
  client!: Client;
  /** At most one entry per appointment (unique), so a visit is never billed twice. */
  appointment?: Appointment | null;
  description!: string;
  searchText!: string;
  amountCents!: number;
  dueDate!: string;
  status: FinanceStatus = 'pending';
  paidAt?: Date | null;
  paymentMethod?: PaymentMethod | null;
}

export const FinanceEntrySchema = new EntitySchema<FinanceEntry, SyncedEntity<string>>({
  class: FinanceEntry,
  extends: SyncedEntitySchema,
  tableName: 'finance_entries',
  properties: {
    // Same-organization references, checked when written: not re-filtered on load (see appointment.entity.ts).
    client: { kind: 'm:1', entity: () => Client, filters: { [TENANT_FILTER]: false } },
    appointment: {
      kind: 'm:1',
      entity: () => Appointment,
      nullable: true,
      deleteRule: 'set null',
      filters: { [TENANT_FILTER]: false },
    },
    description: { type: 'string', length: 200 },
    searchText: {
      type: 'string',
      length: 200,
      default: '',
      onCreate: (entry: FinanceEntry) => foldSearchText(entry.description),
      onUpdate: (entry: FinanceEntry) => foldSearchText(entry.description),
    },
    amountCents: { type: 'integer' },
    dueDate: { type: 'string', length: 10 },
    status: { type: 'string', length: 16, default: 'pending' },
    paidAt: { type: 'datetime', nullable: true },
    paymentMethod: { type: 'string', length: 16, nullable: true },
  },
  // The organization leads every index (and the unique key) so the tables can be sharded by it.
  uniques: [{ properties: ['organization', 'appointment'] }],
  // The trailing amountCents and deletedAt make the dashboard's sums index-only scans on both dialects.
  indexes: [
    { properties: ['organization', 'dueDate'] },
    { properties: ['organization', 'status', 'dueDate', 'amountCents', 'deletedAt'] },
    { properties: ['organization', 'client', 'dueDate'] },
    { properties: ['organization', 'status', 'paidAt', 'amountCents', 'deletedAt'] },
    { properties: ['organization', 'syncVersion'] },
  ],
});
