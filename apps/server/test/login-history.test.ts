import { hashPassword } from '@picineiros/api/server';
import { LoginEvent, MailMessage, Membership, Organization, User } from '@picineiros/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  errorOf,
  newAccount,
  registerAndConfirm,
  signUpOwner,
  startTestServer,
  type SignedIn,
  type TestServer,
} from './harness';
import { deliverThrough, startSmtpServer } from './smtp';

// Sign-in history (auth.loginHistory), the organization's members' sign-ins (audit.logins) and the
// new-device notice, through the real server and a real SMTP server.
const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36';
const CHROME_WINDOWS_UPDATED = CHROME_WINDOWS.replace('Chrome/141.0.0.0', 'Chrome/142.0.7444.60');
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:144.0) Gecko/20100101 Firefox/144.0';
const SAFARI_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  // Behind a proxy, so each test can say where a sign-in comes from with X-Forwarded-For.
  server = await startTestServer({
    env: { TRUST_PROXY: 'loopback', PUBLIC_URL: 'https://app.picineiros.test' },
  });
});
afterAll(async () => {
  await server.close();
  await smtp.stop();
});

function deliver() {
  return deliverThrough(smtp.url, server.database, new Date());
}

function from(userAgent: string, ip: string) {
  return server.client({ headers: { 'user-agent': userAgent, 'x-forwarded-for': ip } });
}

async function signIn(
  account: { email: string; password: string },
  userAgent: string,
  ip: string,
  client: 'web' | 'desktop' = 'web',
) {
  return from(userAgent, ip).auth.login.mutate({ email: account.email, password: account.password, client });
}

/** Registers through the API from a given browser (the account's first sign-in). */
async function register(userAgent: string, ip: string) {
  const account = newAccount({ name: 'Beatriz Nunes' });
  const result = await registerAndConfirm(server, from(userAgent, ip), account, 'web');
  return { ...account, userId: result.user.id };
}

function mailsTo(email: string) {
  return smtp.received.filter((mail) => mail.to.includes(email));
}

function clientOf(accessToken: string, orgId?: string) {
  return server.client({ accessToken: () => accessToken, orgId: () => orgId });
}

describe('auth.loginHistory', () => {
  it("lists the caller's own sign-ins, failures too, newest first, page by page", async () => {
    const account = await register(CHROME_WINDOWS, '203.0.113.10');
    const other = await signUpOwner(server);
    await errorOf(signIn({ ...account, password: 'senha-errada-00' }, FIREFOX_LINUX, '198.51.100.7'));
    const last = await signIn(account, SAFARI_MAC, '192.0.2.44', 'desktop');
    await errorOf(signIn({ ...other, password: 'senha-errada-00' }, CHROME_WINDOWS, '203.0.113.10'));

    const api = clientOf(last.accessToken);
    const all = await api.auth.loginHistory.query();
    expect(
      all.items.map(({ outcome, client, browser, os, ip }) => ({ outcome, client, browser, os, ip })),
    ).toEqual([
      { outcome: 'success', client: 'desktop', browser: 'Safari', os: 'macOS', ip: '192.0.2.44' },
      { outcome: 'failure', client: 'web', browser: 'Firefox', os: 'Linux', ip: '198.51.100.7' },
      { outcome: 'success', client: 'web', browser: 'Chrome', os: 'Windows', ip: '203.0.113.10' },
    ]);
    expect(all.items[0]?.userAgent).toBe(SAFARI_MAC);
    expect(all.nextCursor).toBeNull();

    const first = await api.auth.loginHistory.query({ limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual(all.items.slice(0, 2).map((item) => item.id));
    expect(first.nextCursor).not.toBeNull();
    const second = await api.auth.loginHistory.query({ limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((item) => item.id)).toEqual([all.items[2]?.id]);
    expect(second.nextCursor).toBeNull();

    const bad = await errorOf(api.auth.loginHistory.query({ cursor: "2026-01-01T00:00:00Z|' or 1=1" }));
    expect(bad.data?.code).toBe('BAD_REQUEST');
    expect(bad.data?.fieldErrors).toEqual({ cursor: 'Cursor inválido.' });
    const tooMany = await errorOf(api.auth.loginHistory.query({ limit: 101 }));
    expect(tooMany.data?.fieldErrors?.['limit']).toBe('Peça até 100 registros por página.');
    expect((await errorOf(server.client().auth.loginHistory.query())).data?.code).toBe('UNAUTHORIZED');
  });
});

describe('audit.logins', () => {
  let owner: SignedIn;
  let admin: SignedIn;
  let staff: SignedIn;
  let outsider: SignedIn;
  let membershipOf: Record<'owner' | 'admin' | 'staff', string>;

  beforeAll(async () => {
    owner = await signUpOwner(server, { organizationName: 'Piscinas Auditadas' });
    admin = await addMember(server, owner.orgId, 'admin');
    staff = await addMember(server, owner.orgId, 'staff');
    outsider = await signUpOwner(server, { organizationName: 'Outra Empresa' });
    await signIn(staff, FIREFOX_LINUX, '198.51.100.20', 'web');
    await errorOf(signIn({ ...staff, password: 'senha-errada-00' }, FIREFOX_LINUX, '198.51.100.20'));
    await signIn(outsider, CHROME_WINDOWS, '203.0.113.99');
    const em = server.database.fork();
    const memberships = await em.find(Membership, { organization: owner.orgId }, { populate: ['user'] });
    const byUser = (userId: string) => memberships.find((member) => member.user.id === userId)?.id ?? '';
    membershipOf = { owner: byUser(owner.userId), admin: byUser(admin.userId), staff: byUser(staff.userId) };
  });

  it("shows owners and admins their members' sign-ins, and nobody else's", async () => {
    for (const reader of [owner, admin]) {
      const page = await reader.client.audit.logins.query({});
      const people = page.items.map((item) => `${item.member.email}:${item.outcome}`);
      expect(people).toEqual([
        `${staff.email}:failure`,
        `${staff.email}:success`,
        `${staff.email}:success`,
        `${admin.email}:success`,
        `${owner.email}:success`,
      ]);
      expect(JSON.stringify(page)).not.toContain(outsider.email);
    }
    const forbidden = await errorOf(staff.client.audit.logins.query({}));
    expect(forbidden.data?.code).toBe('FORBIDDEN');
  });

  it('filters by member and by local date range, and pages with a cursor', async () => {
    const onlyStaff = await admin.client.audit.logins.query({ membershipId: membershipOf.staff });
    expect(onlyStaff.items).toHaveLength(3);
    expect(onlyStaff.items.every((item) => item.member.membershipId === membershipOf.staff)).toBe(true);
    expect(onlyStaff.items[0]).toMatchObject({ browser: 'Firefox', os: 'Linux', ip: '198.51.100.20' });

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date());
    const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect((await admin.client.audit.logins.query({ from: today, to: today })).items).toHaveLength(5);
    expect((await admin.client.audit.logins.query({ from: tomorrow })).items).toHaveLength(0);
    expect((await admin.client.audit.logins.query({ to: '2026-01-01' })).items).toHaveLength(0);
    const reversed = await errorOf(admin.client.audit.logins.query({ from: today, to: '2026-01-01' }));
    expect(reversed.data?.fieldErrors?.['to']).toBe('A data final deve ser igual ou posterior à inicial.');

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.client.audit.logins.query({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const all = await admin.client.audit.logins.query({});
    expect(seen).toEqual(all.items.map((item) => item.id));
  });

  it("answers NOT_FOUND for another organization's member, and hides sign-ins from before joining", async () => {
    const em = server.database.fork();
    const outsiderMembership = await em.findOneOrFail(Membership, { user: outsider.userId });
    const foreign = await errorOf(admin.client.audit.logins.query({ membershipId: outsiderMembership.id }));
    expect(foreign.data?.code).toBe('NOT_FOUND');
    // The outsider joins our organization now: their earlier sign-ins stay theirs.
    em.create(Membership, {
      user: em.getReference(User, outsider.userId),
      organization: em.getReference(Organization, owner.orgId),
      role: 'staff',
    });
    await em.flush();
    const joined = await em.findOneOrFail(Membership, { user: outsider.userId, organization: owner.orgId });
    expect(
      (await admin.client.audit.logins.query({ membershipId: joined.id })).items.map((item) => item.outcome),
    ).toEqual([]);
    await signIn(outsider, SAFARI_MAC, '192.0.2.1');
    const after = await admin.client.audit.logins.query({ membershipId: joined.id });
    expect(after.items.map((item) => `${item.browser}:${item.member.email}`)).toEqual([
      `Safari:${outsider.email}`,
    ]);
  });
});

describe('new-device sign-in notice', () => {
  it('mails the user when a sign-in comes from a new device, never on the first sign-in', async () => {
    const account = await register(CHROME_WINDOWS, '203.0.113.10');
    await deliver();
    // Registration sent its code, no new-device notice.
    expect(mailsTo(account.email).map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/^Seu código do Picineiros: \d{6}$/),
    ]);

    // The same browser family and OS from the same /24, after a browser update: a known device.
    await signIn(account, CHROME_WINDOWS_UPDATED, '203.0.113.77');
    await deliver();
    expect(mailsTo(account.email)).toHaveLength(1);

    // Another browser elsewhere: a new device, one notice.
    const session = await signIn(account, FIREFOX_LINUX, '198.51.100.7');
    await deliver();
    const notices = mailsTo(account.email).filter((mail) => mail.subject.startsWith('Novo acesso'));
    expect(notices).toHaveLength(1);
    const notice = notices[0];
    expect(notice?.subject).toBe('Novo acesso à sua conta do Picineiros');
    expect(notice?.text).toContain('Olá, Beatriz Nunes!');
    expect(notice?.text).toContain('Firefox no Linux');
    expect(notice?.text).toContain('endereço IP 198.51.100.7');
    expect(notice?.text).toContain('https://app.picineiros.test/#/profile');
    expect(notice?.html).toContain('Revisar acessos');

    // Once seen, that device is known; and the same browser on another network is new again.
    await signIn(account, FIREFOX_LINUX, '198.51.100.200');
    await signIn(account, CHROME_WINDOWS, '192.0.2.5');
    await deliver();
    expect(mailsTo(account.email).filter((mail) => mail.subject.startsWith('Novo acesso'))).toHaveLength(2);

    const history = await clientOf(session.accessToken).auth.loginHistory.query();
    expect(history.items.map((item) => item.newDevice)).toEqual([true, false, true, false, false]);
  });

  it('respects the user preference, which defaults to on and is theirs alone', async () => {
    const account = await register(CHROME_WINDOWS, '203.0.113.10');
    const session = await signIn(account, CHROME_WINDOWS, '203.0.113.10');
    const api = clientOf(session.accessToken);
    expect(await api.settings.myNotifications.query()).toEqual({ notifyNewDevice: true });
    expect(await api.settings.updateMyNotifications.mutate({ notifyNewDevice: false })).toEqual({
      notifyNewDevice: false,
    });
    const bad = await errorOf(
      api.settings.updateMyNotifications.mutate({ notifyNewDevice: 'sim' as unknown as boolean }),
    );
    expect(bad.data?.code).toBe('BAD_REQUEST');
    expect(bad.data?.fieldErrors?.['notifyNewDevice']).toBeDefined();

    await signIn(account, SAFARI_MAC, '192.0.2.9');
    await deliver();
    expect(mailsTo(account.email).filter((mail) => mail.subject.startsWith('Novo acesso'))).toEqual([]);
    // Still recorded as a new device in the history.
    expect((await api.auth.loginHistory.query({ limit: 1 })).items[0]?.newDevice).toBe(true);

    await api.settings.updateMyNotifications.mutate({ notifyNewDevice: true });
    await signIn(account, FIREFOX_LINUX, '198.51.100.30');
    await deliver();
    expect(mailsTo(account.email).filter((mail) => mail.subject.startsWith('Novo acesso'))).toHaveLength(1);
  });

  it('sends nothing for a first sign-in, a failed one, or history from before device keys', async () => {
    // A member created by an invitation signs in for the first time.
    const owner = await signUpOwner(server);
    const member = await addMember(server, owner.orgId, 'staff');
    // A user whose only earlier sign-in was recorded without a device key (before this feature).
    const account = newAccount();
    const em = server.database.fork();
    const legacy = em.create(User, {
      email: account.email,
      name: 'Legado',
      passwordHash: await hashPassword(account.password),
    });
    em.create(LoginEvent, { email: account.email, user: legacy, outcome: 'success', at: new Date() });
    await em.flush();
    await signIn(account, SAFARI_MAC, '192.0.2.50');
    await errorOf(signIn({ ...member, password: 'senha-errada-00' }, SAFARI_MAC, '192.0.2.50'));

    const queued = await server.database
      .fork()
      .count(MailMessage, { kind: 'new_device_sign_in', to: { $in: [member.email, account.email] } });
    expect(queued).toBe(0);
    const events = await server.database
      .fork()
      .find(LoginEvent, { user: { $in: [member.userId, legacy.id] } }, { orderBy: { at: 'asc', id: 'asc' } });
    expect(events.map((event) => [event.email, event.outcome, event.newDevice])).toEqual([
      [member.email, 'success', false],
      [account.email, 'success', false],
      [account.email, 'success', false],
      [member.email, 'failure', false],
    ]);
  });
});
