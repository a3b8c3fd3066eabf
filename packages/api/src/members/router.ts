import { countedWrite } from '../billing/limits';
import { orgProcedure, publicProcedure, roleProcedure, router } from '../trpc';
import {
  ZAcceptInviteInput,
  ZInviteMemberInput,
  ZMemberList,
  ZRemoveMemberInput,
  ZSetRoleInput,
  ZTransferOwnershipInput,
} from './schema';
import {
  acceptInvite,
  inviteMember,
  listMembers,
  removeMember,
  setMemberRole,
  transferOwnership,
} from './service';

export const membersRouter = router({
  list: orgProcedure.output(ZMemberList).query(({ ctx }) => listMembers(ctx)),
  invite: roleProcedure('admin')
    .input(ZInviteMemberInput)
    .mutation(({ ctx, input }) => countedWrite(ctx, () => inviteMember(ctx, input))),
  acceptInvite: publicProcedure
    .input(ZAcceptInviteInput)
    .mutation(({ ctx, input }) => countedWrite(ctx, () => acceptInvite(ctx, input))),
  setRole: roleProcedure('admin')
    .input(ZSetRoleInput)
    .mutation(({ ctx, input }) => setMemberRole(ctx, input)),
  remove: roleProcedure('admin')
    .input(ZRemoveMemberInput)
    .mutation(({ ctx, input }) => removeMember(ctx, input.membershipId)),
  transferOwnership: roleProcedure('owner')
    .input(ZTransferOwnershipInput)
    .mutation(({ ctx, input }) => transferOwnership(ctx, input)),
});
