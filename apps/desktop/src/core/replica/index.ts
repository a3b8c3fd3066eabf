import {
  ZAppointmentOverlapsInput,
  ZListAppointmentsInput,
  ZListClientsInput,
  ZDashboardSummaryInput,
  ZListFinanceEntriesInput,
  type AppointmentOverlaps,
  type AppointmentPage,
  type AppointmentView,
  type ClientPage,
  type ClientView,
  type DashboardSummary,
  type FinanceEntryPage,
  type FinanceEntryView,
  type z,
  type SyncChange,
} from '@picineiros/api/client';
import Database from 'better-sqlite3';
import { getAppointment, listAppointmentOverlaps, listAppointments } from './appointments';
import { getClient, listClients } from './clients';
import { dashboardSummary } from './dashboard';
import { getFinanceEntry, listFinanceEntries } from './finance';
import { COLUMNS, SCHEMA, SCHEMA_VERSION, SYNCED_TABLES, TABLES } from './schema';
import { nullableText, text, type StoredRow } from './stored-rows';
import { prepareWriteStatements, type WriteStatements } from './writer';

export { DOMAINS_OF } from './schema';

/**
 * The desktop's local copy of one organization's clients, pools, appointments, finance entries and
 * notifications, filled only by `applyChanges` (the sync feed). Reads take the procedures' inputs, read with
 * the procedures' own schemas (their defaults are the lists' defaults; invalid input throws), and return the
 * server's views, built by the server's own mappers (see clients.ts, appointments.ts, finance.ts,
 * dashboard.ts), so the renderer cannot tell a local answer from a server one.
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

  // Reads, in the server's shapes; null: not held here (archived, or of another organization).

  listClients(input: z.input<typeof ZListClientsInput>): ClientPage {
    return listClients(this.db, ZListClientsInput.parse(input));
  }

  getClient(id: string): ClientView | null {
    return getClient(this.db, id);
  }

  listAppointments(input: z.input<typeof ZListAppointmentsInput>): AppointmentPage {
    return listAppointments(this.db, ZListAppointmentsInput.parse(input));
  }

  getAppointment(id: string): AppointmentView | null {
    return getAppointment(this.db, id);
  }

  listAppointmentOverlaps(input: z.input<typeof ZAppointmentOverlapsInput>): AppointmentOverlaps {
    return listAppointmentOverlaps(this.db, ZAppointmentOverlapsInput.parse(input));
  }

  /** `today`: the organization's local date, which decides `overdue`. */
  listFinanceEntries(input: z.input<typeof ZListFinanceEntriesInput>, today: string): FinanceEntryPage {
    return listFinanceEntries(this.db, ZListFinanceEntriesInput.parse(input), today);
  }

  getFinanceEntry(id: string, today: string): FinanceEntryView | null {
    return getFinanceEntry(this.db, id, today);
  }

  /** Null when the range needs more months than the server allows (its answer is then a field error). */
  dashboardSummary(
    today: string,
    timezone: string,
    range: z.input<typeof ZDashboardSummaryInput>,
  ): DashboardSummary | null {
    return dashboardSummary(this.db, today, timezone, ZDashboardSummaryInput.parse(range));
  }
}
