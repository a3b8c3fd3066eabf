// A client row → its view: the one mapping the server's service, the desktop replica and the reports use
// (the server reads managed entities or plain rows, the replica its synced JSON; all carry these names).
// Client-safe: no ORM.
import type { PoolLocation, PoolType } from '@picineiros/db/constants';
import { viewAddress, type AddressColumns } from '../shared/address';
import { viewContact, type ContactColumns } from '../shared/contact';
import type { ClientView, PoolView } from './schema';

/** What a pool's view reads, under the entity's property names. */
export type PoolRow = {
  id: string;
  label?: string | null;
  type: PoolType;
  volumeLiters?: number | null;
  location: PoolLocation;
  heated: boolean;
  notes?: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt?: Date | null;
};

/** What a client's view reads, under the entity's property names. */
export type ClientRow = ContactColumns &
  AddressColumns & {
    id: string;
    name: string;
    email?: string | null;
    notes?: string | null;
    active: boolean;
    deletedAt?: Date | null;
    version: number;
    createdAt: Date;
    updatedAt: Date;
  };

function toPoolView(pool: PoolRow): PoolView {
  return {
    id: pool.id,
    label: pool.label ?? null,
    type: pool.type,
    volumeLiters: pool.volumeLiters ?? null,
    location: pool.location,
    heated: pool.heated,
    notes: pool.notes ?? null,
    version: pool.version,
    createdAt: pool.createdAt,
    updatedAt: pool.updatedAt,
  };
}

/** Oldest first, then by id: the order in which a client's pools are always shown. */
function byCreation(a: PoolRow, b: PoolRow): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The client with its pools; removed (archived) pools are left out. */
export function toClientView(client: ClientRow, pools: readonly PoolRow[]): ClientView {
  return {
    id: client.id,
    name: client.name,
    ...viewContact(client),
    email: client.email ?? null,
    address: viewAddress(client),
    notes: client.notes ?? null,
    active: client.active,
    deletedAt: client.deletedAt ?? null,
    version: client.version,
    createdAt: client.createdAt,
    updatedAt: client.updatedAt,
    pools: pools
      .filter((pool) => !pool.deletedAt)
      .sort(byCreation)
      .map(toPoolView),
  };
}
