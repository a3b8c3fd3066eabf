import { TZDate } from '@date-fns/tz';
import { Appointment, Membership, TENANT_FILTER, type AppointmentStatus } from '@picineiros/db';
import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { APPOINTMENT_STATUS_LABELS, POOL_TYPE_LABELS } from '../shared/labels';
import type { Context } from '../context';
import { addDaysToLocalDate, localDateOf } from '../shared/local-time';
import type { OrgContext } from '../shared/org-context';
import type { TCalendarFeed } from './schema';
import { calendarToken, membershipIdOfToken, newCalendarSalt, tokenMatches } from './secret';

/** What the settings page shows: the member's secret address, or null before one is created. */
// The feed shows the last 30 days (so a visit does not vanish from the phone the moment it passes) and the
// next year, at most this many visits.
const PAST_DAYS = 30;
const FUTURE_DAYS = 366;
const MAX_EVENTS = 5000;

// Pending visits are tentative, cancelled ones stay in the feed as CANCELLED so that subscribed calendars
// strike them out instead of keeping a stale copy.
const ICAL_STATUS: Record<AppointmentStatus, ICalEventStatus> = {
  pending: ICalEventStatus.TENTATIVE,
  confirmed: ICalEventStatus.CONFIRMED,
  done: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
};

function feedUrlOf(ctx: Context, membership: Membership): string | null {
  if (!membership.calendarFeedSalt) return null;
  const base = ctx.settings.publicUrl.replace(/\/$/, '');
  return `${base}/calendar/${calendarToken(ctx.settings.appSecret, membership.id, membership.calendarFeedSalt)}.ics`;
}

export function describeCalendarFeed(ctx: OrgContext): TCalendarFeed {
  return { url: feedUrlOf(ctx, ctx.membership) };
}

/** Creates the member's feed, or replaces its address: the previous URL stops working at once. */
export async function rotateCalendarSecret(ctx: OrgContext): Promise<TCalendarFeed> {
  ctx.membership.calendarFeedSalt = newCalendarSalt();
  await ctx.em.flush();
  return describeCalendarFeed(ctx);
}

/** Turns the feed off: no address works until a new one is created. */
export async function disableCalendarFeed(ctx: OrgContext): Promise<TCalendarFeed> {
  ctx.membership.calendarFeedSalt = null;
  await ctx.em.flush();
  return { url: null };
}

/**
 * The iCalendar file (RFC 5545) for a feed token, or null when the token is unknown, rotated, disabled or
 * its membership was removed: the caller answers 404 alike, so a guess learns nothing.
 */
export async function renderCalendarFeed(ctx: Context, token: string): Promise<string | null> {
  const membershipId = membershipIdOfToken(token);
  if (!membershipId) return null;
  const membership = await ctx.em.findOne(
    Membership,
    { id: membershipId },
    { populate: ['organization', 'user'] },
  );
  const salt = membership?.calendarFeedSalt;
  if (!membership || !salt || !tokenMatches(ctx.settings.appSecret, token, membershipId, salt)) return null;

  const organization = membership.organization;
  const timezone = organization.timezone;
  // The same scoping as an org-scoped procedure: everything below reads this organization only.
  ctx.em.setFilterParams(TENANT_FILTER, { organizationId: organization.id });
  const today = localDateOf(ctx.clock(), timezone);
  const appointments = await ctx.em.find(
    Appointment,
    {
      date: { $gte: addDaysToLocalDate(today, -PAST_DAYS), $lte: addDaysToLocalDate(today, FUTURE_DAYS) },
      deletedAt: null,
    },
    {
      populate: ['client', 'pool', 'assignee.user'],
      orderBy: { date: 'asc', startTime: 'asc', id: 'asc' },
      limit: MAX_EVENTS,
    },
  );

  const calendar = new ICalCalendar({
    name: `Picineiros · ${organization.name}`,
    description: `Atendimentos de ${organization.name}`,
    prodId: { company: 'Picineiros', product: 'Agenda', language: 'PT-BR' },
    // Google Calendar and Outlook poll at their own pace; this asks for at least hourly.
    ttl: 60 * 60,
    // No calendar-wide zone (ical-generator would then write DTSTAMP without its UTC 'Z'); each event
    // carries TZID and the generator adds the matching VTIMEZONE block.
    timezone: { name: null, generator: (zone) => tzlib_get_ical_block(zone)[0] ?? null },
  });
  calendar.x('X-WR-TIMEZONE', timezone);
  for (const appointment of appointments) {
    const client = appointment.client;
    const [year, month, day] = appointment.date.split('-').map(Number);
    const [hour, minute] = appointment.startTime.split(':').map(Number);
    const start = new TZDate(year ?? 1970, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, timezone);
    const end = new TZDate(start.getTime() + appointment.durationMinutes * 60_000, timezone);
    const pool = appointment.pool;
    const poolName = pool ? (pool.label ?? POOL_TYPE_LABELS[pool.type]) : null;
    const street = [client.street, client.streetNumber].filter(Boolean).join(', ');
    const address = [
      street,
      client.complement,
      client.district,
      [client.city, client.uf].filter(Boolean).join('/'),
    ]
      .filter(Boolean)
      .join(' - ');
    calendar.createEvent({
      // Stable per visit, so an edit updates the event instead of adding one; SEQUENCE follows the row version.
      id: `${appointment.id}@picineiros`,
      sequence: appointment.version,
      start,
      end,
      timezone,
      stamp: appointment.updatedAt,
      lastModified: appointment.updatedAt,
      summary: `${appointment.status === 'cancelled' ? 'Cancelado: ' : ''}${client.name}${poolName ? ` · ${poolName}` : ''}`,
      location: address || null,
      status: ICAL_STATUS[appointment.status],
      description: [
        `Cliente: ${client.name}`,
        poolName ? `Piscina: ${poolName}` : null,
        `Situação: ${APPOINTMENT_STATUS_LABELS[appointment.status]}`,
        `Responsável: ${appointment.assignee?.user.name ?? 'Todos'}`,
        client.phone ? `Telefone: ${client.phone}` : null,
        appointment.notes ? `Observações: ${appointment.notes}` : null,
      ]
        .filter(Boolean)
        .join('\n'),
    });
  }
  return calendar.toString();
}
