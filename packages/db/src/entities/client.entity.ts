import { Collection, EntitySchema } from '@mikro-orm/core';
import { Pool } from './pool.entity';
import { SyncedEntity, SyncedEntitySchema } from './tenant-entity';

/**
 * A customer of the organization. `document` (CPF or CNPJ), `phone` and `cep` are stored normalized (no
 * mask). `nameKey` and `searchText` are folded copies (no accents, lower case) maintained by the API, so
 * that sorting and searching behave the same on Postgres and SQLite. `active` is a business flag (the
 * client paused the service); archiving is `deletedAt`.
 */
export class Client extends SyncedEntity<
  | 'document'
  | 'phone'
  | 'email'
  | 'cep'
  | 'street'
  | 'streetNumber'
  | 'complement'
  | 'district'
  | 'city'
  | 'uf'
  | 'notes'
  | 'active'
  | 'pools'
> {
  name!: string;
  nameKey!: string;
  searchText!: string;
  document?: string | null;
  phone?: string | null;
  email?: string | null;
  cep?: string | null;
  street?: string | null;
  streetNumber?: string | null;
  complement?: string | null;
  district?: string | null;
  city?: string | null;
  uf?: string | null;
  notes?: string | null;
  active = true;
  pools = new Collection<Pool>(this);
}

/** The partial unique index on (organization, document) of non-archived clients. */
export const CLIENT_DOCUMENT_UNIQUE = 'clients_organization_id_document_active_unique';

export const ClientSchema = new EntitySchema<Client, SyncedEntity<string>>({
  class: Client,
  extends: SyncedEntitySchema,
  tableName: 'clients',
  properties: {
    name: { type: 'string', length: 120 },
    nameKey: { type: 'string', length: 120 },
    searchText: { type: 'string', length: 512 },
    document: { type: 'string', length: 14, nullable: true },
    phone: { type: 'string', length: 11, nullable: true },
    email: { type: 'string', length: 254, nullable: true },
    cep: { type: 'string', length: 8, nullable: true },
    street: { type: 'string', length: 120, nullable: true },
    streetNumber: { type: 'string', length: 20, nullable: true },
    complement: { type: 'string', length: 80, nullable: true },
    district: { type: 'string', length: 80, nullable: true },
    city: { type: 'string', length: 80, nullable: true },
    uf: { type: 'string', length: 2, nullable: true },
    notes: { type: 'string', length: 2000, nullable: true },
    active: { type: 'boolean', default: true },
    pools: { kind: '1:m', entity: () => Pool, mappedBy: 'client' },
  },
  // One index per list filter and sort, all led by the organization (every query is tenant-scoped).
  // Text search is a LIKE '%term%' over `search_text` within the organization's rows (see clients/service.ts).
  indexes: [
    { properties: ['organization', 'nameKey'] },
    { properties: ['organization', 'createdAt'] },
    // The trailing deletedAt makes the dashboard's count of active clients an index-only scan.
    { properties: ['organization', 'active', 'nameKey', 'deletedAt'] },
    { properties: ['organization', 'document'] },
    { properties: ['organization', 'syncVersion'] },
  ],
  uniques: [
    // A CPF/CNPJ belongs to one non-archived client per organization. Partial (archived clients and
    // clients without a document are free), so it is written as SQL; both dialects take the same text.
    {
      name: CLIENT_DOCUMENT_UNIQUE,
      expression: `create unique index "${CLIENT_DOCUMENT_UNIQUE}" on "clients" ("organization_id", "document") where "deleted_at" is null and "document" is not null`,
    },
  ],
});
