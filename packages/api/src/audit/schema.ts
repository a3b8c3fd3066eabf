// The audit log: zod schemas of the `audit` router, shared with the UI's filters.
import { AUDIT_ACTIONS } from '@picineiros/db/constants';
import { ZLoginEventView } from '../accounts/schema';
import { dateRangeRule, ZCursorPage, ZInstantIdCursor, ZLocalDate } from '../shared/scalars';
import { z } from '../shared/validation';

/**
 * The entity types the audit log records (notifications are synced, not audited); `organization`: the
 * company's details and settings (Configurações).
 */
export const AUDITED_ENTITY_TYPES = [
  'client',
  'pool',
  'appointment',
  'financeEntry',
  'organization',
] as const;
export type AuditedEntityType = (typeof AUDITED_ENTITY_TYPES)[number];

export const AUDIT_PAGE_SIZE_MAX = 100;

export const ZAuditAction = z.enum(AUDIT_ACTIONS);

export const ZListAuditInput = z
  .object({
    entityType: z
      .enum(AUDITED_ENTITY_TYPES, { error: 'Escolha cliente, piscina, atendimento, lançamento ou empresa.' })
      .optional(),
    entityId: z.uuid({ error: 'Registro inválido.' }).optional(),
    membershipId: z.uuid({ error: 'Membro inválido.' }).optional(),
    /** Local dates in the organization's time zone, both inclusive. */
    from: ZLocalDate.optional(),
    to: ZLocalDate.optional(),
    /** The `nextCursor` of the previous page. */
    cursor: z
      .string()
      .max(100)
      .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z\|[0-9a-f-]{36}$/, { error: 'Cursor inválido.' })
      .refine((cursor) => !Number.isNaN(Date.parse(cursor.split('|')[0] ?? '')), {
        error: 'Cursor inválido.',
      })
      .optional(),
    limit: z
      .int({ error: 'Informe um número inteiro.' })
      .min(1, { error: 'Peça pelo menos 1 registro.' })
      .max(AUDIT_PAGE_SIZE_MAX, { error: `Peça até ${AUDIT_PAGE_SIZE_MAX} registros por página.` })
      .default(50),
  })
  .refine(dateRangeRule.check, { error: dateRangeRule.message, path: ['to'] });
export type TListAuditInput = z.infer<typeof ZListAuditInput>;

export const ZListLoginsInput = z
  .object({
    membershipId: z.uuid({ error: 'Membro inválido.' }).optional(),
    /** Local dates in the organization's time zone, both inclusive. */
    from: ZLocalDate.optional(),
    to: ZLocalDate.optional(),
    /** The `nextCursor` of the previous page. */
    cursor: ZInstantIdCursor.optional(),
    limit: z
      .int({ error: 'Informe um número inteiro.' })
      .min(1, { error: 'Peça pelo menos 1 registro.' })
      .max(AUDIT_PAGE_SIZE_MAX, { error: `Peça até ${AUDIT_PAGE_SIZE_MAX} registros por página.` })
      .default(50),
  })
  .refine(dateRangeRule.check, { error: dateRangeRule.message, path: ['to'] });
export type TListLoginsInput = z.infer<typeof ZListLoginsInput>;

// ---- Outputs ----------------------------------------------------------------------------------------

/** One audited field: its value before and after (JSON-safe: dates as ISO strings, relations as ids). */
const ZAuditFieldChange = z.object({ before: z.unknown(), after: z.unknown() });

export const ZAuditEntryView = z.object({
  id: z.string(),
  at: z.date(),
  action: ZAuditAction,
  entityType: z.string(),
  entityId: z.string(),
  /** null for system changes (the demo seed, jobs). */
  actor: z
    .object({ membershipId: z.string().nullable(), userId: z.string().nullable(), name: z.string() })
    .nullable(),
  changes: z.record(z.string(), ZAuditFieldChange),
});
export type TAuditEntryView = z.infer<typeof ZAuditEntryView>;

export const ZAuditPage = ZCursorPage(ZAuditEntryView);
export type TAuditPage = z.infer<typeof ZAuditPage>;

/** A member's sign-in, as admins see it in audit.logins. */
export const ZMemberLoginView = ZLoginEventView.extend({
  member: z.object({ membershipId: z.string(), name: z.string(), email: z.string() }),
});
export type TMemberLoginView = z.infer<typeof ZMemberLoginView>;

export const ZMemberLoginPage = ZCursorPage(ZMemberLoginView);
export type TMemberLoginPage = z.infer<typeof ZMemberLoginPage>;
