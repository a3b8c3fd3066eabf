import { retryDelayMs, deliverDueMail } from '@picineiros/api/server';
import { MailMessage, User } from '@picineiros/db';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailSender } from '../src/mail/transport';
import {
  addMember,
  createClock,
  errorOf,
  newAccount,
  signUpOwner,
  startTestServer,
  type TestServer,
} from './harness';
import { deliverThrough, silentLogger as silent, startSmtpServer, tokenFrom } from './smtp';

const clock = createClock(new Date('2026-05-04T13:00:00Z'));
let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ clock, env: { PUBLIC_URL: 'https://app.picineiros.test' } });
});
afterAll(async () => {
  await server.close();
  await smtp.stop();
});

/** Runs the mail worker's delivery once, through the real SMTP server. */
function deliver() {
  return deliverThrough(smtp.url, server.database, clock());
}

function lastMailTo(email: string) {
  return smtp.received.filter((mail) => mail.to.includes(email)).at(-1);
}

describe(`e-mail verification`, () => {
  it(`verifies the address of a confirmed sign-up, which gets the code mail and no verification link`, async () => {
    const owner = await signUpOwner(server, { name: 'Joana Prado' });
    await deliver();
    const subjects = () =>
      smtp.received.filter((mail) => mail.to.includes(owner.email)).map((mail) => mail.subject);
    expect(subjects()).toEqual([expect.stringMatching(/^Seu código do Picineiros: \d{6}$/)]);
    expect((await owner.client.auth.me.query()).user.emailVerifiedAt).toEqual(clock());
    expect(await owner.client.auth.resendVerification.mutate()).toEqual({ ok: true, alreadyVerified: true });
    await deliver();
    expect(subjects()).toHaveLength(1);
  });

  it(`sends an unverified account a verification link; the link verifies once and only once`, async () => {
    const owner = await signUpOwner(server);
    const member = await addMember(server, owner.orgId, 'admin', { name: 'Joana Prado' });
    expect((await member.client.auth.me.query()).user.emailVerifiedAt).toBeNull();
    expect(await member.client.auth.resendVerification.mutate()).toEqual({
      ok: true,
      alreadyVerified: false,
    });
    await deliver();
    const mail = lastMailTo(member.email);
    expect(mail?.subject).toBe('Confirme seu e-mail no Picineiros');
    expect(mail?.text).toContain('Olá, Joana Prado!');
    expect(mail?.text).toContain('https://app.picineiros.test/verificar-email?token=');
    expect(mail?.html).toContain('Confirmar e-mail');
    expect(mail?.from).toBe('nao-responda@picineiros.test');

    await server.client().auth.verifyEmail.mutate({ token: tokenFrom(mail) });
    expect((await member.client.auth.me.query()).user.emailVerifiedAt).toEqual(clock());
    const reused = await errorOf(server.client().auth.verifyEmail.mutate({ token: tokenFrom(mail) }));
    expect(reused.data?.code).toBe('BAD_REQUEST');
    expect(reused.message).toBe('Este link é inválido, já foi usado ou expirou. Peça um novo.');
  });

  it(`refuses forged and expired links alike, and a resent link replaces the old one`, async () => {
    const owner = await signUpOwner(server);
    const member = await addMember(server, owner.orgId, 'staff');
    await member.client.auth.resendVerification.mutate();
    await deliver();
    const first = tokenFrom(lastMailTo(member.email));
    const forged = await errorOf(
      server.client().auth.verifyEmail.mutate({ token: `${first.slice(0, -2)}xx` }),
    );
    expect(forged.message).toBe('Este link é inválido, já foi usado ou expirou. Peça um novo.');

    await member.client.auth.resendVerification.mutate();
    await deliver();
    const second = tokenFrom(lastMailTo(member.email));
    expect(second).not.toBe(first);
    expect((await errorOf(server.client().auth.verifyEmail.mutate({ token: first }))).data?.code).toBe(
      'BAD_REQUEST',
    );

    clock.advance(24 * 60 * 60 * 1000 + 1);
    expect((await errorOf(server.client().auth.verifyEmail.mutate({ token: second }))).data?.code).toBe(
      'BAD_REQUEST',
    );
    const user = await server.database.fork().findOneOrFail(User, { email: member.email });
    expect(user.emailVerifiedAt).toBeNull();
  });
});

describe(`password reset and change`, () => {
  it(`answers the same for known and unknown e-mails, and mails only the known one`, async () => {
    const owner = await signUpOwner(server);
    await deliver();
    const before = smtp.received.length;
    const known = await server.client().auth.requestPasswordReset.mutate({ email: owner.email });
    const unknown = await server
      .client()
      .auth.requestPasswordReset.mutate({ email: 'ninguem@exemplo.com.br' });
    expect(known).toEqual(unknown);
    await deliver();
    expect(smtp.received.slice(before).map((mail) => mail.to)).toEqual([[owner.email]]);
  });

  it(`resets the password with the link, once, and signs out every session`, async () => {
    const owner = await signUpOwner(server);
    await server.client().auth.requestPasswordReset.mutate({ email: owner.email.toUpperCase() });
    await deliver();
    const mail = lastMailTo(owner.email);
    expect(mail?.subject).toBe('Redefinição de senha do Picineiros');
    const token = tokenFrom(mail);

    const weak = await errorOf(server.client().auth.resetPassword.mutate({ token, password: 'curta' }));
    expect(weak.data?.fieldErrors).toEqual({ password: 'A senha precisa ter pelo menos 10 caracteres.' });

    await server.client().auth.resetPassword.mutate({ token, password: 'nova-senha-segura' });
    expect((await errorOf(owner.client.auth.me.query())).data?.code).toBe('UNAUTHORIZED');
    expect(
      (await errorOf(server.client().auth.login.mutate({ email: owner.email, password: owner.password })))
        .data?.code,
    ).toBe('UNAUTHORIZED');
    await server.client().auth.login.mutate({ email: owner.email, password: 'nova-senha-segura' });
    const reused = await errorOf(
      server.client().auth.resetPassword.mutate({ token, password: 'outra-senha-segura' }),
    );
    expect(reused.data?.code).toBe('BAD_REQUEST');
  });

  it(`refuses a forged reset link and a forged invitation, changing nothing`, async () => {
    const owner = await signUpOwner(server);
    const forged = 'A'.repeat(43);
    const reset = await errorOf(
      server.client().auth.resetPassword.mutate({ token: forged, password: 'nova-senha-segura' }),
    );
    expect(reset.message).toBe('Este link é inválido, já foi usado ou expirou. Peça um novo.');
    const invite = await errorOf(
      server
        .client()
        .members.acceptInvite.mutate({ token: forged, name: 'Intrusa', password: 'senha-da-intrusa' }),
    );
    expect(invite.message).toBe('Este link é inválido, já foi usado ou expirou. Peça um novo.');
    await server.client().auth.login.mutate({ email: owner.email, password: owner.password });
    expect((await owner.client.members.list.query()).members).toHaveLength(1);
  });

  it(`expires reset links after one hour`, async () => {
    const owner = await signUpOwner(server);
    await server.client().auth.requestPasswordReset.mutate({ email: owner.email });
    await deliver();
    clock.advance(60 * 60 * 1000 + 1);
    const expired = await errorOf(
      server.client().auth.resetPassword.mutate({
        token: tokenFrom(lastMailTo(owner.email)),
        password: 'nova-senha-segura',
      }),
    );
    expect(expired.data?.code).toBe('BAD_REQUEST');
  });

  it(`throttles reset requests per e-mail`, async () => {
    const owner = await signUpOwner(server);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await server.client().auth.requestPasswordReset.mutate({ email: owner.email });
    }
    const refused = await errorOf(server.client().auth.requestPasswordReset.mutate({ email: owner.email }));
    expect(refused.data?.code).toBe('TOO_MANY_REQUESTS');
  });

  it(`changes the password only with the current one, keeping this session and ending the others`, async () => {
    const owner = await signUpOwner(server);
    const other = await server
      .client()
      .auth.login.mutate({ email: owner.email, password: owner.password, client: 'desktop' });
    const wrong = await errorOf(
      owner.client.auth.changePassword.mutate({
        currentPassword: 'nao-e-essa-1',
        newPassword: 'nova-senha-segura',
      }),
    );
    expect(wrong.data?.fieldErrors).toEqual({ currentPassword: 'Senha atual incorreta.' });

    await owner.client.auth.changePassword.mutate({
      currentPassword: owner.password,
      newPassword: 'nova-senha-segura',
    });
    expect((await owner.client.auth.me.query()).user.email).toBe(owner.email);
    expect(
      (await errorOf(server.client({ accessToken: () => other.accessToken }).auth.me.query())).data?.code,
    ).toBe('UNAUTHORIZED');
    await server.client().auth.login.mutate({ email: owner.email, password: 'nova-senha-segura' });
  });
});

describe(`team: invitations and roles`, () => {
  it(`invites a new person by e-mail, who creates an account and joins with the invited role`, async () => {
    const owner = await signUpOwner(server, { organizationName: 'Piscinas Aurora', name: 'Carla Dias' });
    const email = newAccount().email;
    await owner.client.members.invite.mutate({ email, role: 'admin' });
    await deliver();
    const mail = lastMailTo(email);
    expect(mail?.subject).toBe('Convite para a equipe Piscinas Aurora no Picineiros');
    expect(mail?.text).toContain('Carla Dias convidou você');
    expect(mail?.text).toContain('administrador');
    expect((await owner.client.members.list.query()).pendingInvites).toEqual([
      { email, role: 'admin', expiresAt: expect.any(Date) as Date },
    ]);

    const token = tokenFrom(mail);
    const missing = await errorOf(server.client().members.acceptInvite.mutate({ token }));
    expect(missing.data?.code).toBe('BAD_REQUEST');
    // The refused attempt consumed nothing: the same link still works.
    const accepted = await server
      .client()
      .members.acceptInvite.mutate({ token, name: 'Bruno Reis', password: 'senha-do-bruno' });
    expect(accepted).toEqual({ organizationId: owner.orgId, email, createdAccount: true });
    const login = await server.client().auth.login.mutate({ email, password: 'senha-do-bruno' });
    expect(login.memberships).toEqual([
      { organizationId: owner.orgId, organizationName: 'Piscinas Aurora', role: 'admin' },
    ]);
    expect(login.user.emailVerifiedAt).not.toBeNull();
    expect((await errorOf(server.client().members.acceptInvite.mutate({ token }))).data?.code).toBe(
      'BAD_REQUEST',
    );
  });

  it(`attaches an existing account to the organization`, async () => {
    const owner = await signUpOwner(server);
    const existing = await signUpOwner(server, { organizationName: 'Minha Outra Empresa' });
    await owner.client.members.invite.mutate({ email: existing.email, role: 'staff' });
    await deliver();
    const accepted = await server
      .client()
      .members.acceptInvite.mutate({ token: tokenFrom(lastMailTo(existing.email)) });
    expect(accepted.createdAccount).toBe(false);
    const me = await existing.client.auth.me.query();
    expect(me.memberships.map((membership) => membership.role).sort()).toEqual(['owner', 'staff']);
  });

  it(`refuses staff, owner grants by admins, existing members and expired invitations`, async () => {
    const owner = await signUpOwner(server);
    const admin = await addMember(server, owner.orgId, 'admin');
    const staff = await addMember(server, owner.orgId, 'staff');
    const email = newAccount().email;
    expect((await errorOf(staff.client.members.invite.mutate({ email, role: 'staff' }))).data?.code).toBe(
      'FORBIDDEN',
    );
    expect((await errorOf(admin.client.members.invite.mutate({ email, role: 'owner' }))).data?.code).toBe(
      'FORBIDDEN',
    );
    const duplicate = await errorOf(
      owner.client.members.invite.mutate({ email: staff.email, role: 'admin' }),
    );
    expect(duplicate.data?.fieldErrors).toEqual({ email: 'Esta pessoa já faz parte da equipe.' });

    await admin.client.members.invite.mutate({ email, role: 'staff' });
    await deliver();
    clock.advance(7 * 24 * 60 * 60 * 1000 + 1);
    const expired = await errorOf(
      server.client().members.acceptInvite.mutate({
        token: tokenFrom(lastMailTo(email)),
        name: 'Tarde Demais',
        password: 'senha-qualquer',
      }),
    );
    expect(expired.data?.code).toBe('BAD_REQUEST');
    expect(await server.database.fork().count(User, { email })).toBe(0);
  });

  it(`changes roles and removes members, but never the last owner`, async () => {
    const owner = await signUpOwner(server);
    const admin = await addMember(server, owner.orgId, 'admin');
    const staff = await addMember(server, owner.orgId, 'staff');
    const list = async () => (await owner.client.members.list.query()).members;
    const membershipOf = async (userId: string) =>
      (await list()).find((member) => member.userId === userId)?.membershipId ?? '';

    const ownerMembership = await membershipOf(owner.userId);
    const demote = await errorOf(
      owner.client.members.setRole.mutate({ membershipId: ownerMembership, role: 'admin' }),
    );
    expect(demote.data?.code).toBe('PRECONDITION_FAILED');
    expect(
      (await errorOf(admin.client.members.remove.mutate({ membershipId: ownerMembership }))).data?.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await errorOf(
          staff.client.members.setRole.mutate({
            membershipId: await membershipOf(staff.userId),
            role: 'admin',
          }),
        )
      ).data?.code,
    ).toBe('FORBIDDEN');

    await admin.client.members.setRole.mutate({
      membershipId: await membershipOf(staff.userId),
      role: 'admin',
    });
    await owner.client.members.setRole.mutate({
      membershipId: await membershipOf(admin.userId),
      role: 'owner',
    });
    // Now there are two owners: the first may step down.
    await owner.client.members.setRole.mutate({ membershipId: ownerMembership, role: 'staff' });
    await admin.client.members.remove.mutate({ membershipId: await membershipOf(staff.userId) });
    expect((await admin.client.members.list.query()).members.map((member) => member.role).sort()).toEqual([
      'owner',
      'staff',
    ]);
    expect((await errorOf(staff.client.organizations.current.query())).data?.code).toBe('NOT_FOUND');
  });
});

describe(`the outbox`, () => {
  it(`keeps mail through an SMTP outage and sends it when the server is back`, async () => {
    const owner = await signUpOwner(server);
    await deliver();
    await server.client().auth.requestPasswordReset.mutate({ email: owner.email });
    await smtp.stop();
    const during = await deliver();
    expect(during).toMatchObject({ sent: 0, failed: 1 });
    const pending = await server.database
      .fork()
      .findOneOrFail(MailMessage, { to: owner.email, kind: 'reset_password' });
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.nextAttemptAt.getTime()).toBe(clock().getTime() + retryDelayMs(1));
    expect(await deliver()).toMatchObject({ sent: 0, failed: 0 }); // not due yet: backoff

    await smtp.start();
    clock.advance(retryDelayMs(1));
    expect(await deliver()).toMatchObject({ sent: 1, failed: 0, remaining: 0 });
    expect(lastMailTo(owner.email)?.subject).toBe('Redefinição de senha do Picineiros');
    const sent = await server.database.fork().findOneOrFail(MailMessage, { id: pending.id });
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it(`sends each mail once when two workers deliver at the same time`, async () => {
    await deliver();
    const before = smtp.received.length;
    const emails = Array.from({ length: 8 }, () => newAccount().email);
    for (const email of emails) await server.client().auth.requestPasswordReset.mutate({ email });
    const owners = await Promise.all(emails.slice(0, 4).map(() => signUpOwner(server)));
    const second = await server.testDatabase.reopen();
    const sender = createMailSender(
      { smtpUrl: smtp.url, mailFrom: 'Picineiros <a@b.test>', dataDir: '' },
      silent,
    );
    const results = await Promise.all([
      deliverDueMail(server.database, sender, clock(), silent, 3),
      deliverDueMail(second, sender, clock(), silent, 3),
      deliverDueMail(server.database, sender, clock(), silent, 3),
    ]);
    await deliver();
    const delivered = smtp.received.slice(before).flatMap((mail) => mail.to);
    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBeGreaterThan(0);
    // Each owner got one mail: the sign-up code.
    expect(delivered.sort()).toEqual(owners.map((owner) => owner.email).sort());
  });

  it(`writes .eml files under DATA_DIR/mail when no SMTP server is configured`, async () => {
    const owner = await signUpOwner(server);
    const member = await addMember(server, owner.orgId, 'staff');
    await member.client.auth.resendVerification.mutate();
    const dataDir = server.config.dataDir;
    const sender = createMailSender(
      { smtpUrl: undefined, mailFrom: 'Picineiros <a@b.test>', dataDir },
      silent,
    );
    await deliverDueMail(server.database, sender, clock(), silent);
    const files = readdirSync(join(dataDir, 'mail'));
    const contents = files.map((file) => readFileSync(join(dataDir, 'mail', file), 'utf8'));
    expect(
      contents.some(
        (eml) => eml.includes(`To: ${member.email}`) && eml.includes('Subject: Confirme seu e-mail'),
      ),
    ).toBe(true);
  });
});
