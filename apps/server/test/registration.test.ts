import { maintenanceJobs } from '@picineiros/api/server';
import { MailMessage, Membership, PendingRegistration, User } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock, errorOf, newAccount, signUpOwner, startTestServer, type TestServer } from './harness';
import { codeFrom, deliverThrough, startSmtpServer } from './smtp';

// Sign-up by e-mail code (issue 15, finding 6): register answers alike for new and taken addresses, the
// code comes by real SMTP, and confirming it creates the account once.
const clock = createClock(new Date('2026-06-01T12:00:00Z'));
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

/** Runs the mail worker once through the real SMTP server and returns the last mail to `email`. */
async function lastMailTo(email: string) {
  await deliverThrough(smtp.url, server.database, clock());
  return smtp.received.filter((mail) => mail.to.includes(email)).at(-1);
}

async function mailedCode(email: string): Promise<string> {
  const mail = await lastMailTo(email);
  expect(mail?.subject).toMatch(/^Seu código do Picineiros: \d{6}$/);
  return codeFrom(mail?.text);
}

function confirm(email: string, code: string) {
  return server.client().auth.confirmRegistration.mutate({ email, code, client: 'desktop' });
}

function wrongCodeOf(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

async function countUsers(email: string): Promise<number> {
  return server.database.fork().count(User, { email });
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const startedAt = performance.now();
  const result = await work();
  return { result, ms: performance.now() - startedAt };
}

describe(`registration by e-mail code`, () => {
  it(`answers a taken e-mail exactly as a new one, in about the same time, and mails each its own message`, async () => {
    const owner = await signUpOwner(server, { name: 'Dona Conta' });
    const fresh = newAccount();
    // Warm both paths once (argon2's first hash, prepared statements), then measure.
    await server.client().auth.register.mutate(newAccount());
    await server.client().auth.register.mutate(newAccount({ email: owner.email }));
    const taken = await timed(() =>
      server.client().auth.register.mutate(newAccount({ email: owner.email.toUpperCase() })),
    );
    const created = await timed(() => server.client().auth.register.mutate(fresh));
    expect(taken.result).toEqual({ status: 'code-sent', email: owner.email });
    expect(created.result).toEqual({ status: 'code-sent', email: fresh.email });
    // Both hash the password (tens of ms); the difference left is a few queries.
    expect(Math.abs(taken.ms - created.ms)).toBeLessThan(Math.max(taken.ms, created.ms) * 0.6);

    const warning = await lastMailTo(owner.email);
    expect(warning?.subject).toBe('Tentativa de cadastro com seu e-mail no Picineiros');
    expect(warning?.text).toContain('Olá, Dona Conta!');
    expect(warning?.text).toContain('Esqueci minha senha');
    expect(warning?.text).not.toMatch(/\b\d{6}\b/);
    expect(await server.database.fork().count(PendingRegistration, { email: owner.email })).toBe(0);
    expect(await countUsers(owner.email)).toBe(1);

    const code = await mailedCode(fresh.email);
    const mail = await lastMailTo(fresh.email);
    expect(mail?.text).toContain(`Olá, ${fresh.name}!`);
    expect(mail?.text).toContain('Ele vale por 30 minutos.');
    expect(await countUsers(fresh.email)).toBe(0);

    const signedIn = await confirm(fresh.email, code);
    expect(signedIn.user.email).toBe(fresh.email);
    expect(signedIn.memberships).toEqual([
      expect.objectContaining({ organizationName: fresh.organizationName, role: 'owner' }),
    ]);
    expect(signedIn.refreshToken).toMatch(/^[0-9a-f-]{36}\./);
    const me = await server.client({ accessToken: () => signedIn.accessToken }).auth.me.query();
    expect(me.user.id).toBe(signedIn.user.id);
    // The password given at register is the account's.
    await server.client().auth.login.mutate({ email: fresh.email, password: fresh.password });
    // The code is single-use: the pending registration is gone.
    expect((await errorOf(confirm(fresh.email, code))).data?.fieldErrors).toEqual({
      code: 'Código inválido ou expirado.',
    });
  });

  it(`refuses a wrong code, an unknown e-mail and a taken one with the same field error`, async () => {
    const owner = await signUpOwner(server);
    const account = newAccount();
    await server.client().auth.register.mutate(account);
    const code = await mailedCode(account.email);
    for (const [email, tried] of [
      [account.email, wrongCodeOf(code)],
      ['ninguem@example.com', code],
      [owner.email, code],
    ] as const) {
      const error = await errorOf(confirm(email, tried));
      expect(error.data?.code).toBe('BAD_REQUEST');
      expect(error.data?.fieldErrors).toEqual({ code: 'Código inválido ou expirado.' });
    }
    const malformed = await errorOf(confirm(account.email, '12a45'));
    expect(malformed.data?.fieldErrors).toEqual({ code: 'Informe os 6 dígitos do código.' });
    // One wrong try left four: the right code still works.
    expect((await confirm(account.email, code)).user.email).toBe(account.email);
  });

  it(`expires the code after 30 minutes, and the maintenance job purges the pending registration`, async () => {
    const account = newAccount();
    await server.client().auth.register.mutate(account);
    const code = await mailedCode(account.email);
    clock.advance(30 * 60 * 1000);
    expect((await errorOf(confirm(account.email, code))).data?.fieldErrors).toEqual({
      code: 'Código inválido ou expirado.',
    });
    const purge = maintenanceJobs['pending-registration-purge'];
    if (!purge) throw new Error('purge job not registered');
    expect(await purge.run(server.database, clock(), { outboxBodyRetentionDays: 30 })).toMatchObject({
      purged: expect.any(Number) as number,
    });
    expect(await server.database.fork().count(PendingRegistration, { email: account.email })).toBe(0);
    expect(await countUsers(account.email)).toBe(0);
  });

  it(`a new register replaces the pending code; five wrong codes drop it, the right one then fails too`, async () => {
    const account = newAccount();
    await server.client().auth.register.mutate(account);
    const first = await mailedCode(account.email);
    await server.client().auth.register.mutate({ ...account, name: 'Ana Renomeada' });
    const second = await mailedCode(account.email);
    if (first !== second) {
      expect((await errorOf(confirm(account.email, first))).data?.fieldErrors).toEqual({
        code: 'Código inválido ou expirado.',
      });
    }
    const pending = await server.database.fork().findOneOrFail(PendingRegistration, { email: account.email });
    expect(pending.name).toBe('Ana Renomeada');
    const wrong = wrongCodeOf(second);
    for (let attempt = pending.attempts; attempt < 5; attempt += 1)
      await errorOf(confirm(account.email, wrong));
    expect(await server.database.fork().count(PendingRegistration, { email: account.email })).toBe(0);
    expect((await errorOf(confirm(account.email, second))).data?.fieldErrors).toEqual({
      code: 'Código inválido ou expirado.',
    });
    // A new register mails a new code that works.
    await server.client().auth.register.mutate(account);
    expect((await confirm(account.email, await mailedCode(account.email))).user.name).toBe(account.name);
  });

  it(`ten parallel confirmations with the right code create one account`, async () => {
    const account = newAccount();
    await server.client().auth.register.mutate(account);
    const code = await mailedCode(account.email);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => confirm(account.email, code)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    // The others found the code used, like any stale code: no unique-index error, no 500.
    for (const result of results) {
      if (result.status === 'rejected') {
        expect((result.reason as Awaited<ReturnType<typeof errorOf>>).data?.fieldErrors).toEqual({
          code: 'Código inválido ou expirado.',
        });
      }
    }
    expect(await countUsers(account.email)).toBe(1);
    const user = await server.database.fork().findOneOrFail(User, { email: account.email });
    expect(await server.database.fork().count(Membership, { user }, { filters: false })).toBe(1);
  });

  it(`twenty parallel wrong codes count one after the other: five attempts, then the code is gone`, async () => {
    const account = newAccount();
    await server.client().auth.register.mutate(account);
    const code = await mailedCode(account.email);
    const wrong = wrongCodeOf(code);
    await Promise.allSettled(Array.from({ length: 20 }, () => confirm(account.email, wrong)));
    expect(await server.database.fork().count(PendingRegistration, { email: account.email })).toBe(0);
    expect((await errorOf(confirm(account.email, code))).data?.fieldErrors).toEqual({
      code: 'Código inválido ou expirado.',
    });
    expect(await countUsers(account.email)).toBe(0);
    // The code mails are the only trace of the address: nothing else was written for it.
    expect(await server.database.fork().count(MailMessage, { to: account.email })).toBe(1);
  });
});
