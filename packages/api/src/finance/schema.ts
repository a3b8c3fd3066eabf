import { FINANCE_STATUSES, PAYMENT_METHODS } from '@picineiros/db/constants';
import { dateRangeRule, UUID_PATTERN, ZCents, ZId, ZInstant, ZLocalDate } from '../shared/scalars';
import { z } from '../shared/validation';

export const ZFinanceStatus = z.enum(FINANCE_STATUSES, { error: 'Situação inválida (pendente ou pago).' });

export const ZPaymentMethod = z.enum(PAYMENT_METHODS, {
  error: 'Forma de pagamento inválida (PIX, dinheiro, transferência, boleto ou cartão).',
});

const ZDescription = z
  .string({ error: 'Informe a descrição.' })
  .trim()
  .min(2, { error: 'Informe a descrição.' })
  .max(200, { error: 'Descrição longa demais (até 200 caracteres).' });

const ZAmount = ZCents.min(1, { error: 'O valor deve ser maior que zero.' });

export const ZCreateFinanceEntryInput = z.object({
  clientId: ZId('Cliente'),
  description: ZDescription,
  amountCents: ZAmount,
  dueDate: ZLocalDate,
});
export type TCreateFinanceEntryInput = z.infer<typeof ZCreateFinanceEntryInput>;

/** Only the fields given change. `version` guards against stale edits. */
export const ZUpdateFinanceEntryInput = z.object({
  id: ZId('Lançamento'),
  version: z.int().positive().optional(),
  clientId: ZId('Cliente').optional(),
  description: ZDescription.optional(),
  amountCents: ZAmount.optional(),
  dueDate: ZLocalDate.optional(),
});
export type TUpdateFinanceEntryInput = z.infer<typeof ZUpdateFinanceEntryInput>;

export const ZFinanceEntryIdInput = z.object({ id: ZId('Lançamento') });

export const ZMarkPaidInput = z.object({
  id: ZId('Lançamento'),
  /** The version the caller saw: a payment recorded meanwhile by someone else is a CONFLICT. */
  version: z.int().positive().optional(),
  /** Defaults to now. */
  paidAt: ZInstant('Informe uma data de pagamento válida.').optional(),
  method: ZPaymentMethod,
});
export type TMarkPaidInput = z.infer<typeof ZMarkPaidInput>;

export const ZCreateFromAppointmentInput = z.object({
  appointmentId: ZId('Atendimento'),
  /** Defaults to today in the organization's time zone. */
  dueDate: ZLocalDate.optional(),
});
export type TCreateFromAppointmentInput = z.infer<typeof ZCreateFromAppointmentInput>;

export const FINANCE_PAGE_MAX = 500;

export const ZListFinanceEntriesInput = z
  .object({
    status: ZFinanceStatus.optional(),
    /** Only pending entries due before today (organization's time zone). */
    overdue: z.boolean().optional(),
    clientId: ZId('Cliente').optional(),
    /** Due date range, inclusive. */
    from: ZLocalDate.optional(),
    to: ZLocalDate.optional(),
    /** Words that must all appear in the description or the client's name (case and accents ignored). */
    search: z.string().trim().max(100, { error: 'Busca longa demais (até 100 caracteres).' }).optional(),
    includeArchived: z.boolean().default(false),
    limit: z
      .int()
      .min(1)
      .max(FINANCE_PAGE_MAX, { error: `No máximo ${FINANCE_PAGE_MAX} por página.` })
      .default(200),
    /** `nextCursor` of the previous page. */
    cursor: z
      .string()
      .regex(new RegExp(`^\\d{4}-\\d{2}-\\d{2}\\|${UUID_PATTERN}$`), { error: 'Cursor inválido.' })
      .optional(),
  })
  .refine(dateRangeRule.check, { error: dateRangeRule.message, path: ['to'] });
export type TListFinanceEntriesInput = z.output<typeof ZListFinanceEntriesInput>;

// ---------------------------------------------------------------------------------------------------------
// Outputs (built from a row by toFinanceEntryView in view.ts).

export const ZFinanceEntryView = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  appointmentId: z.string().nullable(),
  description: z.string(),
  amountCents: z.number().int(),
  dueDate: z.string(),
  status: z.enum(FINANCE_STATUSES),
  /** Pending and due before today in the organization's time zone. */
  overdue: z.boolean(),
  paidAt: z.date().nullable(),
  paymentMethod: z.enum(PAYMENT_METHODS).nullable(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
  deletedAt: z.date().nullable(),
});
export type FinanceEntryView = z.output<typeof ZFinanceEntryView>;

/** How many entries match a list's filters in all (every page, not only this one) and their sum. */
export const ZFinanceTotals = z.object({ count: z.number().int(), amountCents: z.number().int() });
export type FinanceTotals = z.output<typeof ZFinanceTotals>;

export const ZFinanceEntryPage = z.object({
  items: z.array(ZFinanceEntryView),
  /** `cursor` of the next page; null on the last one. */
  nextCursor: z.string().nullable(),
  /** Only on the first page (no `cursor`): a walk through later pages does not pay for them again. */
  totals: ZFinanceTotals.nullable(),
});
export type FinanceEntryPage = z.output<typeof ZFinanceEntryPage>;
