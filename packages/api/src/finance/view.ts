// A finance entry row → its view, and the list's cursor: the one mapping the server's service, the desktop
// replica and the reports use. Client-safe: no ORM.
import type { FinanceStatus, PaymentMethod } from '@picineiros/db/constants';
import type { FinanceEntryView } from './schema';

/** What an entry's view reads of its own columns, under the entity's property names. */
export type FinanceEntryRow = {
  id: string;
  description: string;
  amountCents: number;
  dueDate: string;
  status: FinanceStatus;
  paidAt?: Date | null;
  paymentMethod?: PaymentMethod | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt?: Date | null;
};

/** What it reads of its references: ids and the client's name. */
export type FinanceEntryReferences = { clientId: string; clientName: string; appointmentId: string | null };

/** `today` ('YYYY-MM-DD' in the organization's time zone) decides `overdue`. */
export function toFinanceEntryView(
  row: FinanceEntryRow,
  references: FinanceEntryReferences,
  today: string,
): FinanceEntryView {
  return {
    id: row.id,
    clientId: references.clientId,
    clientName: references.clientName,
    appointmentId: references.appointmentId,
    description: row.description,
    amountCents: row.amountCents,
    dueDate: row.dueDate,
    status: row.status,
    overdue: row.status === 'pending' && row.dueDate < today,
    paidAt: row.paidAt ?? null,
    paymentMethod: row.paymentMethod ?? null,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt ?? null,
  };
}

/** Lists are ordered by (dueDate, id); the cursor is that key of a page's last entry. */
export function financeCursorOf(view: Pick<FinanceEntryView, 'dueDate' | 'id'>): string {
  return `${view.dueDate}|${view.id}`;
}

/** The key of a cursor that ZListFinanceEntriesInput accepted. */
export function parseFinanceCursor(cursor: string): { dueDate: string; id: string } {
  const [dueDate = '', id = ''] = cursor.split('|');
  return { dueDate, id };
}
