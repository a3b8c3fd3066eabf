// appointments.list, .get and .overlaps from the replica: its own SQL over the synced rows, the server's
// view, cursor and overlap rule (packages/api/src/appointments/{view,overlaps}), so both answer alike.
// Archived visits are not here at all (tombstones delete rows).
import {
  findOverlaps,
  overlapCandidateDates,
  appointmentCursorOf,
  parseAppointmentCursor,
  toAppointmentView,
  keysetPage,
  type AppointmentOverlaps,
  type AppointmentPage,
  type AppointmentView,
  type TAppointmentOverlapsInput,
  type TListAppointmentsInput,
} from '@picineiros/api/client';
import type Database from 'better-sqlite3';
import { clientNamesOf } from './client-names';
import { readStoredRow } from './stored-rows';

/** The views of the visits a `SELECT data FROM appointments …` finds, in its order. */
export function readAppointments(db: Database.Database, sql: string, params: unknown[]): AppointmentView[] {
  const rows = (db.prepare(sql).all(...params) as { data: string }[]).map((row) =>
    readStoredRow('appointment', row.data),
  );
  const names = clientNamesOf(
    db,
    rows.map((row) => row.clientId),
  );
  return rows.map((row) =>
    toAppointmentView(row, {
      clientId: row.clientId,
      clientName: names.get(row.clientId) ?? '',
      poolId: row.poolId,
      assigneeId: row.assigneeId,
    }),
  );
}

export function listAppointments(db: Database.Database, input: TListAppointmentsInput): AppointmentPage {
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
    where.push('status IN (SELECT value FROM json_each(?))');
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
    const cursor = parseAppointmentCursor(input.cursor);
    where.push('(date, start_time, id) > (?, ?, ?)');
    params.push(cursor.date, cursor.startTime, cursor.id);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = readAppointments(
    db,
    `SELECT data FROM appointments ${clause} ORDER BY date, start_time, id LIMIT ?`,
    [...params, input.limit + 1],
  );
  return keysetPage(rows, input.limit, appointmentCursorOf);
}

/** Null when the replica does not hold it (archived, or of another organization). */
export function getAppointment(db: Database.Database, id: string): AppointmentView | null {
  return readAppointments(db, 'SELECT data FROM appointments WHERE id = ?', [id])[0] ?? null;
}

/** The same candidate dates and the same pure rule as the server's `appointments.overlaps`. */
export function listAppointmentOverlaps(
  db: Database.Database,
  input: TAppointmentOverlapsInput,
): AppointmentOverlaps {
  const { from, to } = overlapCandidateDates(input.date);
  const candidates = readAppointments(
    db,
    `SELECT data FROM appointments
      WHERE date >= ? AND date <= ? AND status <> 'cancelled' AND (client_id = ? OR assignee_id = ?)
      ORDER BY date, start_time, id`,
    [from, to, input.clientId, input.assigneeId ?? null],
  );
  return { items: findOverlaps(input, candidates) };
}
