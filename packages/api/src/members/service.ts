import { AccountToken, Membership, User, type MembershipRole } from '@picineiros/db';
import { TRPCError } from '@trpc/server';
import { consumeAccountToken, issueAccountToken, voidAccountTokens } from '../accounts/account-tokens';
import { linkTo, mailRequestLimits } from '../accounts/email-flows';
import { hashPassword } from '../accounts/password';
import { assertOrganizationWritable, assertWithinLimit } from '../billing/limits';
import type { Context } from '../context';
import { queueMail } from '../mail/outbox';
import { inviteEmail } from '../mail/templates';
import { recordNotification } from '../notifications/record';
import { fieldError } from '../shared/field-error';
import { MEMBERSHIP_ROLE_LABELS } from '../shared/labels';
import { messages } from '../shared/messages';
import type { OrgContext } from '../shared/org-context';
import { consumeRateLimit } from '../shared/rate-limit';
import type {
  TAcceptInviteInput,
  TInviteMemberInput,
  TMemberList,
  TSetRoleInput,
  TTransferOwnershipInput,
} from './schema';

/** A role inside a sentence ("com o perfil administrador"): the screens' label, in lower case. */
function roleInText(role: MembershipRole): string {
  return MEMBERSHIP_ROLE_LABELS[role].toLowerCase();
}

export async function listMembers(ctx: OrgContext): Promise<TMemberList> {
  const [memberships, invites] = await Promise.all([
    ctx.em.find(
      Membership,
      { organization: ctx.organization },
      { populate: ['user'], orderBy: { createdAt: 'asc', id: 'asc' } },
    ),
    ctx.em.find(
      AccountToken,
      { organization: ctx.organization, purpose: 'invite', usedAt: null, expiresAt: { $gt: ctx.clock() } },
      { orderBy: { createdAt: 'asc' } },
    ),
  ]);
  return {
    members: memberships.map((membership) => ({
      membershipId: membership.id,
      userId: membership.user.id,
      name: membership.user.name,
      email: membership.user.email,
      role: membership.role,
      isMe: membership.id === ctx.membership.id,
    })),
    pendingInvites: invites.map((invite) => ({
      email: invite.email,
      role: invite.role ?? 'staff',
      expiresAt: invite.expiresAt,
    })),
  };
}

function assertMayManageRole(ctx: OrgContext, role: MembershipRole): void {
  if (role === 'owner' && ctx.membership.role !== 'owner') {
    throw new TRPCError({ code: 'FORBIDDEN', message: messages.onlyOwnerManagesOwners });
  }
}

export async function inviteMember(ctx: OrgContext, input: TInviteMemberInput): Promise<{ ok: true }> {
  assertMayManageRole(ctx, input.role);
  const existing = await ctx.em.findOne(Membership, {
    organization: ctx.organization,
    user: { email: input.email },
  });
  if (existing) throw fieldError('email', messages.alreadyMember);
  await assertWithinLimit(ctx, ctx.organization, 'members');
  await consumeRateLimit(ctx.em, mailRequestLimits(ctx, input.email), ctx.clock());
  // A new invitation to the same address replaces the pending one.
  await voidAccountTokens(
    ctx.em,
    'invite',
    { email: input.email, organization: ctx.organization.id },
    ctx.clock(),
  );
  const token = issueAccountToken(
    ctx.em,
    'invite',
    { email: input.email, organization: ctx.organization, role: input.role, invitedBy: ctx.user },
    ctx.clock(),
  );
  recordNotification(ctx.em, {
    organization: ctx.organization,
    type: 'member_invited',
    entityType: 'membership',
    entityId: ctx.membership.id,
    title: 'Convite enviado',
    body: `${ctx.user.name} convidou ${input.email} para a equipe (${roleInText(input.role)}).`,
    actor: ctx.membership,
  });
  queueMail(
    ctx.em,
    {
      kind: 'invite',
      to: input.email,
      organizationId: ctx.organization.id,
      content: inviteEmail({
        organizationName: ctx.organization.name,
        invitedByName: ctx.user.name,
        roleLabel: roleInText(input.role),
        link: linkTo(ctx, '/convite', token),
      }),
    },
    ctx.clock(),
  );
  await ctx.em.flush();
  return { ok: true };
}

/** Joins the organization of an invitation, creating the account when the address has none. */
export async function acceptInvite(
  ctx: Context,
  input: TAcceptInviteInput,
): Promise<{ organizationId: string; email: string; createdAccount: boolean }> {
  const now = ctx.clock();
  const invite = await consumeAccountToken(ctx.em, 'invite', input.token, now);
  const organization = invite.organization;
  if (!organization) throw new TRPCError({ code: 'BAD_REQUEST', message: messages.invalidLink });
  let user = await ctx.em.findOne(User, { email: invite.email });
  const createdAccount = !user;
  if (!user) {
    if (!input.name || !input.password) throw fieldError('name', messages.inviteNeedsAccount);
    // Following the invitation link proves the address.
    user = ctx.em.create(User, {
      email: invite.email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      emailVerifiedAt: now,
    });
  }
  const already = await ctx.em.findOne(Membership, { organization, user });
  if (!already) {
    // Not an org-scoped call, so the read-only guard of trpc.ts does not see it: the same rules here.
    await assertOrganizationWritable(ctx, organization);
    await assertWithinLimit(ctx, organization, 'members');
    const membership = ctx.em.create(Membership, { user, organization, role: invite.role ?? 'staff' });
    recordNotification(ctx.em, {
      organization,
      type: 'member_joined',
      entityType: 'membership',
      entityId: membership.id,
      title: 'Novo membro na equipe',
      body: `${user.name} entrou na equipe (${roleInText(membership.role)}).`,
      actor: membership,
    });
  }
  await ctx.em.flush();
  return { organizationId: organization.id, email: user.email, createdAccount };
}

async function findMembership(ctx: OrgContext, membershipId: string): Promise<Membership> {
  const membership = await ctx.em.findOne(
    Membership,
    { id: membershipId, organization: ctx.organization },
    { populate: ['user'] },
  );
  if (!membership) throw new TRPCError({ code: 'NOT_FOUND', message: messages.memberNotFound });
  return membership;
}

/** The last owner can be neither demoted nor removed: an organization always has one. */
async function assertNotLastOwner(ctx: OrgContext, membership: Membership): Promise<void> {
  if (membership.role !== 'owner') return;
  const owners = await ctx.em.count(Membership, { organization: ctx.organization, role: 'owner' });
  if (owners <= 1) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: messages.lastOwner });
}

export async function setMemberRole(ctx: OrgContext, input: TSetRoleInput) {
  const membership = await findMembership(ctx, input.membershipId);
  assertMayManageRole(ctx, input.role);
  assertMayManageRole(ctx, membership.role);
  if (input.role !== 'owner') await assertNotLastOwner(ctx, membership);
  membership.role = input.role;
  await ctx.em.flush();
  return { membershipId: membership.id, role: membership.role };
}

export async function removeMember(ctx: OrgContext, membershipId: string): Promise<{ ok: true }> {
  const membership = await findMembership(ctx, membershipId);
  assertMayManageRole(ctx, membership.role);
  await assertNotLastOwner(ctx, membership);
  ctx.em.remove(membership);
  await ctx.em.flush();
  return { ok: true };
}

/**
 * The caller (an owner) hands the organization to another member, who becomes an owner while the caller
 * becomes an administrator: how the last owner leaves, or deletes their account, without orphaning it.
 */
export async function transferOwnership(ctx: OrgContext, input: TTransferOwnershipInput) {
  const membership = await findMembership(ctx, input.membershipId);
  if (membership.id === ctx.membership.id) throw fieldError('membershipId', messages.transferToSelf);
  membership.role = 'owner';
  ctx.membership.role = 'admin';
  await ctx.em.flush();
  return { membershipId: membership.id, role: membership.role, myRole: ctx.membership.role };
}
