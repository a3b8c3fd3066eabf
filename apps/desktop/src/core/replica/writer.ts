// The replica's write path: one set of prepared statements applying synced rows to the tables of schema.ts.
import type Database from 'better-sqlite3';
import { COLUMNS, TABLES, type ColumnSpec, type EntityType } from './schema';

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
    private readonly spec: ColumnSpec,
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

export type WriteStatements = {
  tables: Record<EntityType, TableWriter>;
  setCursor: Database.Statement;
  keepArchivedClient: Database.Statement;
  forgetArchivedClient: Database.Statement;
  markBilled: Database.Statement;
};

export function prepareWriteStatements(db: Database.Database): WriteStatements {
  const tables = {} as WriteStatements['tables'];
  for (const [type, table] of Object.entries(TABLES) as [EntityType, string][]) {
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
