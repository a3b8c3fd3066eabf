import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dailyJobs, runDailyJob, deliverDueMail } from '@picineiros/api/server';
import { MailMessage, User } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailSender } from '../src/mail/transport';
import {
  addMember,
  createClock,
  errorOf,
  signUpOwner,
  startTestServer,
  type SignedIn,
  type TestServer,
} from './harness';
import { startSmtpServer } from './smtp';

// The company details clients see (Configurações › Dados da empresa): stored like a client's, audited,
// printed on report PDFs and under the client e-mails, whose Reply-To is the organization's.

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const reminders = dailyJobs['appointment-reminders'];
if (!reminders) throw new Error('daily job missing');

// 2026-05-20 12:00 in São Paulo: the reminders job (06:00) is due, for the visits of 2026-05-21.
const clock = createClock(new Date('2026-05-20T15:00:00Z'));
let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ clock });
});
afterAll(async () => {
  await server.close();
  await smtp.stop();
});

const DETAILS = {
  document: '11.222.333/0001-81',
  phone: '(19) 3232-4545',
  replyToEmail: 'Contato@PiscinasLima.com.br',
  address: {
    cep: '13010-000',
    street: 'Rua Barão de Jaguara',
    number: '1200',
    complement: 'sala 4',
    district: 'Centro',
    city: 'Campinas',
    uf: 'sp',
  },
};

describe(`company details`, () => {
  it(`are saved normalized, shown masked, and cleared by a blank value`, async () => {
    const owner = await signUpOwner(server, { organizationName: 'Piscinas Lima' });
    const saved = await owner.client.organizations.update.mutate(DETAILS);
    expect(saved).toMatchObject({
      name: 'Piscinas Lima',
      document: '11222333000181',
      documentType: 'cnpj',
      documentMasked: '11.222.333/0001-81',
      phone: '1932324545',
      phoneMasked: '(19) 3232-4545',
      replyToEmail: 'contato@piscinaslima.com.br',
      address: {
        cep: '13010000',
        cepMasked: '13010-000',
        street: 'Rua Barão de Jaguara',
        number: '1200',
        complement: 'sala 4',
        district: 'Centro',
        city: 'Campinas',
        uf: 'SP',
      },
    });
    expect(await owner.client.organizations.current.query()).toMatchObject({
      documentMasked: '11.222.333/0001-81',
      address: { city: 'Campinas' },
    });
    // A blank field clears it; absent keys stay.
    const cleared = await owner.client.organizations.update.mutate({
      phone: '',
      address: { complement: '  ' },
    });
    expect(cleared).toMatchObject({
      phone: null,
      replyToEmail: 'contato@piscinaslima.com.br',
      address: { complement: null, street: 'Rua Barão de Jaguara' },
    });
  });

  it(`refuse bad values field by field and change nothing`, async () => {
    const owner = await signUpOwner(server);
    await owner.client.organizations.update.mutate({ phone: '(11) 98765-4321' });
    const error = await errorOf(
      owner.client.organizations.update.mutate({
        document: '11.222.333/0001-82',
        phone: '(00) 1234-5678',
        replyToEmail: 'sem-arroba',
        address: { cep: '123', uf: 'XX' },
      }),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    const { phone, ...others } = error.data?.fieldErrors ?? {};
    expect(phone).toMatch(/^Telefone inválido/);
    expect(others).toEqual({
      document: 'CNPJ inválido: confira os dígitos.',
      replyToEmail: 'Informe um e-mail válido.',
      'address.cep': 'CEP inválido: informe 8 dígitos, como 01310-100.',
      'address.uf': 'UF inválida: escolha um estado da lista.',
    });
    expect(await owner.client.organizations.current.query()).toMatchObject({
      phone: '11987654321',
      document: null,
    });
  });

  it(`are changed by owners and admins only, and each change is in the audit log`, async () => {
    const owner = await signUpOwner(server);
    const admin = await addMember(server, owner.orgId, 'admin');
    const staff = await addMember(server, owner.orgId, 'staff');
    const refused = await errorOf(staff.client.organizations.update.mutate({ phone: '(11) 3456-7890' }));
    expect(refused.data?.code).toBe('FORBIDDEN');
    // Every member reads them (reports and e-mails show them anyway).
    expect((await staff.client.organizations.current.query()).phone).toBeNull();

    await admin.client.organizations.update.mutate({ phone: '(11) 3456-7890', address: { city: 'Santos' } });
    await owner.client.settings.updateNotifications.mutate({ financeNoticeHour: 9 });
    // Saving the same values again records nothing.
    await admin.client.organizations.update.mutate({ phone: '1134567890' });

    const { items } = await owner.client.audit.list.query({ entityType: 'organization' });
    expect(items.map((item) => [item.action, item.actor?.name, item.changes])).toEqual([
      ['update', 'Ana Lima', { financeNoticeHour: { before: 7, after: 9 } }],
      [
        'update',
        'Membro admin',
        { phone: { before: null, after: '1134567890' }, city: { before: null, after: 'Santos' } },
      ],
    ]);
    expect(items.every((item) => item.entityId === owner.orgId)).toBe(true);
  });
});

async function seedVisitTomorrow(owner: SignedIn, email: string) {
  const client = await owner.client.clients.create.mutate({
    name: 'Helena Prado',
    email,
    pools: [{ type: 'vinyl' }],
  });
  await owner.client.appointments.create.mutate({
    clientId: client.id,
    date: '2026-05-21',
    startTime: '08:30',
  });
}

function pdfText(bytes: Buffer): string {
  const directory = mkdtempSync(join(tmpdir(), 'company-'));
  const file = join(directory, 'report.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe(`what clients see`, () => {
  it(`client e-mails go out with the organization's Reply-To and its details under the signature`, async () => {
    const owner = await signUpOwner(server, { organizationName: 'Piscinas Lima' });
    await owner.client.organizations.update.mutate(DETAILS);
    const email = `helena.${Date.now()}@cliente.com.br`;
    await seedVisitTomorrow(owner, email);
    await runDailyJob(server.database, reminders, clock());

    const outbox = await server.database.fork().findOneOrFail(MailMessage, { to: email });
    expect(outbox.replyTo).toBe('contato@piscinaslima.com.br');
    const sender = createMailSender(
      { smtpUrl: smtp.url, mailFrom: 'Picineiros <nao-responda@picineiros.test>', dataDir: '' },
      silent,
    );
    await deliverDueMail(server.database, sender, clock(), silent, 500);
    const mail = smtp.received.find((received) => received.to.includes(email));
    expect(mail?.replyTo).toBe('contato@piscinaslima.com.br');
    expect(mail?.text).toContain(
      'Se precisar remarcar, responda a este e-mail ou ligue para (19) 3232-4545.',
    );
    expect(mail?.text).toContain(
      '— Piscinas Lima\nCNPJ 11.222.333/0001-81 · Tel. (19) 3232-4545 · contato@piscinaslima.com.br\nRua Barão de Jaguara, 1200, sala 4 — Centro, Campinas/SP — CEP 13010-000',
    );
    expect(mail?.html).toContain('CNPJ 11.222.333/0001-81');
  });

  it(`without a reply-to e-mail, the mail has no Reply-To and never asks to answer it`, async () => {
    const owner = await signUpOwner(server, { organizationName: 'Piscinas Sem Resposta' });
    const email = `caio.${Date.now()}@cliente.com.br`;
    await seedVisitTomorrow(owner, email);
    await runDailyJob(server.database, reminders, clock());
    const sender = createMailSender(
      { smtpUrl: smtp.url, mailFrom: 'Picineiros <nao-responda@picineiros.test>', dataDir: '' },
      silent,
    );
    await deliverDueMail(server.database, sender, clock(), silent, 500);
    const mail = smtp.received.find((received) => received.to.includes(email));
    expect(mail?.subject).toBe('Lembrete: atendimento amanhã, 21/05/2026 às 08:30');
    expect(mail?.replyTo).toBe('');
    expect(mail?.text).not.toMatch(/responda/i);
    expect(mail?.text).toContain('Se precisar remarcar, fale conosco pelo telefone de sempre.');
  });

  it(`report PDFs print the company's CNPJ, phone, e-mail and address under the heading`, async () => {
    const owner = await signUpOwner(server, { organizationName: 'Piscinas Lima' });
    await owner.client.organizations.update.mutate(DETAILS);
    await owner.client.clients.create.mutate({ name: 'Helena Prado', pools: [{ type: 'vinyl' }] });
    const response = await fetch(`${server.url}/reports/clients.pdf`, {
      headers: { authorization: `Bearer ${owner.accessToken}`, 'x-org-id': owner.orgId },
    });
    expect(response.status).toBe(200);
    const text = pdfText(Buffer.from(await response.arrayBuffer()));
    const lines = text.split('\n').map((line) => line.trim());
    const name = lines.indexOf('Piscinas Lima');
    expect(name).toBeGreaterThanOrEqual(0);
    expect(lines.slice(name, name + 5)).toEqual(
      expect.arrayContaining([
        'CNPJ 11.222.333/0001-81 · Tel. (19) 3232-4545 · contato@piscinaslima.com.br',
        'Rua Barão de Jaguara, 1200, sala 4 — Centro, Campinas/SP — CEP 13010-000',
      ]),
    );
    expect(text).toContain('Helena Prado');
  });
});

describe(`first steps (dashboard checklist)`, () => {
  it(`tick as the company fills its details and logo, adds a client and a visit and invites`, async () => {
    const owner = await signUpOwner(server, { organizationName: 'Piscinas Novas' });
    const stepsOf = async () => {
      const view = await owner.client.organizations.firstSteps.query();
      return Object.fromEntries(view.steps.map(({ step, done }) => [step, done]));
    };
    // Typing the sign-up code confirmed the owner's e-mail.
    expect(await owner.client.organizations.firstSteps.query()).toEqual({
      steps: [
        { step: 'company', done: false },
        { step: 'client', done: false },
        { step: 'visit', done: false },
        { step: 'team', done: false },
        { step: 'email', done: true },
      ],
      complete: false,
      dismissed: false,
    });
    // Details without a logo are not the whole step.
    await owner.client.organizations.update.mutate(DETAILS);
    expect((await stepsOf())['company']).toBe(false);
    const logo = readFileSync(join(import.meta.dirname, 'fixtures', 'logo.png'));
    await owner.client.organizations.setLogo.mutate({ logo: logo.toString('base64') });
    expect(await stepsOf()).toEqual({
      company: true,
      client: false,
      visit: false,
      team: false,
      email: true,
    });

    const client = await owner.client.clients.create.mutate({
      name: 'Otávio Reis',
      pools: [{ type: 'fiberglass' }],
    });
    expect((await stepsOf())['client']).toBe(true);
    await owner.client.appointments.create.mutate({
      clientId: client.id,
      date: '2026-05-25',
      startTime: '10:00',
    });
    // An archived visit still counts: it was made.
    await owner.client.clients.archive.mutate({ id: client.id });
    expect(await stepsOf()).toMatchObject({ client: true, visit: true, team: false });

    await owner.client.members.invite.mutate({ email: `equipe.${Date.now()}@example.com`, role: 'staff' });
    expect(await owner.client.organizations.firstSteps.query()).toMatchObject({ complete: true });
  });

  it(`leave the e-mail step to an account whose address is not confirmed yet (an older one)`, async () => {
    const owner = await signUpOwner(server);
    const admin = await addMember(server, owner.orgId, 'admin');
    const emailStep = async (member: SignedIn) =>
      (await member.client.organizations.firstSteps.query()).steps.find((step) => step.step === 'email');
    expect(await emailStep(admin)).toEqual({ step: 'email', done: false });
    expect(await emailStep(owner)).toEqual({ step: 'email', done: true });

    const em = server.database.fork();
    const user = await em.findOneOrFail(User, admin.userId);
    user.emailVerifiedAt = clock();
    await em.flush();
    expect(await emailStep(admin)).toEqual({ step: 'email', done: true });
  });

  it(`can be dismissed by an owner or admin for the whole team, not by staff`, async () => {
    const owner = await signUpOwner(server);
    const staff = await addMember(server, owner.orgId, 'staff');
    const admin = await addMember(server, owner.orgId, 'admin');
    expect((await errorOf(staff.client.organizations.dismissFirstSteps.mutate())).data?.code).toBe(
      'FORBIDDEN',
    );
    expect((await owner.client.organizations.firstSteps.query()).dismissed).toBe(false);
    expect(await admin.client.organizations.dismissFirstSteps.mutate()).toMatchObject({
      dismissed: true,
      complete: false,
    });
    expect((await owner.client.organizations.firstSteps.query()).dismissed).toBe(true);
  });

  it(`are the organization's own: another company's data ticks nothing`, async () => {
    const busy = await signUpOwner(server);
    await busy.client.clients.create.mutate({ name: 'Cliente de Outra', pools: [{ type: 'vinyl' }] });
    const fresh = await signUpOwner(server);
    const view = await fresh.client.organizations.firstSteps.query();
    // Only its owner's own e-mail, confirmed by the sign-up code.
    expect(view.steps.filter((step) => step.done).map((step) => step.step)).toEqual(['email']);
  });
});
