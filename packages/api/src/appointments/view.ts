// A visit row → its view, and the list's cursor: the one mapping the server's service, the desktop replica
// and the reports use. Client-safe: no ORM.
import type { AppointmentStatus } from '@picineiros/db/constants';
import type { AppointmentView } from './schema';

/** What a visit's view reads of its own columns, under the entity's property names. */
export type AppointmentRow = {
  id: string;
  date: string;
  startTime: string;
  durationMinutes: number;
  status: AppointmentStatus;
  notes?: string | null;
  priceCents?: number | null;
  cancelReason?: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt?: Date | null;
};

/** What it reads of its references: ids (an entity holds references, a plain row ids) and the client's name. */
export type AppointmentReferences = {
  clientId: string;
  clientName: string;
  poolId: string | null;
  assigneeId: string | null;
};

export function toAppointmentView(row: AppointmentRow, references: AppointmentReferences): AppointmentView {
  return {
    id: row.id,
    clientId: references.clientId,
    clientName: references.clientName,
    poolId: references.poolId,
    date: row.date,
    startTime: row.startTime,
    durationMinutes: row.durationMinutes,
    assigneeId: references.assigneeId,
    status: row.status,
    notes: row.notes ?? null,
    priceCents: row.priceCents ?? null,
    cancelReason: row.cancelReason ?? null,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt ?? null,
  };
}

/** Lists are ordered by (date, startTime, id); the cursor is that key of a page's last visit. */
export function appointmentCursorOf(view: Pick<AppointmentView, 'date' | 'startTime' | 'id'>): string {
  return `${view.date}|${view.startTime}|${view.id}`;
}

/** The key of a cursor that ZListAppointmentsInput accepted. */
export function parseAppointmentCursor(cursor: string): { date: string; startTime: string; id: string } {
  const [date = '', startTime = '', id = ''] = cursor.split('|');
  return { date, startTime, id };
}
