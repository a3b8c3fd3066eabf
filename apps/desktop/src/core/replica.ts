import type { AppRouter } from '@picineiros/api';
import { findOverlaps, overlapCandidateDates } from '@picineiros/api/appointments/overlaps';
import type { TAppointmentOverlapsInput } from '@picineiros/api/appointments/schema';
import { dashboardPeriodOf, MAX_SERIES_MONTHS } from '@picineiros/api/dashboard/period';
import { ADDRESS_COLUMNS, viewAddress, type AddressColumns } from '@picineiros/api/shared/address';
import { viewContact } from '@picineiros/api/shared/contact';
import { addDaysToLocalDate, localDateOf, localMonthOf } from '@picineiros/api/shared/local-time';
import { searchTermsOf } from '@picineiros/api/shared/search-text';
import type { SyncChange } from '@picineiros/api/sync/schema';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import Database from 'better-sqlite3';

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;
type ClientView = Outputs['clients']['get'];
type AppointmentView = Outputs['appointments']['get'];
type FinanceEntryView = Outputs['finance']['get'];
type DashboardSummary = Outputs['dashboard']['summary'];

/** A synced row as stored: the sync payload's row, dates as ISO strings once through JSON. */
type StoredRow = Record<string, unknown>;

const TABLES = {
  client: 'clients',
  pool: 'pools',
  appointment: 'appointments',
  financeEntry: 'finance_entries',
  notification: 'notifications',
} as const;

/** Renderer query domains touched by each synced entity type (for cache invalidation events). */
export const DOMAINS_OF: Record<SyncChange['entityType'], string> = {
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
const SCHEMA_VERSION = 2;

/** The synced tables, dropped and recreated when SCHEMA_VERSION changes (meta stays, but for the cursor). */
const SYNCED_TABLES = [
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
const SCHEMA = `
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

function text(row: StoredRow, key: string): string {
  const value = row[key];
  return typeof value === 'string' ? value : '';
}

function nullableText(row: StoredRow, key: string): string | null {
  const value = row[key];
  return typeof value === 'string' ? value : null;
}

function nullableNumber(row: StoredRow, key: string): number | null {
  const value = row[key];
  return typeof value === 'number' ? value : null;
}

function date(row: StoredRow, key: string): Date {
  return new Date(text(row, key));
}

function nullableDate(row: StoredRow, key: string): Date | null {
  const value = nullableText(row, key);
  return value ? new Date(value) : null;
}

function parse(data: string): StoredRow {
  return JSON.parse(data) as StoredRow;
}

/** A row's value as stored in a column: dates as ISO strings. */
function iso(row: StoredRow, key: string): string | null {
  const value = row[key];
  return value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : null;
}

/**
 * The columns each table keeps beside id, sync_version and data (see SCHEMA), how a synced row fills them,
 * and which of them an index covers (an update that leaves those alone need not touch the indexes).
 */
const COLUMNS: Record<
  SyncChange['entityType'],
  { columns: readonly string[]; indexed: readonly string[]; of: (row: StoredRow) => Record<string, unknown> }
> = {
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

/**
 * The write statements of one table: insert, delete, and an UPDATE per set of changed indexed columns
 * (prepared on first use; at most 2^indexed of them, in practice a handful).
 */
class TableWriter {
  private readonly insert: Database.Statement;
  private readonly readIndexed: Database.Statement;
  private readonly updates = new Map<string, Database.Statement>();
  readonly remove: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly table: string,
    private readonly spec: (typeof COLUMNS)[SyncChange['entityType']],
  ) {
    const all = ['id', 'sync_version', ...spec.columns, 'data'];
    this.insert = db.prepare(
      `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map((column) => `@${column}`).join(', ')})`,
    );
    this.readIndexed = db.prepare(`SELECT ${['id', ...spec.indexed].join(', ')} FROM ${table} WHERE id = ?`);
    this.remove = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
  }

  /**
   * Inserts the row, or updates it setting the indexed columns only when their value changed: SQLite
   * rewrites an index entry for every indexed column an UPDATE sets, even to the same value, and an
   * INSERT OR REPLACE rewrites them all. Most changes (a phone edited, an entry paid) then dirty the row's
   * page and at most one index page, so an incremental pull's cost does not grow with the replica.
   */
  write(params: Record<string, unknown>): void {
    const current = this.readIndexed.get(params['id']) as Record<string, unknown> | undefined;
    if (!current) {
      this.insert.run(params);
      return;
    }
    const changed = this.spec.indexed.filter((column) => current[column] !== params[column]);
    const key = changed.join(',');
    let update = this.updates.get(key);
    if (!update) {
      const set = [
        'sync_version',
        ...this.spec.columns.filter((column) => !this.spec.indexed.includes(column)),
        ...changed,
        'data',
      ];
      update = this.db.prepare(
        `UPDATE ${this.table} SET ${set.map((column) => `${column} = @${column}`).join(', ')} WHERE id = @id`,
      );
      this.updates.set(key, update);
    }
    update.run(params);
  }
}

type WriteStatements = {
  tables: Record<SyncChange['entityType'], TableWriter>;
  setCursor: Database.Statement;
  keepArchivedClient: Database.Statement;
  forgetArchivedClient: Database.Statement;
  markBilled: Database.Statement;
};

function prepareWriteStatements(db: Database.Database): WriteStatements {
  const tables = {} as WriteStatements['tables'];
  for (const [type, table] of Object.entries(TABLES) as [SyncChange['entityType'], string][]) {
    tables[type] = new TableWriter(db, table, COLUMNS[type]);
  }
  return {
    tables,
    keepArchivedClient: db.prepare(
      'INSERT OR REPLACE INTO archived_clients (id, name, search_text) VALUES (@id, @name, @search_text)',
    ),
    forgetArchivedClient: db.prepare('DELETE FROM archived_clients WHERE id = ?'),
    // An entry's visit never changes (finance.update does not take it), so the first entry seen is the one.
    markBilled: db.prepare(
      'INSERT OR IGNORE INTO billed_appointments (appointment_id, entry_id) VALUES (?, ?)',
    ),
    setCursor: db.prepare(
      "INSERT INTO meta (key, value) VALUES ('cursor', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ),
  };
}

/**
 * The desktop's local copy of one organization's clients, pools, appointments, finance entries and
 * notifications, filled only by `applyChanges` (the sync feed). Reads return the server's view shapes,
 * so the renderer cannot tell a local answer from a server one.
 */
export class Replica {
  readonly db: Database.Database;
  private writeStatements: WriteStatements | undefined;

  constructor(file: string) {
    this.db = new Database(file);
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version !== SCHEMA_VERSION) {
      this.db.transaction(() => {
        for (const table of SYNCED_TABLES) this.db.exec(`DROP TABLE IF EXISTS ${table}`);
        // A fresh file has no meta table yet; an old one forgets its cursor, so the next pull starts over.
        this.db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
        this.db.exec("DELETE FROM meta WHERE key = 'cursor'");
        this.db.pragma(`user_version = ${String(SCHEMA_VERSION)}`);
      })();
    }
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string | null): void {
    if (value === null) this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
    else
      this.db
        .prepare(
          'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(key, value);
  }

  /** Forgets every row and the cursor (sign-out, another organization). */
  wipe(): void {
    this.db.transaction(() => {
      for (const table of [...SYNCED_TABLES, 'meta']) this.db.exec(`DELETE FROM ${table}`);
    })();
  }

  /**
   * Applies one pulled page and moves the cursor in the same transaction, so a crash between the two can
   * never skip changes (it can only re-apply them, which is idempotent: every write is an upsert or delete
   * by id). Tombstones delete the row: archived rows are read from the server when a list asks for them.
   */
  applyChanges(changes: readonly SyncChange[], cursor: number): void {
    const statements = (this.writeStatements ??= prepareWriteStatements(this.db));
    this.db.transaction(() => {
      for (const change of changes) {
        const table = statements.tables[change.entityType];
        const row = change.row as unknown as StoredRow;
        if (change.entityType === 'client') {
          if (change.deleted) {
            statements.keepArchivedClient.run({
              id: change.id,
              name: text(row, 'name'),
              search_text: text(row, 'searchText'),
            });
          } else {
            statements.forgetArchivedClient.run(change.id);
          }
        }
        const billedVisit = change.entityType === 'financeEntry' ? nullableText(row, 'appointmentId') : null;
        if (billedVisit) statements.markBilled.run(billedVisit, change.id);
        if (change.deleted) {
          table.remove.run(change.id);
          continue;
        }
        table.write({
          id: change.id,
          sync_version: change.syncVersion,
          ...COLUMNS[change.entityType].of(row),
          data: JSON.stringify(row),
        });
      }
      statements.setCursor.run(String(cursor));
    })();
  }

  cursor(): number {
    return Number(this.getMeta('cursor') ?? 0);
  }

  counts(): Record<string, number> {
    return Object.fromEntries(
      Object.values(TABLES).map((table) => [
        table,
        (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
      ]),
    );
  }

  // ---------------------------------------------------------------------------------------------------
  // Reads, in the server's shapes

  private poolsOf(clientIds: readonly string[]): Map<string, StoredRow[]> {
    const byClient = new Map<string, StoredRow[]>();
    if (clientIds.length === 0) return byClient;
    const rows = this.db
      .prepare(`SELECT client_id, data FROM pools WHERE client_id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(clientIds)) as { client_id: string; data: string }[];
    for (const row of rows) {
      const list = byClient.get(row.client_id) ?? [];
      list.push(parse(row.data));
      byClient.set(row.client_id, list);
    }
    for (const list of byClient.values())
      list.sort((a, b) => text(a, 'createdAt').localeCompare(text(b, 'createdAt')));
    return byClient;
  }

  private viewClient(row: StoredRow, pools: readonly StoredRow[]): ClientView {
    const address: AddressColumns = Object.fromEntries(
      ADDRESS_COLUMNS.map((column) => [column, nullableText(row, column)]),
    );
    return {
      id: text(row, 'id'),
      name: text(row, 'name'),
      // The server's own view of the stored columns (masks, document type), so both paths show the same.
      ...viewContact({ document: nullableText(row, 'document'), phone: nullableText(row, 'phone') }),
      email: nullableText(row, 'email'),
      address: viewAddress(address),
      notes: nullableText(row, 'notes'),
      active: Boolean(row['active']),
      deletedAt: nullableDate(row, 'deletedAt'),
      version: nullableNumber(row, 'version') ?? 1,
      createdAt: date(row, 'createdAt'),
      updatedAt: date(row, 'updatedAt'),
      pools: pools.map((pool) => ({
        id: text(pool, 'id'),
        label: nullableText(pool, 'label'),
        type: text(pool, 'type') as ClientView['pools'][number]['type'],
        volumeLiters: nullableNumber(pool, 'volumeLiters'),
        location: text(pool, 'location') as ClientView['pools'][number]['location'],
        heated: Boolean(pool['heated']),
        notes: nullableText(pool, 'notes'),
        version: nullableNumber(pool, 'version') ?? 1,
        createdAt: date(pool, 'createdAt'),
        updatedAt: date(pool, 'updatedAt'),
      })),
    };
  }

  listClients(input: Inputs['clients']['list']): Outputs['clients']['list'] {
    const page = input?.page ?? 1;
    const pageSize = input?.pageSize ?? 20;
    const sort = input?.sort ?? 'name';
    const direction = (input?.direction ?? (sort === 'name' ? 'asc' : 'desc')) === 'asc' ? 'ASC' : 'DESC';
    const where: string[] = [];
    const params: unknown[] = [];
    if (input?.active !== undefined) {
      where.push('active = ?');
      params.push(input.active ? 1 : 0);
    }
    if (input?.poolType) {
      where.push('id IN (SELECT client_id FROM pools WHERE type = ?)');
      params.push(input.poolType);
    }
    // The same folded terms as the server, over the same folded column the sync carries.
    for (const term of searchTermsOf(input?.search ?? '')) {
      where.push('search_text LIKE ?');
      params.push(`%${term}%`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order =
      sort === 'name' ? `name_key ${direction}, id ${direction}` : `created_at ${direction}, id ${direction}`;
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM clients ${clause}`).get(...params) as { n: number }
    ).n;
    const rows = this.db
      .prepare(`SELECT data FROM clients ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...params, pageSize, (page - 1) * pageSize) as { data: string }[];
    const clients = rows.map((row) => parse(row.data));
    const pools = this.poolsOf(clients.map((client) => text(client, 'id')));
    return {
      items: clients.map((client) => this.viewClient(client, pools.get(text(client, 'id')) ?? [])),
      total,
      page,
      pageSize,
      pageCount: Math.max(1, Math.ceil(total / pageSize)),
    };
  }

  getClient(id: string): ClientView | null {
    const row = this.db.prepare('SELECT data FROM clients WHERE id = ?').get(id) as
      { data: string } | undefined;
    if (!row) return null;
    return this.viewClient(parse(row.data), this.poolsOf([id]).get(id) ?? []);
  }

  private clientNames(ids: readonly string[]): Map<string, string> {
    const rows = this.db
      .prepare(
        `SELECT id, json_extract(data, '$.name') AS name FROM clients WHERE id IN (SELECT value FROM json_each(@ids))
         UNION ALL SELECT id, name FROM archived_clients WHERE id IN (SELECT value FROM json_each(@ids))`,
      )
      .all({ ids: JSON.stringify([...new Set(ids)]) }) as { id: string; name: string }[];
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  private viewAppointment(row: StoredRow, names: Map<string, string>): AppointmentView {
    return {
      id: text(row, 'id'),
      clientId: text(row, 'clientId'),
      clientName: names.get(text(row, 'clientId')) ?? '',
      poolId: nullableText(row, 'poolId'),
      date: text(row, 'date'),
      startTime: text(row, 'startTime'),
      durationMinutes: nullableNumber(row, 'durationMinutes') ?? 60,
      assigneeId: nullableText(row, 'assigneeId'),
      status: text(row, 'status') as AppointmentView['status'],
      notes: nullableText(row, 'notes'),
      priceCents: nullableNumber(row, 'priceCents'),
      cancelReason: nullableText(row, 'cancelReason'),
      version: nullableNumber(row, 'version') ?? 1,
      createdAt: date(row, 'createdAt'),
      updatedAt: date(row, 'updatedAt'),
      deletedAt: nullableDate(row, 'deletedAt'),
    };
  }

  private appointmentsWhere(sql: string, params: unknown[]): AppointmentView[] {
    const rows = (this.db.prepare(sql).all(...params) as { data: string }[]).map((row) => parse(row.data));
    const names = this.clientNames(rows.map((row) => text(row, 'clientId')));
    return rows.map((row) => this.viewAppointment(row, names));
  }

  listAppointments(input: Inputs['appointments']['list']): Outputs['appointments']['list'] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (input.from) {
      where.push('date >= ?');
      params.push(input.from);
    }
    if (input.to) {
      where.push('date <= ?');
      params.push(input.to);
    }
    if (input.status?.length) {
      where.push(`status IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify(input.status));
    }
    if (input.clientId) {
      where.push('client_id = ?');
      params.push(input.clientId);
    }
    if (input.assigneeId) {
      where.push('assignee_id = ?');
      params.push(input.assigneeId);
    }
    if (input.billable) {
      // As the server: done, priced, of a client not archived (the clients table holds only those), and
      // billed by no entry, archived ones included (billed_appointments keeps them).
      where.push(
        "status = 'done' AND json_extract(data, '$.priceCents') > 0 AND client_id IN (SELECT id FROM clients)" +
          ' AND id NOT IN (SELECT appointment_id FROM billed_appointments)',
      );
    }
    if (input.cursor) {
      const [cursorDate, cursorTime, cursorId] = input.cursor.split('|');
      where.push('(date, start_time, id) > (?, ?, ?)');
      params.push(cursorDate, cursorTime, cursorId);
    }
    const limit = input.limit ?? 200;
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const items = this.appointmentsWhere(
      `SELECT data FROM appointments ${clause} ORDER BY date, start_time, id LIMIT ?`,
      [...params, limit + 1],
    );
    const page = items.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page,
      nextCursor: items.length > limit && last ? `${last.date}|${last.startTime}|${last.id}` : null,
    };
  }

  getAppointment(id: string): AppointmentView | null {
    return this.appointmentsWhere('SELECT data FROM appointments WHERE id = ?', [id])[0] ?? null;
  }

  /**
   * `appointments.overlaps` as the server answers it: the same candidate dates and the same pure rule
   * (@picineiros/api/appointments/overlaps); archived visits are not here at all (tombstones delete rows).
   */
  listAppointmentOverlaps(input: TAppointmentOverlapsInput): Outputs['appointments']['overlaps'] {
    const { from, to } = overlapCandidateDates(input.date);
    const assigneeId = input.assigneeId ?? null;
    const candidates = this.appointmentsWhere(
      `SELECT data FROM appointments
        WHERE date >= ? AND date <= ? AND status <> 'cancelled' AND (client_id = ? OR assignee_id = ?)
        ORDER BY date, start_time, id`,
      [from, to, input.clientId, assigneeId],
    );
    return {
      items: findOverlaps(input, candidates),
    };
  }

  private financeWhere(sql: string, params: unknown[], today: string): FinanceEntryView[] {
    const rows = (this.db.prepare(sql).all(...params) as { data: string }[]).map((row) => parse(row.data));
    const names = this.clientNames(rows.map((row) => text(row, 'clientId')));
    return rows.map((row) => ({
      id: text(row, 'id'),
      clientId: text(row, 'clientId'),
      clientName: names.get(text(row, 'clientId')) ?? '',
      appointmentId: nullableText(row, 'appointmentId'),
      description: text(row, 'description'),
      amountCents: nullableNumber(row, 'amountCents') ?? 0,
      dueDate: text(row, 'dueDate'),
      status: text(row, 'status') as FinanceEntryView['status'],
      overdue: text(row, 'status') === 'pending' && text(row, 'dueDate') < today,
      paidAt: nullableDate(row, 'paidAt'),
      paymentMethod: nullableText(row, 'paymentMethod') as FinanceEntryView['paymentMethod'],
      version: nullableNumber(row, 'version') ?? 1,
      createdAt: date(row, 'createdAt'),
      updatedAt: date(row, 'updatedAt'),
      deletedAt: nullableDate(row, 'deletedAt'),
    }));
  }

  listFinanceEntries(input: Inputs['finance']['list'], today: string): Outputs['finance']['list'] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (input.status) {
      where.push('status = ?');
      params.push(input.status);
    }
    if (input.clientId) {
      where.push('client_id = ?');
      params.push(input.clientId);
    }
    if (input.from) {
      where.push('due_date >= ?');
      params.push(input.from);
    }
    if (input.to) {
      where.push('due_date <= ?');
      params.push(input.to);
    }
    if (input.overdue === true) {
      where.push("status = 'pending' AND due_date < ?");
      params.push(today);
    }
    if (input.overdue === false) {
      where.push("(status = 'paid' OR due_date >= ?)");
      params.push(today);
    }
    // The server's search: each folded word in the entry's folded description or its client's search text.
    for (const term of searchTermsOf(input.search ?? '')) {
      where.push(
        '(search_text LIKE ? OR client_id IN (SELECT id FROM clients WHERE search_text LIKE ?' +
          ' UNION ALL SELECT id FROM archived_clients WHERE search_text LIKE ?))',
      );
      params.push(`%${term}%`, `%${term}%`, `%${term}%`);
    }
    const filters = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const filterParams = [...params];
    if (input.cursor) {
      const [cursorDate, cursorId] = input.cursor.split('|');
      where.push('(due_date, id) > (?, ?)');
      params.push(cursorDate, cursorId);
    }
    const limit = input.limit ?? 200;
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const items = this.financeWhere(
      `SELECT data FROM finance_entries ${clause} ORDER BY due_date, id LIMIT ?`,
      [...params, limit + 1],
      today,
    );
    const page = items.slice(0, limit);
    const last = page.at(-1);
    // Like the server, only the first page carries the totals of every matching row.
    const sums = input.cursor
      ? null
      : (this.db
          .prepare(`SELECT count(*) AS count, sum(amount_cents) AS amount FROM finance_entries ${filters}`)
          .get(...filterParams) as { count: number; amount: number | null });
    return {
      items: page,
      nextCursor: items.length > limit && last ? `${last.dueDate}|${last.id}` : null,
      totals: sums ? { count: sums.count, amountCents: sums.amount ?? 0 } : null,
    };
  }

  getFinanceEntry(id: string, today: string): FinanceEntryView | null {
    return this.financeWhere('SELECT data FROM finance_entries WHERE id = ?', [id], today)[0] ?? null;
  }

  /**
   * The dashboard from the replica, by the server's rules (packages/api/src/dashboard/service.ts): without a
   * range, the current local month (pending and overdue: everything still owed) and the last 6 months of
   * revenue; with `from`/`to` (either may be open), every figure covers the range and the revenue series is
   * every month it touches, clipped to it. Null when the range needs more months than the server allows (the
   * server's answer is then a field error). The replica keeps no archived rows, so none is counted.
   */
  dashboardSummary(
    now: Date,
    timezone: string,
    range: { from?: string; to?: string } = {},
  ): DashboardSummary | null {
    const today = localDateOf(now, timezone);
    const { explicit, from, to, months } = dashboardPeriodOf(today, range);
    if (months.length > MAX_SERIES_MONTHS) return null;
    const within = (date: string) => (!from || date >= from) && (!to || date <= to);
    const dateRange = (column: string) => ({
      sql: `${from ? ` AND ${column} >= ?` : ''}${to ? ` AND ${column} <= ?` : ''}`,
      params: [from, to].filter((value) => value !== null),
    });
    const scalar = (sql: string, ...params: unknown[]) =>
      (this.db.prepare(sql).get(...params) as { n: number | null }).n ?? 0;
    const byStatus = { pending: 0, confirmed: 0, done: 0, cancelled: 0 };
    const visits = dateRange('date');
    const statusRows = this.db
      .prepare(`SELECT status, count(*) AS n FROM appointments WHERE 1 = 1${visits.sql} GROUP BY status`)
      .all(...visits.params) as { status: keyof typeof byStatus; n: number }[];
    for (const row of statusRows) byStatus[row.status] = row.n;
    const lastUpcoming = addDaysToLocalDate(today, 6);
    const upcomingWhere = "status IN ('pending', 'confirmed') AND date >= ? AND date <= ?";
    const revenue = new Map(months.map((month) => [month, 0]));
    let paidCents = 0;
    const paid = this.db
      .prepare(
        "SELECT paid_at, amount_cents FROM finance_entries WHERE status = 'paid' AND paid_at IS NOT NULL",
      )
      .all() as { paid_at: string; amount_cents: number }[];
    for (const row of paid) {
      const date = localDateOf(new Date(row.paid_at), timezone);
      if (within(date)) paidCents += row.amount_cents;
      // Without a range the series is the last 6 months whole; with one, it is clipped to the range.
      if (explicit && !within(date)) continue;
      const month = localMonthOf(date);
      if (revenue.has(month)) revenue.set(month, (revenue.get(month) ?? 0) + row.amount_cents);
    }
    const due = explicit ? dateRange('due_date') : { sql: '', params: [] };
    return {
      today,
      range: { from, to },
      activeClients: scalar('SELECT count(*) AS n FROM clients WHERE active = 1'),
      appointmentsByStatus: byStatus,
      upcomingAppointments: {
        count: scalar(`SELECT count(*) AS n FROM appointments WHERE ${upcomingWhere}`, today, lastUpcoming),
        items: this.appointmentsWhere(
          `SELECT data FROM appointments WHERE ${upcomingWhere} ORDER BY date, start_time, id LIMIT 20`,
          [today, lastUpcoming],
        ),
      },
      totals: {
        pendingCents: scalar(
          `SELECT sum(amount_cents) AS n FROM finance_entries WHERE status = 'pending'${due.sql}`,
          ...due.params,
        ),
        overdueCents: scalar(
          `SELECT sum(amount_cents) AS n FROM finance_entries WHERE status = 'pending'${due.sql} AND due_date < ?`,
          ...due.params,
          today,
        ),
        paidCents,
      },
      monthlyRevenue: months.map((month) => ({ month, paidCents: revenue.get(month) ?? 0 })),
    };
  }
}
