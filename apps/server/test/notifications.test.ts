import { runDailyJob, dailyJobs } from '@picineiros/api/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createClock,
  errorOf,
  seed,
  seedClient,
  signUpOwner,
  startTestServer,
  type TestServer,
} from './harness';
import { membershipIdOf } from './schedule-fixtures';

const clock = createClock(new Date('2026-06-10T12:00:00Z'));
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(async () => {
  await server.close();
});

describe(`in-app notifications`, () => {
  it(`list unread first, count, mark one and all read, per member`, async () => {
    const owner = await signUpOwner(server);
    const staff = await addMember(server, owner.orgId, 'staff');
    const author = await addMember(server, owner.orgId, 'staff');
    const { id: clientId } = await seed(server, (em) =>
      seedClient(em, owner.orgId, { name: 'Marcos Paiva' }),
    );
    for (const date of ['2026-06-15', '2026-06-16', '2026-06-17']) {
      clock.advance(1000);
      await author.client.appointments.create.mutate({
        clientId,
        date,
        startTime: '09:00',
        durationMinutes: 60,
      });
    }
    expect(await owner.client.notifications.unreadCount.query()).toEqual({ unread: 3 });
    // Whoever scheduled them is not told about their own visits: listed, but already read.
    expect(await author.client.notifications.unreadCount.query()).toEqual({ unread: 0 });
    const authorList = await author.client.notifications.list.query({ page: 1, pageSize: 10 });
    expect(authorList).toMatchObject({ total: 3, unread: 0 });
    expect(authorList.items.map((item) => item.read)).toEqual([true, true, true]);
    expect(await author.client.notifications.markAllRead.mutate()).toEqual({ marked: 0 });
    const page = await owner.client.notifications.list.query({ page: 1, pageSize: 2 });
    expect(page).toMatchObject({ total: 3, unread: 3, page: 1, pageSize: 2 });
    expect(page.items.map((item) => item.type)).toEqual(['appointment_created', 'appointment_created']);
    expect(page.items[0]?.body).toContain('17/06/2026');

    const oldest = (await owner.client.notifications.list.query({ page: 2, pageSize: 2 })).items[0];
    if (!oldest) throw new Error('expected a notification on page 2');
    await owner.client.notifications.markRead.mutate({ id: oldest.id });
    await owner.client.notifications.markRead.mutate({ id: oldest.id }); // twice is fine
    const afterOne = await owner.client.notifications.list.query({ page: 1, pageSize: 10 });
    expect(afterOne.unread).toBe(2);
    expect(afterOne.items.map((item) => item.read)).toEqual([false, false, true]);
    expect(afterOne.items[2]?.id).toBe(oldest.id);

    // Read state is per member: staff still has all three unread.
    expect(await staff.client.notifications.unreadCount.query()).toEqual({ unread: 3 });
    expect(await owner.client.notifications.markAllRead.mutate()).toEqual({ marked: 2 });
    expect(await owner.client.notifications.unreadCount.query()).toEqual({ unread: 0 });
    expect(await staff.client.notifications.unreadCount.query()).toEqual({ unread: 3 });
  });

  it(`show a reminder addressed to the assignee only to them`, async () => {
    const owner = await signUpOwner(server);
    const assignee = await addMember(server, owner.orgId, 'staff');
    const other = await addMember(server, owner.orgId, 'staff');
    const { id: clientId } = await seed(server, (em) =>
      seedClient(em, owner.orgId, { name: 'Nádia Torres' }),
    );
    await owner.client.appointments.create.mutate({
      clientId,
      date: '2026-07-02',
      startTime: '10:00',
      durationMinutes: 60,
      assigneeId: await membershipIdOf(server, assignee.userId, owner.orgId),
    });
    const reminders = dailyJobs['appointment-reminders'];
    if (!reminders) throw new Error('no reminders job');
    await runDailyJob(server.database, reminders, new Date(), { localDate: '2026-07-01' });
    const typesFor = async (member: typeof owner) =>
      (await member.client.notifications.list.query()).items.map((item) => item.type).sort();
    expect(await typesFor(assignee)).toEqual(['appointment_created', 'appointment_reminder']);
    expect(await typesFor(other)).toEqual(['appointment_created']);
    const reminder = (await assignee.client.notifications.list.query()).items.find(
      (item) => item.type === 'appointment_reminder',
    );
    const refused = await errorOf(other.client.notifications.markRead.mutate({ id: reminder?.id ?? '' }));
    expect(refused.data?.code).toBe('NOT_FOUND');
  });

  it(`tell the others, not the author, about an invitation; a job's reminder reaches the visit's author`, async () => {
    const owner = await signUpOwner(server);
    const admin = await addMember(server, owner.orgId, 'admin');
    await owner.client.members.invite.mutate({ email: 'convidada@example.com', role: 'staff' });
    expect(await owner.client.notifications.unreadCount.query()).toEqual({ unread: 0 });
    expect(await admin.client.notifications.unreadCount.query()).toEqual({ unread: 1 });
    const [invited] = (await owner.client.notifications.list.query()).items;
    expect(invited).toMatchObject({ type: 'member_invited', read: true });

    // The reminder comes from the daily job, not from anyone's action: the author gets it unread.
    const { id: clientId } = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Paula Prado' }));
    await owner.client.appointments.create.mutate({
      clientId,
      date: '2026-09-02',
      startTime: '10:00',
      durationMinutes: 60,
    });
    const reminders = dailyJobs['appointment-reminders'];
    if (!reminders) throw new Error('no reminders job');
    await runDailyJob(server.database, reminders, new Date(), { localDate: '2026-09-01' });
    const unread = (await owner.client.notifications.list.query()).items.filter((item) => !item.read);
    expect(unread.map((item) => item.type)).toEqual(['appointment_reminder']);
    expect(await admin.client.notifications.unreadCount.query()).toEqual({ unread: 3 });
  });

  it(`never show or mark another organization's notifications`, async () => {
    const owner = await signUpOwner(server);
    const stranger = await signUpOwner(server);
    const { id: clientId } = await seed(server, (em) => seedClient(em, owner.orgId, { name: 'Otávio Reis' }));
    await owner.client.appointments.create.mutate({
      clientId,
      date: '2026-08-01',
      startTime: '08:00',
      durationMinutes: 30,
    });
    const [mine] = (await owner.client.notifications.list.query()).items;
    expect((await stranger.client.notifications.list.query()).total).toBe(0);
    expect(
      (await errorOf(stranger.client.notifications.markRead.mutate({ id: mine?.id ?? '' }))).data?.code,
    ).toBe('NOT_FOUND');
  });
});

describe(`notification settings`, () => {
  it(`are read by members and changed by admins, field by field`, async () => {
    const owner = await signUpOwner(server);
    const staff = await addMember(server, owner.orgId, 'staff');
    expect(await staff.client.settings.notifications.query()).toEqual({
      appointmentReminderHour: 6,
      financeNoticeHour: 7,
      emailAppointmentReminders: true,
      emailDueNotices: true,
      emailOverdueNotices: true,
      timezone: 'America/Sao_Paulo',
    });
    expect(
      (await errorOf(staff.client.settings.updateNotifications.mutate({ appointmentReminderHour: 8 }))).data
        ?.code,
    ).toBe('FORBIDDEN');
    const invalid = await errorOf(
      owner.client.settings.updateNotifications.mutate({
        appointmentReminderHour: 24,
        financeNoticeHour: -1,
      }),
    );
    expect(invalid.data?.fieldErrors).toEqual({
      appointmentReminderHour: 'Informe uma hora entre 0 e 23.',
      financeNoticeHour: 'Informe uma hora entre 0 e 23.',
    });
    const updated = await owner.client.settings.updateNotifications.mutate({
      appointmentReminderHour: 18,
      emailOverdueNotices: false,
    });
    expect(updated).toMatchObject({
      appointmentReminderHour: 18,
      financeNoticeHour: 7,
      emailOverdueNotices: false,
    });
  });
});
