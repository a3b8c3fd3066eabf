import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dailyJobs, runDailyJob, deliverDueMail } from '@picineiros/api/server';
import {
  JobRun,
  MailMessage,
  Notification,
  type AppointmentFields,
  type Database,
  type Organization,
} from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailSender } from '../src/mail/transport';
import {
  seed,
  seedAppointment,
  seedClient,
  seedFinanceEntry,
  seedOrganization,
  startTestServer,
  type TestServer,
} from './harness';
import { startSmtpServer } from './smtp';

const reminders = dailyJobs['appointment-reminders'];
const notices = dailyJobs['finance-notices'];
if (!reminders || !notices) throw new Error('daily jobs missing');

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await smtp.stop();
});

const allOrgs = { filters: { tenant: false } } as const;

/** An appointment's or an entry's row, archived: hidden from lists and from the jobs. */
const archived = { deletedAt: new Date() };
/** An entry's row, paid. */
const paid = { status: 'paid', paidAt: new Date(), paymentMethod: 'pix' } as const;

function notificationsOf(organization: Organization) {
  return server.database
    .fork()
    .find(
      Notification,
      { organization: organization.id },
      { ...allOrgs, orderBy: { createdAt: 'asc', id: 'asc' } },
    );
}

function mailsOf(organization: Organization) {
  return server.database
    .fork()
    .find(MailMessage, { organizationId: organization.id }, { orderBy: { id: 'asc' } });
}

/** A logged SQL statement that reads or writes rows (the ORM's log lines carry ANSI colours). */
function isDataStatement(line: string): boolean {
  // eslint-disable-next-line no-control-regex -- the colour codes start with ESC
  const plain = line.replace(/\u001b\[[0-9;]*m/g, '');
  return /^\[query\] (select|insert|update|delete|with)\b/i.test(plain);
}

describe(`appointment reminders (06:00 local)`, () => {
  it(`remind of the next day's pending and confirmed visits across a month end, once, and mail clients`, async () => {
    const { organization, pending, confirmed, noEmail } = await seed(server, (em) => {
      const organization = seedOrganization(em, { name: 'Piscinas Janeiro' });
      const withEmail = seedClient(em, organization, { name: 'Ana Souza', email: 'ana@cliente.com.br' });
      const withoutEmail = seedClient(em, organization, { name: 'Bruno Lima' });
      const [pending, confirmed] = (
        [
          { date: '2026-02-01', startTime: '08:30', status: 'pending' },
          { date: '2026-02-01', startTime: '14:00', status: 'confirmed' },
          { date: '2026-02-01', status: 'done' },
          { date: '2026-02-01', status: 'cancelled' },
          { date: '2026-02-01', ...archived },
          { date: '2026-02-02' },
          { date: '2026-01-31' },
        ] satisfies AppointmentFields[]
      ).map((fields) => seedAppointment(em, withEmail, fields));
      const noEmail = seedAppointment(em, withoutEmail, { date: '2026-02-01', startTime: '10:00' });
      return { organization, pending, confirmed, noEmail };
    });

    // 05:59 in São Paulo (UTC-3): not yet.
    const early = await runDailyJob(server.database, reminders, new Date('2026-01-31T08:59:00Z'));
    expect(early.notifications).toBe(0);
    expect(await notificationsOf(organization)).toHaveLength(0);

    const run = await runDailyJob(server.database, reminders, new Date('2026-01-31T09:00:00Z'));
    expect(run.skipped).toBe(false);
    const notifications = await notificationsOf(organization);
    expect(notifications.map((notification) => notification.entityId).sort()).toEqual(
      [pending?.id, confirmed?.id, noEmail.id].sort(),
    );
    expect(notifications.every((notification) => notification.type === 'appointment_reminder')).toBe(true);
    expect(notifications.map((notification) => notification.body)).toContain(
      'Ana Souza: 01/02/2026 às 08:30.',
    );
    const mails = await mailsOf(organization);
    expect(mails.map((mail) => [mail.to, mail.subject])).toEqual([
      ['ana@cliente.com.br', 'Lembrete: atendimento amanhã, 01/02/2026 às 08:30'],
      ['ana@cliente.com.br', 'Lembrete: atendimento amanhã, 01/02/2026 às 14:00'],
    ]);

    // Twice the same day, later: nothing new.
    await runDailyJob(server.database, reminders, new Date('2026-01-31T20:00:00Z'));
    expect(await notificationsOf(organization)).toHaveLength(3);
    expect(await mailsOf(organization)).toHaveLength(2);
  });

  it(`follow each organization's time zone and e-mail setting`, async () => {
    const manaus = await seed(server, (em) => {
      const organization = seedOrganization(em, {
        name: 'Piscinas Manaus',
        timezone: 'America/Manaus',
        emailAppointmentReminders: false,
      });
      const client = seedClient(em, organization, { name: 'Carla Nunes', email: 'carla@cliente.com.br' });
      seedAppointment(em, client, { date: '2026-03-11' });
      return organization;
    });
    // 09:30 UTC is 05:30 in Manaus (UTC-4): not due yet there.
    await runDailyJob(server.database, reminders, new Date('2026-03-10T09:30:00Z'));
    expect(await notificationsOf(manaus)).toHaveLength(0);
    await runDailyJob(server.database, reminders, new Date('2026-03-10T10:00:00Z'));
    expect(await notificationsOf(manaus)).toHaveLength(1);
    expect(await mailsOf(manaus)).toHaveLength(0);
  });

  it(`catch up after downtime: a server started at 13:00 still sends the day's reminders`, async () => {
    const organization = await seed(server, (em) => {
      const organization = seedOrganization(em, { name: 'Piscinas Atrasadas' });
      seedAppointment(em, seedClient(em, organization, { name: 'Diego Alves' }), { date: '2026-04-16' });
      return organization;
    });
    const result = await runDailyJob(server.database, reminders, new Date('2026-04-15T16:00:00Z'));
    expect(result.organizations).toBeGreaterThanOrEqual(1);
    expect(await notificationsOf(organization)).toHaveLength(1);
    const run = await server.database.fork().findOneOrFail(JobRun, {
      job: 'appointment-reminders',
      organization: organization.id,
      localDate: '2026-04-15',
    });
    expect(run.notifications).toBe(1);
  });

  it(`create each reminder once when two instances run at the same time`, async () => {
    const organization = await seed(server, (em) => {
      const organization = seedOrganization(em, { name: 'Piscinas Concorrentes' });
      const client = seedClient(em, organization, { name: 'Elisa Rocha', email: 'elisa@cliente.com.br' });
      for (let index = 0; index < 12; index += 1)
        seedAppointment(em, client, { date: '2026-05-21', startTime: `0${index % 10}:00` });
      return organization;
    });
    const second = await server.testDatabase.reopen();
    const now = new Date('2026-05-20T12:00:00Z');
    const results = await Promise.all([
      runDailyJob(server.database, reminders, now),
      runDailyJob(second, reminders, now),
    ]);
    expect(await notificationsOf(organization)).toHaveLength(12);
    expect(await mailsOf(organization)).toHaveLength(12);
    // On Postgres one instance holds the advisory lock and the other skips; SQLite serializes them.
    if (server.dialect === 'postgresql')
      expect(results.filter((result) => result.skipped).length).toBeLessThanOrEqual(1);
  });

  it(`issue the same number of SQL statements for 3 or 60 visits`, async () => {
    const statementsFor = async (count: number, date: string, localDate: string) => {
      await seed(server, (em) => {
        const organization = seedOrganization(em, { name: `Piscinas ${count}` });
        const client = seedClient(em, organization, { name: 'Fábio Costa', email: 'fabio@cliente.com.br' });
        for (let index = 0; index < count; index += 1) seedAppointment(em, client, { date });
      });
      const statements: string[] = [];
      const logged: Database = await server.testDatabase.reopen({ logQuery: (sql) => statements.push(sql) });
      const result = await runDailyJob(logged, reminders, new Date(), { localDate });
      expect(result.notifications).toBe(count);
      return statements.filter((line) => isDataStatement(line)).length;
    };
    const small = await statementsFor(3, '2026-07-02', '2026-07-01');
    const large = await statementsFor(60, '2026-08-02', '2026-08-01');
    // Reads of organizations, runs, visits and clients, and inserts of notifications, mails and runs.
    expect(small).toBeGreaterThanOrEqual(7);
    expect(large).toBe(small);
  });
});

describe(`finance notices (07:00 local)`, () => {
  it(`announce entries due today and 1 to 3 days overdue, across a year end, once a day`, async () => {
    const { organization, entries } = await seed(server, (em) => {
      const organization = seedOrganization(em, { name: 'Piscinas Réveillon' });
      const client = seedClient(em, organization, {
        name: 'Gabriela Dias',
        email: 'gabriela@cliente.com.br',
      });
      const entries = [
        { dueDate: '2027-01-01', amountCents: 123_456, description: 'Tratamento de choque' },
        { dueDate: '2026-12-31' },
        { dueDate: '2026-12-29' },
        { dueDate: '2026-12-28' },
        { dueDate: '2027-01-01', ...paid },
        { dueDate: '2027-01-01', ...archived },
        { dueDate: '2027-01-02' },
      ].map((fields) => seedFinanceEntry(em, client, fields));
      return { organization, entries };
    });
    const [dueToday, oneDay, threeDays, , , , dueTomorrow] = entries;
    // 07:00 on 1 January in São Paulo.
    await runDailyJob(server.database, notices, new Date('2027-01-01T10:00:00Z'));
    const first = await notificationsOf(organization);
    expect(first.map((notification) => [notification.entityId, notification.type])).toEqual(
      expect.arrayContaining([
        [dueToday?.id, 'finance_due_today'],
        [oneDay?.id, 'finance_overdue'],
        [threeDays?.id, 'finance_overdue'],
      ]),
    );
    expect(first).toHaveLength(3);
    const mails = await mailsOf(organization);
    expect(mails.map((mail) => mail.subject).sort()).toEqual([
      'Pagamento em atraso: Manutenção mensal — R$\u00a0250,00',
      'Pagamento em atraso: Manutenção mensal — R$\u00a0250,00',
      'Vence hoje: Tratamento de choque — R$\u00a01.234,56',
    ]);

    await runDailyJob(server.database, notices, new Date('2027-01-01T23:00:00Z'));
    expect(await notificationsOf(organization)).toHaveLength(3);

    // Next day: yesterday's entries are 1 and 2 days late, one falls due, the 3-day one drops out.
    await runDailyJob(server.database, notices, new Date('2027-01-02T10:30:00Z'));
    const second = (await notificationsOf(organization)).slice(3);
    expect(second.map((notification) => [notification.entityId, notification.type])).toEqual(
      expect.arrayContaining([
        [dueToday?.id, 'finance_overdue'],
        [oneDay?.id, 'finance_overdue'],
        [dueTomorrow?.id, 'finance_due_today'],
      ]),
    );
    expect(second).toHaveLength(3);
  });

  it(`sends the notices through SMTP with the organization's name`, async () => {
    const client = await seed(server, (em) => {
      const organization = seedOrganization(em, { name: 'Piscinas Cristal', emailOverdueNotices: false });
      const client = seedClient(em, organization, {
        name: 'Heitor Mendes',
        email: `heitor.${Date.now()}@cliente.com.br`,
      });
      seedFinanceEntry(em, client, { dueDate: '2027-02-28', amountCents: 9_990 });
      seedFinanceEntry(em, client, { dueDate: '2027-02-27' });
      return client;
    });
    await runDailyJob(server.database, notices, new Date('2027-02-28T10:00:00Z'));
    const sender = createMailSender(
      { smtpUrl: smtp.url, mailFrom: 'Picineiros <avisos@picineiros.test>', dataDir: '' },
      silent,
    );
    await deliverDueMail(server.database, sender, new Date('2027-02-28T10:01:00Z'), silent, 500);
    const received = smtp.received.filter((mail) => mail.to.includes(client.email ?? ''));
    expect(received).toHaveLength(1); // the overdue one is not mailed: the organization turned it off
    expect(received[0]?.subject).toBe('Vence hoje: Manutenção mensal — R$\u00a099,90');
    expect(received[0]?.text).toContain('Olá, Heitor Mendes!');
    expect(received[0]?.text).toContain('vence hoje (28/02/2027)');
    expect(received[0]?.text).toContain('— Piscinas Cristal');
  });
});

describe(`client e-mails through SMTP`, () => {
  it(`delivers the reminder, due-today and overdue mails to the client's address`, async () => {
    const email = `julia.${Date.now()}@cliente.com.br`;
    await seed(server, (em) => {
      const organization = seedOrganization(em, { name: 'Piscinas Oceano' });
      const client = seedClient(em, organization, { name: 'Júlia Prates', email });
      seedAppointment(em, client, { date: '2027-04-02', startTime: '07:45' });
      seedFinanceEntry(em, client, {
        dueDate: '2027-04-01',
        amountCents: 15_000,
        description: 'Limpeza semanal',
      });
      seedFinanceEntry(em, client, {
        dueDate: '2027-03-30',
        amountCents: 48_000,
        description: 'Troca de areia do filtro',
      });
    });
    const now = new Date('2027-04-01T11:00:00Z');
    await runDailyJob(server.database, reminders, now);
    await runDailyJob(server.database, notices, now);
    const sender = createMailSender(
      { smtpUrl: smtp.url, mailFrom: 'Piscinas Oceano <avisos@picineiros.test>', dataDir: '' },
      silent,
    );
    await deliverDueMail(server.database, sender, now, silent, 500);
    const received = smtp.received.filter((mail) => mail.to.includes(email));
    expect(received.map((mail) => mail.subject).sort()).toEqual([
      'Lembrete: atendimento amanhã, 02/04/2027 às 07:45',
      'Pagamento em atraso: Troca de areia do filtro — R$\u00a0480,00',
      'Vence hoje: Limpeza semanal — R$\u00a0150,00',
    ]);
    for (const mail of received) {
      expect(mail.text).toContain('Olá, Júlia Prates!');
      expect(mail.text).toContain('— Piscinas Oceano');
      expect(mail.html).toContain('<html lang="pt-BR">');
    }
    expect(received.find((mail) => mail.subject.startsWith('Pagamento'))?.text).toContain(
      'venceu em 30/03/2027 (há 2 dias)',
    );
  });
});

describe(`the job command`, () => {
  it(`runs a job by hand for a given date`, async () => {
    const organization = await seed(server, (em) => {
      const organization = seedOrganization(em, { name: 'Piscinas Manual' });
      seedAppointment(em, seedClient(em, organization, { name: 'Iara Campos' }), { date: '2026-09-08' });
      return organization;
    });
    const env = {
      ...process.env,
      DATA_DIR: server.testDatabase.settings.dataDir,
      DATABASE_URL: server.testDatabase.settings.databaseUrl ?? '',
      LOG_LEVEL: 'silent',
    };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/job-command.ts', 'appointment-reminders', '--date', '2026-09-07'],
      { cwd: new URL('..', import.meta.url).pathname, env },
    );
    expect(JSON.parse(stdout)).toMatchObject({ job: 'appointment-reminders', skipped: false });
    expect(await notificationsOf(organization)).toHaveLength(1);
  });
});
