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

/** Hands the organization to another member, who becomes its owner (the caller becomes an admin). */
export const ZTransferOwnershipInput = z.object({ membershipId: z.uuid({ error: 'Membro inválido.' }) });
export type TTransferOwnershipInput = z.infer<typeof ZTransferOwnershipInput>;

// ---- Outputs ----------------------------------------------------------------------------------------

export const ZMemberView = z.object({
  membershipId: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: ZRole,
  /** The caller's own membership. */
  isMe: z.boolean(),
});
export type TMemberView = z.infer<typeof ZMemberView>;

/** members.list: the team, oldest first, and the invitations still waiting for an answer. */
export const ZMemberList = z.object({
  members: z.array(ZMemberView),
  pendingInvites: z.array(z.object({ email: z.string(), role: ZRole, expiresAt: z.date() })),
});
export type TMemberList = z.infer<typeof ZMemberList>;
