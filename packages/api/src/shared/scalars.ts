import { z } from './validation';

// Scalars shared by the schedule and finance schemas (and the UI's forms).

/** The text of a lowercase UUID, for cursor patterns. */
export const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export const ZId = (label: string) => z.uuid({ error: `${label} inválido.` });

/** A local date 'YYYY-MM-DD' (a real calendar date) in the organization's time zone. */
export const ZLocalDate = z.iso
  .date({ error: 'Informe uma data válida (AAAA-MM-DD).' })
  .refine((date) => date >= '2000-01-01' && date <= '2100-12-31', {
    error: 'Informe uma data entre 2000 e 2100.',
  });

/**
 * An instant, strictly: a Date (superjson sends one) or an ISO 8601 date-time with its offset
 * ('2026-03-10T12:00:00Z', '2026-03-10T09:00:00-03:00') naming a real calendar date. Never a number, an
 * array or a bare date, and never rolled over ('2026-02-30' is refused, not read as 2 March): what
 * z.coerce.date() accepted. Between 2000 and 2100.
 */
export function ZInstant(message: string) {
  return z
    .union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))], {
      error: message,
    })
    .refine(
      (instant) =>
        !Number.isNaN(instant.getTime()) &&
        instant >= new Date('2000-01-01T00:00:00Z') &&
        instant < new Date('2101-01-01T00:00:00Z'),
      { error: message },
    );
}

/** A local time 'HH:mm' (24 h). */
export const ZLocalTime = z
  .string({ error: 'Informe um horário válido (HH:mm).' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Informe um horário válido (HH:mm).' });

/** Up to R$ 10.000.000,00, so sums stay exact and inside a 32-bit column per row. */
export const MAX_CENTS = 1_000_000_000;

export const ZCents = z
  .int({ error: 'Informe o valor em centavos (número inteiro).' })
  .min(0, { error: 'O valor não pode ser negativo.' })
  .max(MAX_CENTS, { error: 'Valor alto demais (até R$ 10.000.000,00).' });

export const ZNotes = z
  .string()
  .trim()
  .max(2000, { error: 'Observações longas demais (até 2000 caracteres).' });

/** For `.refine` on objects with an optional inclusive range of local dates. */
export const dateRangeRule = {
  check: (range: { from?: string | undefined; to?: string | undefined }) =>
    !range.from || !range.to || range.from <= range.to,
  message: 'A data final deve ser igual ou posterior à inicial.',
};

/** A keyset cursor '<ISO instant>|<uuid>' of lists ordered newest first by (at, id). */
export const ZInstantIdCursor = z
  .string()
  .max(100)
  .regex(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\|${UUID_PATTERN}$`), { error: 'Cursor inválido.' })
  .refine((cursor) => !Number.isNaN(Date.parse(cursor.split('|')[0] ?? '')), { error: 'Cursor inválido.' });

/** A page of a keyset-paged list, newest first: pass `nextCursor` back for the next page (null: no more). */
export function ZCursorPage<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
