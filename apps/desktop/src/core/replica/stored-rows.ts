// The one adapter between what the replica stores and what the views read: a synced row is kept as the
// sync feed's JSON, so its dates come back as ISO strings; the shared mappers (@picineiros/api/<domain>/view)
// read the entity's property names with dates as Dates, which is the sync row's own shape.
import type { SyncRowsByType } from '@picineiros/api/client';

/** A synced row as written to the `data` column: the sync payload's row, before its dates are revived. */
export type StoredRow = Record<string, unknown>;

export function text(row: StoredRow, key: string): string {
  const value = row[key];
  return typeof value === 'string' ? value : '';
}

export function nullableText(row: StoredRow, key: string): string | null {
  const value = row[key];
  return typeof value === 'string' ? value : null;
}

export function nullableNumber(row: StoredRow, key: string): number | null {
  const value = row[key];
  return typeof value === 'number' ? value : null;
}

/** A row's instant as the indexed columns store it: an ISO string (which sorts as the instant does). */
export function iso(row: StoredRow, key: string): string | null {
  const value = row[key];
  return value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : null;
}

/** The instants of each entity the replica reads back (every Date column of its entity). */
const DATE_FIELDS = {
  client: ['createdAt', 'updatedAt', 'deletedAt'],
  pool: ['createdAt', 'updatedAt', 'deletedAt'],
  appointment: ['createdAt', 'updatedAt', 'deletedAt'],
  financeEntry: ['createdAt', 'updatedAt', 'deletedAt', 'paidAt'],
} as const satisfies { [K in keyof SyncRowsByType]?: readonly (keyof SyncRowsByType[K])[] };

export type ReadableType = keyof typeof DATE_FIELDS;

/** A stored `data` column back as the sync row it was: the views' input. */
export function readStoredRow<K extends ReadableType>(type: K, data: string): SyncRowsByType[K] {
  const row = JSON.parse(data) as StoredRow;
  for (const key of DATE_FIELDS[type]) {
    const value = row[key];
    if (typeof value === 'string') row[key] = new Date(value);
  }
  return row as SyncRowsByType[K];
}
