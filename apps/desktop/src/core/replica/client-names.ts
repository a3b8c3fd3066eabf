import type Database from 'better-sqlite3';

/**
 * The names of the clients that visits and entries name, archived clients included (the replica keeps
 * their names: their entries still show them). The server reads the same name by the client's id.
 */
export function clientNamesOf(db: Database.Database, ids: readonly string[]): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT id, json_extract(data, '$.name') AS name FROM clients WHERE id IN (SELECT value FROM json_each(@ids))
       UNION ALL SELECT id, name FROM archived_clients WHERE id IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ ids: JSON.stringify([...new Set(ids)]) }) as { id: string; name: string }[];
  return new Map(rows.map((row) => [row.id, row.name]));
}
