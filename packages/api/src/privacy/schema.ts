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

export const ZTransferOwnershipInput = z.object({ membershipId: z.uuid({ error: 'Membro inválido.' }) });
export type TTransferOwnershipInput = z.infer<typeof ZTransferOwnershipInput>;
