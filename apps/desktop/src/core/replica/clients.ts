// clients.list and clients.get from the replica: its own SQL over the synced rows, the server's view and
// paging (packages/api/src/clients/view, shared/paging), so both answer alike.
import {
  clientListDirection,
  toClientView,
  numberedPage,
  pageWindow,
  searchTermsOf,
  type ClientPage,
  type ClientView,
  type TListClientsInput,
  type SyncRowsByType,
} from '@picineiros/api/client';
import type Database from 'better-sqlite3';
import { readStoredRow } from './stored-rows';

function poolsOf(db: Database.Database, clientIds: readonly string[]): Map<string, SyncRowsByType['pool'][]> {
  const byClient = new Map<string, SyncRowsByType['pool'][]>();
  if (clientIds.length === 0) return byClient;
  const rows = db
    .prepare('SELECT client_id, data FROM pools WHERE client_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(clientIds)) as { client_id: string; data: string }[];
  for (const row of rows) {
    const list = byClient.get(row.client_id) ?? [];
    list.push(readStoredRow('pool', row.data));
    byClient.set(row.client_id, list);
  }
  return byClient;
}

export function listClients(db: Database.Database, input: TListClientsInput): ClientPage {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.active !== undefined) {
    where.push('active = ?');
    params.push(input.active ? 1 : 0);
  }
  if (input.poolType) {
    where.push('id IN (SELECT client_id FROM pools WHERE type = ?)');
    params.push(input.poolType);
  }
  // The same folded terms as the server, over the same folded column the sync carries.
  for (const term of searchTermsOf(input.search ?? '')) {
    where.push('search_text LIKE ?');
    params.push(`%${term}%`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const direction = clientListDirection(input) === 'asc' ? 'ASC' : 'DESC';
  const column = input.sort === 'name' ? 'name_key' : 'created_at';
  const total = (db.prepare(`SELECT count(*) AS n FROM clients ${clause}`).get(...params) as { n: number }).n;
  const { limit, offset } = pageWindow(input.page, input.pageSize);
  const rows = db
    .prepare(
      `SELECT data FROM clients ${clause} ORDER BY ${column} ${direction}, id ${direction} LIMIT ? OFFSET ?`,
    )
    .all(...params, limit, offset) as { data: string }[];
  const clients = rows.map((row) => readStoredRow('client', row.data));
  const pools = poolsOf(
    db,
    clients.map((client) => client.id),
  );
  const items = clients.map((client) => toClientView(client, pools.get(client.id) ?? []));
  return numberedPage(items, total, input.page, input.pageSize);
}

/** Null when the replica does not hold it (archived, or of another organization). */
export function getClient(db: Database.Database, id: string): ClientView | null {
  const row = db.prepare('SELECT data FROM clients WHERE id = ?').get(id) as { data: string } | undefined;
  if (!row) return null;
  return toClientView(readStoredRow('client', row.data), poolsOf(db, [id]).get(id) ?? []);
}
