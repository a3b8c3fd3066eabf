import { DATA_EXPORT_STATUSES } from '@picineiros/db/constants';
import { z } from '../shared/validation';

const ZCurrentPassword = z
  .string()
  .min(1, { error: 'Informe sua senha.' })
  .max(256, { error: 'Senha longa demais.' });

export const ZDeleteAccountInput = z.object({ password: ZCurrentPassword });
export type TDeleteAccountInput = z.infer<typeof ZDeleteAccountInput>;

/** The confirmation step: the organization's name typed again, and the owner's password. */
export const ZRequestOrganizationDeletionInput = z.object({
  organizationName: z
    .string()
    .trim()
    .min(1, { error: 'Digite o nome da empresa para confirmar.' })
    .max(120, { error: 'Nome da empresa longo demais (até 120 caracteres).' }),
  password: ZCurrentPassword,
});
export type TRequestOrganizationDeletionInput = z.infer<typeof ZRequestOrganizationDeletionInput>;

/** One export request as the owner sees it (Configurações › Privacidade). */
export const ZExportSummary = z.object({
  id: z.string(),
  status: z.enum(DATA_EXPORT_STATUSES),
  /** 0–100 while it is built. */
  progress: z.number().int(),
  requestedAt: z.date(),
  finishedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  downloadedAt: z.date().nullable(),
  fileSize: z.number().int().nullable(),
  /** `GET` it with the access token (owner only), once; null until it is ready. */
  downloadPath: z.string().nullable(),
});
export type TExportSummary = z.infer<typeof ZExportSummary>;

/** The organization's latest exports, newest first. */
export const ZExportStatus = z.object({ exports: ZExportSummary.array() });
export type TExportStatus = z.infer<typeof ZExportStatus>;

/** Set while an owner's deletion request waits for its grace period to end; null otherwise. */
export const ZDeletion = z.object({ requestedAt: z.date(), purgeAfter: z.date() }).nullable();
export type TDeletion = z.infer<typeof ZDeletion>;

export const ZDeletionResult = z.object({ deletion: ZDeletion });
export type TDeletionResult = z.infer<typeof ZDeletionResult>;
