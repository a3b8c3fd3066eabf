import { APPOINTMENT_STATUSES, type AppointmentStatus } from '@picineiros/db/constants';
import { dateRangeRule, UUID_PATTERN, ZCents, ZId, ZLocalDate, ZLocalTime, ZNotes } from '../shared/scalars';
import { z } from '../shared/validation';

export const ZAppointmentStatus = z.enum(APPOINTMENT_STATUSES, {
  error: 'Situação inválida (pendente, confirmado, concluído ou cancelado).',
});

/**
 * Allowed moves (docs/architecture.md): pending → confirmed → done, and pending → done in one step (the visit
 * happened without being confirmed first: "Concluir" on a pending visit); cancelled from pending or
 * confirmed; a cancelled visit reopens as pending. Done is final: it may already be billed. The UI offers
 * exactly these moves.
 */
export const APPOINTMENT_NEXT_STATUSES: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  pending: ['confirmed', 'done', 'cancelled'],
  confirmed: ['done', 'cancelled'],
  done: [],
  cancelled: ['pending'],
};

const ZDuration = z
  .int({ error: 'Informe a duração em minutos.' })
  .min(5, { error: 'A duração mínima é de 5 minutos.' })
  .max(1440, { error: 'A duração máxima é de 24 horas.' });

export const ZAppointmentFields = z.object({
  clientId: ZId('Cliente'),
  poolId: ZId('Piscina').nullish(),
  date: ZLocalDate,
  startTime: ZLocalTime,
  durationMinutes: ZDuration.default(60),
  assigneeId: ZId('Responsável').nullish(),
  notes: ZNotes.nullish(),
  priceCents: ZCents.nullish(),
});

export const ZCreateAppointmentInput = ZAppointmentFields;
export type TCreateAppointmentInput = z.infer<typeof ZCreateAppointmentInput>;

/** Only the fields given change; `null` clears an optional field. `version` guards against stale edits. */
export const ZUpdateAppointmentInput = z.object({
  id: ZId('Atendimento'),
  version: z.int().positive().optional(),
  clientId: ZId('Cliente').optional(),
  poolId: ZId('Piscina').nullish(),
  date: ZLocalDate.optional(),
  startTime: ZLocalTime.optional(),
  durationMinutes: ZDuration.optional(),
  assigneeId: ZId('Responsável').nullish(),
  notes: ZNotes.nullish(),
  priceCents: ZCents.nullish(),
});
export type TUpdateAppointmentInput = z.infer<typeof ZUpdateAppointmentInput>;

export const ZAppointmentIdInput = z.object({ id: ZId('Atendimento') });

export const CANCEL_REASON_MAX = 500;

/** Why a visit is cancelled (optional); blank means none. */
export const ZCancelReason = z
  .string()
  .trim()
  .max(CANCEL_REASON_MAX, { error: `Motivo longo demais (até ${CANCEL_REASON_MAX} caracteres).` });

/**
 * `reason` goes only with `status: 'cancelled'` (it is stored on the visit); reopening a cancelled visit is
 * `status: 'pending'`, which clears it.
 */
export const ZSetAppointmentStatusInput = z
  .object({ id: ZId('Atendimento'), status: ZAppointmentStatus, reason: ZCancelReason.nullish() })
  .refine((input) => !input.reason || input.status === 'cancelled', {
    error: 'O motivo só se aplica ao cancelamento.',
    path: ['reason'],
  });
export type TSetAppointmentStatusInput = z.infer<typeof ZSetAppointmentStatusInput>;

/**
 * A time slot to check before scheduling or moving a visit: the visits of the same client, or of the same
 * assignee, that overlap it (see overlaps.ts). `excludeId` is the visit being edited.
 */
export const ZAppointmentOverlapsInput = z.object({
  clientId: ZId('Cliente'),
  assigneeId: ZId('Responsável').nullish(),
  date: ZLocalDate,
  startTime: ZLocalTime,
  durationMinutes: ZDuration.default(60),
  excludeId: ZId('Atendimento').optional(),
});
export type TAppointmentOverlapsInput = z.output<typeof ZAppointmentOverlapsInput>;

export const APPOINTMENT_PAGE_MAX = 500;

export const ZListAppointmentsInput = z
  .object({
    from: ZLocalDate.optional(),
    to: ZLocalDate.optional(),
    status: z.array(ZAppointmentStatus).max(4).optional(),
    clientId: ZId('Cliente').optional(),
    assigneeId: ZId('Responsável').optional(),
    /**
     * Only visits that can be billed now: done, with a price, of a client not archived, and billed by no
     * finance entry yet (an archived entry counts: restore it rather than bill the visit twice).
     */
    billable: z.boolean().optional(),
    includeArchived: z.boolean().default(false),
    limit: z
      .int()
      .min(1)
      .max(APPOINTMENT_PAGE_MAX, { error: `No máximo ${APPOINTMENT_PAGE_MAX} por página.` })
      .default(200),
    /** `nextCursor` of the previous page. */
    cursor: z
      .string()
      .regex(new RegExp(`^\\d{4}-\\d{2}-\\d{2}\\|\\d{2}:\\d{2}\\|${UUID_PATTERN}$`), {
        error: 'Cursor inválido.',
      })
      .optional(),
  })
  .refine(dateRangeRule.check, { error: dateRangeRule.message, path: ['to'] });
export type TListAppointmentsInput = z.output<typeof ZListAppointmentsInput>;

// ---------------------------------------------------------------------------------------------------------
// Outputs (built from a row by toAppointmentView in view.ts).

export const ZAppointmentView = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  poolId: z.string().nullable(),
  date: z.string(),
  startTime: z.string(),
  durationMinutes: z.number().int(),
  assigneeId: z.string().nullable(),
  status: z.enum(APPOINTMENT_STATUSES),
  notes: z.string().nullable(),
  priceCents: z.number().int().nullable(),
  /** Why it was cancelled, when the user said so; null otherwise (and after reopening). */
  cancelReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
  deletedAt: z.date().nullable(),
});
export type AppointmentView = z.output<typeof ZAppointmentView>;

export const ZAppointmentPage = z.object({
  items: z.array(ZAppointmentView),
  /** `cursor` of the next page; null on the last one. */
  nextCursor: z.string().nullable(),
});
export type AppointmentPage = z.output<typeof ZAppointmentPage>;

/** The colliding visits, each with why it collides (see overlaps.ts). */
export const ZAppointmentOverlaps = z.object({
  items: z.array(ZAppointmentView.extend({ sameClient: z.boolean(), sameAssignee: z.boolean() })),
});
export type AppointmentOverlaps = z.output<typeof ZAppointmentOverlaps>;
