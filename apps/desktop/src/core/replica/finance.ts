// finance.list and finance.get from the replica: its own SQL over the synced rows, the server's view and
// cursor (packages/api/src/finance/view), so both answer alike. `today` is the organization's local date.
import {
  financeCursorOf,
  parseFinanceCursor,
  toFinanceEntryView,
  keysetPage,
  searchTermsOf,
  type FinanceEntryPage,
  type FinanceEntryView,
  type TListFinanceEntriesInput,
} from '@picineiros/api/client';
import type Database from 'better-sqlite3';
import { clientNamesOf } from './client-names';
import { readStoredRow } from './stored-rows';

function readEntries(
  db: Database.Database,
  sql: string,
  params: unknown[],
  today: string,
): FinanceEntryView[] {
  const rows = (db.prepare(sql).all(...params) as { data: string }[]).map((row) =>
    readStoredRow('financeEntry', row.data),
  );
  const names = clientNamesOf(
    db,
    rows.map((row) => row.clientId),
  );
  return rows.map((row) =>
    toFinanceEntryView(
      row,
      { clientId: row.clientId, clientName: names.get(row.clientId) ?? '', appointmentId: row.appointmentId },
      today,
    ),
  );
}

export function listFinanceEntries(
  db: Database.Database,
  input: TListFinanceEntriesInput,
  today: string,
): FinanceEntryPage {
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
    const cursor = parseFinanceCursor(input.cursor);
    where.push('(due_date, id) > (?, ?)');
    params.push(cursor.dueDate, cursor.id);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = readEntries(
    db,
    `SELECT data FROM finance_entries ${clause} ORDER BY due_date, id LIMIT ?`,
    [...params, input.limit + 1],
    today,
  );
  // Like the server, only the first page carries the totals of every matching row.
  const sums = input.cursor
    ? null
    : (db
        .prepare(`SELECT count(*) AS count, sum(amount_cents) AS amount FROM finance_entries ${filters}`)
        .get(...filterParams) as { count: number; amount: number | null });
  return {
    ...keysetPage(rows, input.limit, financeCursorOf),
    totals: sums ? { count: sums.count, amountCents: sums.amount ?? 0 } : null,
  };
}

/** Null when the replica does not hold it (archived, or of another organization). */
export function getFinanceEntry(db: Database.Database, id: string, today: string): FinanceEntryView | null {
  return readEntries(db, 'SELECT data FROM finance_entries WHERE id = ?', [id], today)[0] ?? null;
}
