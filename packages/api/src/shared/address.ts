// A postal address as clients and the organization store it (the same column names on both rows), its
// view for the UI and a one-line form for PDFs and e-mails. Client-safe: no ORM.
import { maskCep, UFS, type Uf } from './brazil';
import { z } from './validation';

/** The address columns of a row (clients, organizations). */
export type AddressColumns = {
  cep?: string | null;
  street?: string | null;
  streetNumber?: string | null;
  complement?: string | null;
  district?: string | null;
  city?: string | null;
  uf?: string | null;
};

/** The same columns, by name: for lists of the columns a view reads or an audit records. */
export const ADDRESS_COLUMNS = [
  'cep',
  'street',
  'streetNumber',
  'complement',
  'district',
  'city',
  'uf',
] as const satisfies readonly (keyof AddressColumns)[];

export const ZAddressView = z.object({
  cep: z.string().nullable(),
  /** '01310-100' */
  cepMasked: z.string().nullable(),
  street: z.string().nullable(),
  number: z.string().nullable(),
  complement: z.string().nullable(),
  district: z.string().nullable(),
  city: z.string().nullable(),
  uf: z.enum(UFS).nullable(),
});
export type AddressView = z.infer<typeof ZAddressView>;

/** An address as the forms send it: `undefined` leaves a field, `null` clears it. */
export type AddressInput = {
  cep?: string | null | undefined;
  street?: string | null | undefined;
  number?: string | null | undefined;
  complement?: string | null | undefined;
  district?: string | null | undefined;
  city?: string | null | undefined;
  uf?: string | null | undefined;
};

export function viewAddress(row: AddressColumns): AddressView {
  return {
    cep: row.cep ?? null,
    cepMasked: row.cep ? maskCep(row.cep) : null,
    street: row.street ?? null,
    number: row.streetNumber ?? null,
    complement: row.complement ?? null,
    district: row.district ?? null,
    city: row.city ?? null,
    uf: (row.uf as Uf | null | undefined) ?? null,
  };
}

export function applyAddress(row: AddressColumns, address: AddressInput | undefined): void {
  if (!address) return;
  if (address.cep !== undefined) row.cep = address.cep;
  if (address.street !== undefined) row.street = address.street;
  if (address.number !== undefined) row.streetNumber = address.number;
  if (address.complement !== undefined) row.complement = address.complement;
  if (address.district !== undefined) row.district = address.district;
  if (address.city !== undefined) row.city = address.city;
  if (address.uf !== undefined) row.uf = address.uf;
}

/** 'Rua das Flores, 123, sala 4 — Centro, Campinas/SP, CEP 13010-000'; '' when nothing is set. */
export function formatAddressLine(address: AddressView): string {
  const street = [address.street, address.number, address.complement].filter(Boolean).join(', ');
  const place = [address.city, address.uf].filter(Boolean).join('/');
  const region = [address.district, place].filter(Boolean).join(', ');
  const cep = address.cepMasked ? `CEP ${address.cepMasked}` : '';
  return [street, region, cep].filter(Boolean).join(' — ');
}
