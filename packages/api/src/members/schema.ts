import { MEMBERSHIP_ROLES } from '@picineiros/db/constants';
import { ZEmail, ZPassword, ZPersonName, ZToken } from '../accounts/schema';
import { z } from '../shared/validation';

export const ZRole = z.enum(MEMBERSHIP_ROLES, {
  error: 'Escolha um perfil: proprietário, administrador ou equipe.',
});

export const ZInviteMemberInput = z.object({ email: z.string().trim().pipe(ZEmail), role: ZRole });
export type TInviteMemberInput = z.infer<typeof ZInviteMemberInput>;

/** A new user sends a name and a password; someone who already has an account sends only the token. */
export const ZAcceptInviteInput = z.object({
  token: ZToken,
  name: ZPersonName.optional(),
  password: ZPassword.optional(),
});
export type TAcceptInviteInput = z.infer<typeof ZAcceptInviteInput>;

export const ZSetRoleInput = z.object({ membershipId: z.uuid({ error: 'Membro inválido.' }), role: ZRole });
export type TSetRoleInput = z.infer<typeof ZSetRoleInput>;

export const ZRemoveMemberInput = z.object({ membershipId: z.uuid({ error: 'Membro inválido.' }) });
