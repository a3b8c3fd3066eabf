import type { FilterQuery } from '@mikro-orm/core';
import { LoginEvent, type EntityManager, type User } from '@picineiros/db';
import type { SessionClient } from '@picineiros/db/constants';
import type { Context } from '../context';
import { queueMail } from '../mail/outbox';
import { newDeviceSignInEmail } from '../mail/templates';
import { describeUserAgent, deviceKeyOf } from './device';
import type { TLoginEventView, TLoginHistory, TLoginHistoryInput } from './schema';

/** A page of rows before they become views. */
export type LoginEventPage<Item> = { items: Item[]; nextCursor: string | null };

export function viewLoginEvent(event: LoginEvent): TLoginEventView {
  const { browser, os } = describeUserAgent(event.userAgent);
  return {
    id: event.id,
    at: event.at,
    outcome: event.outcome,
    client: event.client ?? null,
    browser,
    os,
    ip: event.ip ?? null,
    userAgent: event.userAgent ?? null,
    newDevice: event.newDevice,
  };
}

/** The condition of the rows after a `nextCursor` in (at desc, id desc) order. */
export function afterCursor(cursor: string): FilterQuery<LoginEvent> {
  const [instant = '', id = ''] = cursor.split('|');
  const at = new Date(instant);
  return { $or: [{ at: { $lt: at } }, { at, id: { $lt: id } }] };
}

/** Newest first, one more than the limit read to know whether a next page exists. */
export async function pageOfLoginEvents(
  em: EntityManager,
  where: FilterQuery<LoginEvent>,
  limit: number,
): Promise<LoginEventPage<LoginEvent>> {
  const events = await em.find(LoginEvent, where, {
    orderBy: { at: 'desc', id: 'desc' },
    limit: limit + 1,
  });
  const items = events.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: events.length > limit && last ? `${last.at.toISOString()}|${last.id}` : null,
  };
}

/** auth.loginHistory: the caller's own sign-ins (successful and failed), newest first. */
export async function listLoginHistory(
  ctx: Context,
  user: User,
  input: TLoginHistoryInput,
): Promise<TLoginHistory> {
  const where: FilterQuery<LoginEvent> = input.cursor
    ? { $and: [{ user: user.id }, afterCursor(input.cursor)] }
    : { user: user.id };
  const page = await pageOfLoginEvents(ctx.em, where, input.limit);
  return { items: page.items.map(viewLoginEvent), nextCursor: page.nextCursor };
}

/** The request's part of a LoginEvent: who asked from where, with which client. */
export function attemptOf(ctx: Context, email: string, client: SessionClient) {
  const userAgent = ctx.request.userAgent?.slice(0, 512) ?? null;
  return {
    email,
    ip: ctx.request.ip,
    userAgent,
    client,
    deviceKey: deviceKeyOf(client, userAgent, ctx.request.ip),
    at: ctx.clock(),
  };
}

/**
 * Turns the attempt's event (reserved as a failure by the throttle) into a successful sign-in and, when it
 * comes from a device the user has not signed in from before, marks it and queues the notice (if the user
 * wants it) in the same flush. Never on the first sign-in, and never for a user whose earlier sign-ins
 * predate device keys: with nothing to compare against, every device would look new.
 */
export async function recordSuccessfulSignIn(
  ctx: Context,
  user: User,
  event: LoginEvent,
): Promise<LoginEvent> {
  const attempt = { ...attemptOf(ctx, event.email, event.client ?? 'web'), at: event.at };
  const [known, comparable] = await Promise.all([
    ctx.em.findOne(
      LoginEvent,
      { user: user.id, deviceKey: attempt.deviceKey, outcome: 'success' },
      { fields: ['id'] },
    ),
    ctx.em.findOne(
      LoginEvent,
      { user: user.id, deviceKey: { $ne: null }, outcome: 'success' },
      { fields: ['id'] },
    ),
  ]);
  const newDevice = !known && comparable !== null;
  event.user = user;
  event.outcome = 'success';
  event.newDevice = newDevice;
  if (newDevice && user.notifyNewDevice) {
    const { browser, os } = describeUserAgent(attempt.userAgent);
    queueMail(
      ctx.em,
      {
        kind: 'new_device_sign_in',
        to: user.email,
        content: newDeviceSignInEmail({
          name: user.name,
          at: attempt.at,
          client: attempt.client,
          browser,
          os,
          ip: attempt.ip,
          profileLink: `${ctx.settings.publicUrl.replace(/\/$/, '')}/#/profile`,
        }),
      },
      attempt.at,
    );
  }
  return event;
}
