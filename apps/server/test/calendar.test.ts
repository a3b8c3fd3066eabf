import { Client } from '@picineiros/db';
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createClock,
  errorOf,
  seed,
  seedClient,
  signUpOwner,
  startTestServer,
  type SignedIn,
  type TestServer,
} from './harness';
import { membershipIdOf } from './schedule-fixtures';

let server: TestServer;
// 2026-03-10 12:00 UTC is 09:00 in São Paulo.
const clock = createClock(new Date('2026-03-10T12:00:00Z'));
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(async () => {
  await server.close();
});

type Feed = { status: number; contentType: string | null; text: string };

/** Fetches a feed URL as a calendar app would: no session, no cookie, the URL alone. */
async function fetchFeed(url: string): Promise<Feed> {
  const path = new URL(url).pathname;
  const response = await fetch(`${server.url}${path}`);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text: await response.text(),
  };
}

function eventsOf(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter(
    (component): component is VEvent => component?.type === 'VEVENT',
  );
}

async function feedUrlOf(member: SignedIn): Promise<string> {
  const { url } = await member.client.calendar.rotateSecret.mutate();
  if (!url) throw new Error('no feed URL');
  return url;
}

/** An organization with a client (with an address and a named pool) and visits around "today". */
async function seedVisits(owner: SignedIn, name: string) {
  const { id: clientId, pools } = await seed(server, (em) => seedClient(em, owner.orgId, { name }));
  const em = server.database.fork();
  const client = await em.findOneOrFail(Client, { id: clientId }, { filters: false });
  Object.assign(client, {
    street: 'Rua das Flores',
    streetNumber: '120',
    district: 'Centro',
    city: 'Campinas',
    uf: 'SP',
  });
  await em.flush();
  const create = (date: string, startTime: string, notes?: string) =>
    owner.client.appointments.create.mutate({
      clientId,
      poolId: pools[0]?.id ?? null,
      date,
      startTime,
      durationMinutes: 90,
      notes,
    });
  const upcoming = await create('2026-03-12', '09:30', 'Levar cloro; "extra"');
  const cancelled = await create('2026-03-13', '14:00');
  await owner.client.appointments.setStatus.mutate({ id: cancelled.id, status: 'cancelled' });
  const old = await create('2025-12-01', '08:00');
  return { clientId, upcoming, cancelled, old };
}

describe('calendar feed', () => {
  it('serves the organization’s visits as RFC 5545 that a real parser reads: zone, UID, status, address', async () => {
    const owner = await signUpOwner(server, { organizationName: 'Piscinas Feed' });
    expect(await owner.client.calendar.feedUrl.query()).toEqual({ url: null });
    const { upcoming, cancelled, old } = await seedVisits(owner, 'Condomínio Água Viva');
    const url = await feedUrlOf(owner);
    expect(url).toMatch(/^http:\/\/localhost:\d+\/calendar\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}\.ics$/);
    // The same address is shown again later (it is derived, not stored).
    expect(await owner.client.calendar.feedUrl.query()).toEqual({ url });

    const feed = await fetchFeed(url);
    expect(feed.status).toBe(200);
    expect(feed.contentType).toBe('text/calendar; charset=utf-8');
    expect(feed.text).toContain('BEGIN:VTIMEZONE\r\nTZID:America/Sao_Paulo');
    expect(feed.text).toContain('DTSTART;TZID=America/Sao_Paulo:20260312T093000');
    expect(feed.text).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);

    const events = eventsOf(feed.text);
    // Last month's-and-later window: the December visit is out.
    expect(events.map((event) => event.uid).sort()).toEqual(
      [`${cancelled.id}@picineiros`, `${upcoming.id}@picineiros`].sort(),
    );
    expect(events.some((event) => event.uid.startsWith(old.id))).toBe(false);
    const visit = events.find((event) => event.uid === `${upcoming.id}@picineiros`);
    expect(visit?.start.toISOString()).toBe('2026-03-12T12:30:00.000Z');
    expect(visit?.end?.toISOString()).toBe('2026-03-12T14:00:00.000Z');
    expect(visit?.start.tz).toBe('America/Sao_Paulo');
    expect(visit?.status).toBe('TENTATIVE');
    expect(visit?.summary).toBe('Condomínio Água Viva · Fibra');
    expect(visit?.location).toBe('Rua das Flores, 120 - Centro - Campinas/SP');
    expect(visit?.description).toContain('Observações: Levar cloro; "extra"');
    const cancelledEvent = events.find((event) => event.uid === `${cancelled.id}@picineiros`);
    expect(cancelledEvent?.status).toBe('CANCELLED');

    // An edit keeps the UID and raises SEQUENCE, so subscribed calendars update the event in place.
    await owner.client.appointments.setStatus.mutate({ id: upcoming.id, status: 'confirmed' });
    const updated = eventsOf((await fetchFeed(url)).text).find(
      (event) => event.uid === `${upcoming.id}@picineiros`,
    );
    expect(updated?.status).toBe('CONFIRMED');
    expect(Number(updated?.sequence)).toBeGreaterThan(Number(visit?.sequence));
  });

  it('a rotated secret stops working at once; a disabled feed and a removed member get 404 too', async () => {
    const owner = await signUpOwner(server);
    await seedVisits(owner, 'Cliente Rotação');
    const first = await feedUrlOf(owner);
    expect((await fetchFeed(first)).status).toBe(200);
    const second = await feedUrlOf(owner);
    expect(second).not.toBe(first);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);

    await owner.client.calendar.disable.mutate();
    expect((await fetchFeed(second)).status).toBe(404);
    expect(await owner.client.calendar.feedUrl.query()).toEqual({ url: null });

    const staff = await addMember(server, owner.orgId, 'staff');
    const staffUrl = await feedUrlOf(staff);
    expect(eventsOf((await fetchFeed(staffUrl)).text)).toHaveLength(2);
    const membershipId = await membershipIdOf(server, staff.userId, owner.orgId);
    await owner.client.members.remove.mutate({ membershipId });
    expect((await fetchFeed(staffUrl)).status).toBe(404);
    expect((await errorOf(staff.client.calendar.feedUrl.query())).data?.code).toBe('NOT_FOUND');
  });

  it('isolates organizations: each feed has its own visits only, and a forged secret is a 404', async () => {
    const alpha = await signUpOwner(server, { organizationName: 'Alfa Piscinas' });
    const beta = await signUpOwner(server, { organizationName: 'Beta Piscinas' });
    const alphaVisits = await seedVisits(alpha, 'Cliente Alfa');
    const betaVisits = await seedVisits(beta, 'Cliente Beta');
    const alphaUrl = await feedUrlOf(alpha);
    const betaUrl = await feedUrlOf(beta);

    const alphaText = (await fetchFeed(alphaUrl)).text;
    expect(alphaText).not.toContain('Cliente Beta');
    expect(eventsOf(alphaText).map((event) => event.uid)).toContain(`${alphaVisits.upcoming.id}@picineiros`);
    const betaEvents = eventsOf((await fetchFeed(betaUrl)).text);
    expect(betaEvents.map((event) => event.uid).sort()).toEqual(
      [`${betaVisits.upcoming.id}@picineiros`, `${betaVisits.cancelled.id}@picineiros`].sort(),
    );

    // Alpha's membership id with Beta's mac, a flipped character, garbage: all the same 404.
    const alphaToken = new URL(alphaUrl).pathname.replace('/calendar/', '').replace('.ics', '');
    const betaToken = new URL(betaUrl).pathname.replace('/calendar/', '').replace('.ics', '');
    const [alphaMembership] = alphaToken.split('.');
    const [, betaMac] = betaToken.split('.');
    const flipped = alphaToken.slice(0, -1) + (alphaToken.endsWith('A') ? 'B' : 'A');
    for (const token of [`${alphaMembership}.${betaMac}`, flipped, 'nada', `${alphaMembership}.`]) {
      const response = await fetch(`${server.url}/calendar/${token}.ics`);
      expect(response.status).toBe(404);
    }
  });
});
