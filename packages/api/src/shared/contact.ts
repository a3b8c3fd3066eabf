// CPF/CNPJ and phone as clients and the organization store them (normalized, no mask) and as the UI and the
// PDFs show them: one view and one way of writing them for both rows. Client-safe: no ORM.
import { documentTypeOf, maskDocument, maskPhone } from './brazil';
import { z } from './validation';

/** The document and phone columns of a row (clients, organizations). */
export type ContactColumns = {
  document?: string | null;
  phone?: string | null;
};

export const ZContactView = z.object({
  /** Normalized: digits (and, for new CNPJs, upper-case letters). */
  document: z.string().nullable(),
  documentType: z.enum(['cpf', 'cnpj']).nullable(),
  /** '123.456.789-09' or '12.345.678/0001-95' */
  documentMasked: z.string().nullable(),
  /** Digits with area code. */
  phone: z.string().nullable(),
  /** '(11) 98765-4321' */
  phoneMasked: z.string().nullable(),
});
export type ContactView = z.infer<typeof ZContactView>;

export function viewContact(row: ContactColumns): ContactView {
  const document = row.document ?? null;
  return {
    document,
    documentType: document ? documentTypeOf(document) : null,
    documentMasked: document ? maskDocument(document) : null,
    phone: row.phone ?? null,
    phoneMasked: row.phone ? maskPhone(row.phone) : null,
  };
}

/** Writes what a form sent (already normalized by the schema): `undefined` leaves a field, `null` clears it. */
export function applyContact(
  row: ContactColumns,
  input: { document?: string | null | undefined; phone?: string | null | undefined },
): void {
  if (input.document !== undefined) row.document = input.document;
  if (input.phone !== undefined) row.phone = input.phone;
}
