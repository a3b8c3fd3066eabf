// The replica's tables: what SQLite keeps of each synced entity, and how a synced row fills its columns.
import type { SyncChange } from '@picineiros/api/client';
import { iso, nullableNumber, nullableText, text, type StoredRow } from './stored-rows';

export type EntityType = SyncChange['entityType'];

export const TABLES = {
  client: 'clients',
  pool: 'pools',
  appointment: 'appointments',
  financeEntry: 'finance_entries',
  notification: 'notifications',
} as const satisfies Record<EntityType, string>;

/** Renderer query domains touched by each synced entity type (for cache invalidation events). */
export const DOMAINS_OF: Record<EntityType, string> = {
  client: 'clients',
  pool: 'clients',
  appointment: 'appointments',
  financeEntry: 'finance',
  notification: 'notifications',
};

/**
 * The replica's table layout. A replica written by an older layout is emptied (and its cursor reset) when
 * opened, so the next pull fills it again from the start: the tables are a cache of the server's rows, and a
 * full pull also brings back what the old layout did not keep (the tombstones below).
 */
export const SCHEMA_VERSION = 2;

/** The synced tables, dropped and recreated when SCHEMA_VERSION changes (meta stays, but for the cursor). */
export const SYNCED_TABLES = [
  'clients',
  'archived_clients',
  'pools',
  'appointments',
  'finance_entries',
  'billed_appointments',
  'notifications',
] as const;

// Each table keeps the whole row as JSON plus the columns that lists filter and sort on, indexed like the
// server's, so local reads stay fast at tens of thousands of rows without a column per field.
// Archived rows are deleted (a list that asks for them goes to the server), with two exceptions the local
// reads need: an archived client's name and search text (its entries still show and find it by name), and
// every visit an entry bills, archived entries included (such a visit is not billable again).
export const SCHEMA = `
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = NORMAL;
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS clients (
    id TEXT PRIMARY KEY, sync_version INTEGER NOT NULL, name_key TEXT NOT NULL, search_text TEXT NOT NULL,
    active INTEGER NOT NULL, created_at TEXT NOT NULL, data TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS clients_name ON clients (name_key, id);
  CREATE INDEX IF NOT EXISTS clients_created ON clients (created_at, id);
  CREATE TABLE IF NOT EXISTS pools (
    id TEXT PRIMARY KEY, sync_version INTEGER NOT NULL, client_id TEXT NOT NULL, type TEXT NOT NULL,
    data TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS pools_client ON pools (client_id);
  CREATE INDEX IF NOT EXISTS pools_type ON pools (type, client_id);
  CREATE TABLE IF NOT EXISTS appointments (
    id TEXT PRIMARY KEY, sync_version INTEGER NOT NULL, client_id TEXT NOT NULL, date TEXT NOT NULL,
    start_time TEXT NOT NULL, status TEXT NOT NULL, assignee_id TEXT, data TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS appointments_date ON appointments (date, start_time, id);
  CREATE INDEX IF NOT EXISTS appointments_client ON appointments (client_id, date);
  CREATE TABLE IF NOT EXISTS archived_clients (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, search_text TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS finance_entries (
    id TEXT PRIMARY KEY, sync_version INTEGER NOT NULL, client_id TEXT NOT NULL, due_date TEXT NOT NULL,
    status TEXT NOT NULL, amount_cents INTEGER NOT NULL, paid_at TEXT, search_text TEXT NOT NULL,
    data TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS billed_appointments (appointment_id TEXT PRIMARY KEY, entry_id TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS finance_due ON finance_entries (due_date, id);
  CREATE INDEX IF NOT EXISTS finance_client ON finance_entries (client_id, due_date);
  CREATE INDEX IF NOT EXISTS finance_status ON finance_entries (status, due_date);
  CREATE TABLE IF NOT EXISTS notifications (
    id TEXT PRIMARY KEY, sync_version INTEGER NOT NULL, created_at TEXT NOT NULL, data TEXT NOT NULL);
`;

export type ColumnSpec = {
  columns: readonly string[];
  indexed: readonly string[];
  of: (row: StoredRow) => Record<string, unknown>;
};

/**
 * The columns each table keeps beside id, sync_version and data (see SCHEMA), how a synced row fills them,
 * and which of them an index covers (an update that leaves those alone need not touch the indexes).
 */
export const COLUMNS: Record<EntityType, ColumnSpec> = {
  client: {
    columns: ['name_key', 'search_text', 'active', 'created_at'],
    indexed: ['name_key', 'created_at'],
    of: (row) => ({
      name_key: text(row, 'nameKey'),
      search_text: text(row, 'searchText'),
      active: row['active'] ? 1 : 0,
      created_at: iso(row, 'createdAt'),
    }),
  },
  pool: {
    columns: ['client_id', 'type'],
    indexed: ['client_id', 'type'],
    of: (row) => ({ client_id: text(row, 'clientId'), type: text(row, 'type') }),
  },
  appointment: {
    columns: ['client_id', 'date', 'start_time', 'status', 'assignee_id'],
    indexed: ['client_id', 'date', 'start_time'],
    of: (row) => ({
      client_id: text(row, 'clientId'),
      date: text(row, 'date'),
      start_time: text(row, 'startTime'),
      status: text(row, 'status'),
      assignee_id: nullableText(row, 'assigneeId'),
    }),
  },
  financeEntry: {
    columns: ['client_id', 'due_date', 'status', 'amount_cents', 'paid_at', 'search_text'],
    indexed: ['client_id', 'due_date', 'status'],
    of: (row) => ({
      client_id: text(row, 'clientId'),
      due_date: text(row, 'dueDate'),
      status: text(row, 'status'),
      amount_cents: nullableNumber(row, 'amountCents') ?? 0,
      paid_at: iso(row, 'paidAt'),
      search_text: text(row, 'searchText'),
    }),
  },
  notification: {
    columns: ['created_at'],
    indexed: [],
    of: (row) => ({ created_at: iso(row, 'createdAt') }),
  },
};
