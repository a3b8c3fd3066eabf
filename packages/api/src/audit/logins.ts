import type { FilterQuery } from '@mikro-orm/core';
import { Membership, type LoginEvent } from '@picineiros/db';
import { TRPCError } from '@trpc/server';
import { afterCursor, pageOfLoginEvents, viewLoginEvent } from '../accounts/login-history';
import { addDaysToLocalDate, startOfLocalDate } from '../shared/local-time';
import { messages } from '../shared/messages';
import type { OrgContext } from '../shared/org-context';
import type { TListLoginsInput, TMemberLoginPage } from './schema';

/**
 * audit.logins: sign-ins of the organization's current members, newest first. A sign-in belongs to an
 * account, not to an organization, so each member's sign-ins are shown only from the moment they joined:
 * an admin learns nothing of a member's life before (or in other organizations before) joining this one.
 * Memberships are not tenant-filtered, hence the explicit organization condition; a membership of another
 * organization is NOT_FOUND.
 */
export async function listMemberLogins(ctx: OrgContext, input: TListLoginsInput): Promise<TMemberLoginPage> {
  const members = await ctx.em.find(
    Membership,
    {
      organization: ctx.organization.id,
      ...(input.membershipId ? { id: input.membershipId } : {}),
    },
    { populate: ['user'] },
  );
  if (input.membershipId && members.length === 0) {
    throw new TRPCError({ code: 'NOT_FOUND', message: messages.memberNotFound });
  }
  const memberByUser = new Map(members.map((member) => [member.user.id, member]));
  const timezone = ctx.organization.timezone;
  const conditions: FilterQuery<LoginEvent>[] = [
    members.length === 1 && members[0]
      ? { user: members[0].user.id, at: { $gte: members[0].createdAt } }
      : { $or: members.map((member) => ({ user: member.user.id, at: { $gte: member.createdAt } })) },
  ];
  if (input.from) conditions.push({ at: { $gte: startOfLocalDate(input.from, timezone) } });
  if (input.to) {
    conditions.push({ at: { $lt: startOfLocalDate(addDaysToLocalDate(input.to, 1), timezone) } });
  }
  if (input.cursor) conditions.push(afterCursor(input.cursor));
  const page = await pageOfLoginEvents(ctx.em, { $and: conditions }, input.limit);
  return {
    items: page.items.flatMap((event) => {
      const member = event.user ? memberByUser.get(event.user.id) : undefined;
      if (!member) return [];
      return [
        {
          ...viewLoginEvent(event),
          member: { membershipId: member.id, name: member.user.name, email: member.user.email },
        },
      ];
    }),
    nextCursor: page.nextCursor,
  };
}
