import { APPOINTMENT_STATUSES } from '@picineiros/db/constants';
import { dateRangeRule, UUID_PATTERN, ZCents, ZId, ZLocalDate, ZLocalTime, ZNotes } from '../shared/scalars';
import { z } from '../shared/validation';

export const ZAppointmentStatus = z.enum(APPOINTMENT_STATUSES, {
  error: 'Situação inválida (pendente, confirmado, concluído ou cancelado).',
});

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
export type TAppointmentIdInput = z.infer<typeof ZAppointmentIdInput>;

export const ZSetAppointmentStatusInput = z.object({ id: ZId('Atendimento'), status: ZAppointmentStatus });
export type TSetAppointmentStatusInput = z.infer<typeof ZSetAppointmentStatusInput>;

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
