import { Notification, NotificationRead } from '@picineiros/db';
import type { FilterQuery } from '@mikro-orm/core';
import { TRPCError } from '@trpc/server';
import { messages } from '../shared/messages';
import type { OrgContext } from '../shared/org-context';
import type { TListNotificationsInput, TNotificationPage, TNotificationView, TUnreadCount } from './schema';

/** What a member sees: the organization's notifications for everyone, plus those addressed to them. */
function visibleTo(ctx: OrgContext): FilterQuery<Notification> {
  return { $or: [{ membership: null }, { membership: ctx.membership.id }], deletedAt: null };
}

function unreadBy(ctx: OrgContext): FilterQuery<Notification> {
  return { $and: [visibleTo(ctx), { reads: { $none: { membership: ctx.membership.id } } }] };
}

function readBy(ctx: OrgContext): FilterQuery<Notification> {
  return { $and: [visibleTo(ctx), { reads: { $some: { membership: ctx.membership.id } } }] };
}

function view(notification: Notification, read: boolean): TNotificationView {
  return {
    id: notification.id,
    type: notification.type,
    title: notification.title,
    body: notification.body,
    entityType: notification.entityType,
    entityId: notification.entityId,
    createdAt: notification.createdAt,
    read,
  };
}

/** Unread first (newest first within each group), one page at a time. */
export async function listNotifications(
  ctx: OrgContext,
  input: TListNotificationsInput,
): Promise<TNotificationPage> {
  const offset = (input.page - 1) * input.pageSize;
  const orderBy = { createdAt: 'desc', id: 'desc' } as const;
  const [unread, unreadTotal] = await ctx.em.findAndCount(Notification, unreadBy(ctx), {
    orderBy,
    offset,
    limit: input.pageSize,
  });
  const readOffset = Math.max(0, offset - unreadTotal);
  const readLimit = input.pageSize - unread.length;
  const [read, readTotal] = await ctx.em.findAndCount(Notification, readBy(ctx), {
    orderBy,
    offset: readOffset,
    limit: Math.max(readLimit, 1),
  });
  return {
    items: [
      ...unread.map((item) => view(item, false)),
      ...(readLimit > 0 ? read : []).map((item) => view(item, true)),
    ],
    total: unreadTotal + readTotal,
    unread: unreadTotal,
    page: input.page,
    pageSize: input.pageSize,
  };
}

export async function countUnread(ctx: OrgContext): Promise<TUnreadCount> {
  return { unread: await ctx.em.count(Notification, unreadBy(ctx)) };
}

export async function markRead(ctx: OrgContext, id: string): Promise<{ ok: true }> {
  const notification = await ctx.em.findOne(Notification, { $and: [visibleTo(ctx), { id }] });
  if (!notification) throw new TRPCError({ code: 'NOT_FOUND', message: messages.notificationNotFound });
  const already = await ctx.em.count(NotificationRead, { notification, membership: ctx.membership });
  if (!already) {
    ctx.em.create(NotificationRead, { notification, membership: ctx.membership, readAt: ctx.clock() });
    await ctx.em.flush();
  }
  return { ok: true };
}

export async function markAllRead(ctx: OrgContext): Promise<{ marked: number }> {
  const unread = await ctx.em.find(Notification, unreadBy(ctx), { fields: ['id'] });
  for (const { id } of unread) {
    ctx.em.create(NotificationRead, {
      notification: ctx.em.getReference(Notification, id),
      membership: ctx.membership,
      readAt: ctx.clock(),
    });
  }
  await ctx.em.flush();
  return { marked: unread.length };
}
