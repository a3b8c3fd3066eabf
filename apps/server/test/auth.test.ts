import { LoginEvent, Session } from '@picineiros/db';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClock,
  errorOf,
  newAccount,
  registerAndConfirm,
  signUpOwner,
  startTestServer,
  type TestServer,
} from './harness';

const clock = createClock(new Date('2026-03-10T12:00:00Z'));
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(async () => {
  await server.close();
});

describe(`accounts and sessions`, () => {
  it(`register, then the mailed code, creates user, organization and owner membership and signs in`, async () => {
    const account = newAccount({ email: 'Maria.Silva@Example.COM' });
    const result = await registerAndConfirm(server, server.client(), account);
    expect(result.user.email).toBe('maria.silva@example.com');
    expect(result.memberships).toHaveLength(1);
    expect(result.memberships[0]).toMatchObject({
      organizationName: account.organizationName,
      role: 'owner',
    });
    expect(result.refreshToken).toMatch(/^[0-9a-f-]{36}\./);
    const me = await server.client({ accessToken: () => result.accessToken }).auth.me.query();
    expect(me.user.id).toBe(result.user.id);
  });

  it(`rejects bad registration input with field-level pt-BR messages`, async () => {
    const error = await errorOf(
      server
        .client()
        .auth.register.mutate({ name: '', email: 'not-an-email', password: 'curta', organizationName: 'x' }),
    );
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.data?.fieldErrors).toMatchObject({
      name: 'Informe o nome.',
      email: 'Informe um e-mail válido.',
      password: 'A senha precisa ter pelo menos 10 caracteres.',
      organizationName: 'Informe o nome da empresa.',
    });
  });

  it(`logs in case-insensitively and answers wrong password and unknown e-mail alike`, async () => {
    const owner = await signUpOwner(server);
    const login = await server
      .client()
      .auth.login.mutate({ email: owner.email.toUpperCase(), password: owner.password, client: 'desktop' });
    expect(login.user.id).toBe(owner.userId);
    const wrong = await errorOf(
      server.client().auth.login.mutate({ email: owner.email, password: 'errada-123456' }),
    );
    const unknown = await errorOf(
      server.client().auth.login.mutate({ email: 'ninguem@example.com', password: 'errada-123456' }),
    );
    expect(wrong.data?.code).toBe('UNAUTHORIZED');
    expect(unknown.data?.code).toBe('UNAUTHORIZED');
    expect(wrong.message).toBe(unknown.message);
  });

  it(`rejects missing, forged and expired access tokens`, async () => {
    const owner = await signUpOwner(server);
    expect((await errorOf(server.client().auth.me.query())).data?.code).toBe('UNAUTHORIZED');
    const [header, payload] = owner.accessToken.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    expect((await errorOf(server.client({ accessToken: () => forged }).auth.me.query())).data?.code).toBe(
      'UNAUTHORIZED',
    );
    const tampered = `${header}.${Buffer.from(JSON.stringify({ sub: owner.userId, sid: 'x' })).toString('base64url')}.${owner.accessToken.split('.')[2]}`;
    expect((await errorOf(server.client({ accessToken: () => tampered }).auth.me.query())).data?.code).toBe(
      'UNAUTHORIZED',
    );
    // Valid (and remembered as verified) until it expires, then refused all the same.
    expect((await owner.client.auth.me.query()).user.id).toBe(owner.userId);
    clock.advance(15 * 60 * 1000 + 1000);
    expect((await errorOf(owner.client.auth.me.query())).data?.code).toBe('UNAUTHORIZED');
  });

  it(`rotates the refresh token on every use and detects reuse, revoking the whole family`, async () => {
    const account = newAccount();
    const login = await registerAndConfirm(server, server.client(), account);
    const first = login.refreshToken ?? '';
    const second = await server.client().auth.refresh.mutate({ refreshToken: first });
    expect(second.refreshToken).toBeDefined();
    expect(second.refreshToken).not.toBe(first);
    const third = await server.client().auth.refresh.mutate({ refreshToken: second.refreshToken ?? '' });
    expect(await server.client({ accessToken: () => third.accessToken }).auth.me.query()).toBeTruthy();

    // The first token comes back: the family is revoked, the latest token and its access token die too.
    expect((await errorOf(server.client().auth.refresh.mutate({ refreshToken: first }))).data?.code).toBe(
      'UNAUTHORIZED',
    );
    expect(
      (await errorOf(server.client().auth.refresh.mutate({ refreshToken: third.refreshToken ?? '' }))).data
        ?.code,
    ).toBe('UNAUTHORIZED');
    expect(
      (await errorOf(server.client({ accessToken: () => third.accessToken }).auth.me.query())).data?.code,
    ).toBe('UNAUTHORIZED');
    const session = await server.database.fork().findOneOrFail(Session, { user: login.user.id });
    expect(session.revokedReason).toBe('reuse');
  });

  it(`refuses a malformed or unknown refresh token`, async () => {
    for (const refreshToken of ['', 'garbage', `${crypto.randomUUID()}.${'a'.repeat(43)}`]) {
      expect((await errorOf(server.client().auth.refresh.mutate({ refreshToken }))).data?.code).toBe(
        'UNAUTHORIZED',
      );
    }
  });

  it(`expires refresh tokens after 30 days without use`, async () => {
    const login = await registerAndConfirm(server, server.client(), newAccount());
    clock.advance(30 * 24 * 60 * 60 * 1000 + 1000);
    expect(
      (await errorOf(server.client().auth.refresh.mutate({ refreshToken: login.refreshToken ?? '' }))).data
        ?.code,
    ).toBe('UNAUTHORIZED');
  });

  it(`logout ends the session: its refresh and access tokens stop working`, async () => {
    const login = await registerAndConfirm(server, server.client(), newAccount());
    await server.client().auth.logout.mutate({ refreshToken: login.refreshToken ?? '' });
    expect(
      (await errorOf(server.client().auth.refresh.mutate({ refreshToken: login.refreshToken ?? '' }))).data
        ?.code,
    ).toBe('UNAUTHORIZED');
    expect(
      (await errorOf(server.client({ accessToken: () => login.accessToken }).auth.me.query())).data?.code,
    ).toBe('UNAUTHORIZED');
  });

  it(`lists my sessions and revokes one, but never another user's`, async () => {
    const owner = await signUpOwner(server);
    const laptop = await server
      .client()
      .auth.login.mutate({ email: owner.email, password: owner.password, client: 'desktop' });
    const sessions = await owner.client.auth.sessions.query();
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    const other = sessions.find((session) => !session.current);
    if (!other) throw new Error('expected a second session');

    const stranger = await signUpOwner(server);
    expect((await errorOf(stranger.client.auth.revokeSession.mutate({ id: other.id }))).data?.code).toBe(
      'NOT_FOUND',
    );

    await owner.client.auth.revokeSession.mutate({ id: other.id });
    expect(
      (await errorOf(server.client({ accessToken: () => laptop.accessToken }).auth.me.query())).data?.code,
    ).toBe('UNAUTHORIZED');
    expect(await owner.client.auth.sessions.query()).toHaveLength(1);
  });
});

describe(`web sessions: cookies and CSRF`, () => {
  async function webLogin() {
    const account = newAccount();
    await registerAndConfirm(server, server.client(), account);
    const response = await fetch(`${server.url}/auth/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { email: account.email, password: account.password, client: 'web' } }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { json: Record<string, unknown> } } };
    return { account, cookies: response.headers.getSetCookie(), data: body.result.data.json };
  }

  it(`sets the refresh token as an HttpOnly, SameSite=Lax cookie limited to /auth, never in the body`, async () => {
    const { cookies, data } = await webLogin();
    expect(data['refreshToken']).toBeUndefined();
    expect(data['csrfToken']).toEqual(expect.any(String));
    const refresh = cookies.find((cookie) => cookie.startsWith('picineiros_refresh='));
    expect(refresh).toMatch(/HttpOnly/i);
    expect(refresh).toMatch(/SameSite=Lax/i);
    expect(refresh).toMatch(/Path=\/auth(;|$)/);
    expect(refresh).not.toMatch(/Secure/i); // not production
    const csrf = cookies.find((cookie) => cookie.startsWith('picineiros_csrf='));
    expect(csrf).not.toMatch(/HttpOnly/i);
  });

  it(`refreshes from the cookie only with the CSRF header`, async () => {
    const jar = new CookieJar();
    const account = newAccount();
    await registerAndConfirm(server, server.client(), account);
    const login = await server
      .client({ jar })
      .auth.login.mutate({ email: account.email, password: account.password });

    const noHeader = await errorOf(server.client({ jar }).auth.refresh.mutate());
    expect(noHeader.data?.code).toBe('FORBIDDEN');
    const wrongHeader = await errorOf(server.client({ jar, csrfToken: () => 'wrong' }).auth.refresh.mutate());
    expect(wrongHeader.data?.code).toBe('FORBIDDEN');
    const noHeaderLogout = await errorOf(server.client({ jar }).auth.logout.mutate());
    expect(noHeaderLogout.data?.code).toBe('FORBIDDEN');

    const withHeader = server.client({ jar, csrfToken: () => login.csrfToken });
    const refreshed = await withHeader.auth.refresh.mutate();
    expect(refreshed.accessToken).toEqual(expect.any(String));
    expect(refreshed.refreshToken).toBeUndefined();
    await withHeader.auth.refresh.mutate(); // the rotated cookie works in turn
    await withHeader.auth.logout.mutate();
    expect((await errorOf(withHeader.auth.refresh.mutate())).data?.code).toBe('UNAUTHORIZED');
  });

  it(`serves only auth.* procedures under /auth, the refresh cookie path`, async () => {
    const { cookies } = await webLogin();
    const cookieHeader = cookies.map((cookie) => cookie.split(';')[0]).join('; ');
    const response = await fetch(`${server.url}/auth/auth.me,clients.list`, {
      headers: { cookie: cookieHeader },
    });
    expect(response.status).toBe(404);
  });

  it(`lets two tabs refresh at once, but still catches a stale token replayed later`, async () => {
    const { cookies, data } = await webLogin();
    const csrf = String(data['csrfToken']);
    const refreshCookie = (setCookies: string[]) =>
      setCookies.find((cookie) => cookie.startsWith('picineiros_refresh='))?.split(';')[0] ?? '';
    const refreshWith = (cookie: string) =>
      fetch(`${server.url}/auth/auth.refresh`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: `${cookie}; picineiros_csrf=${csrf}`,
          'x-csrf-token': csrf,
        },
        body: JSON.stringify({ json: {} }),
      });
    const first = refreshCookie(cookies);
    const tabA = await refreshWith(first);
    expect(tabA.status).toBe(200);
    const second = refreshCookie(tabA.headers.getSetCookie());
    expect(second).not.toBe(first);

    // Tab B sent the same (now previous) cookie a moment later: an access token, no rotation, no revocation.
    const tabB = await refreshWith(first);
    expect(tabB.status).toBe(200);
    expect(refreshCookie(tabB.headers.getSetCookie())).toBe('');
    const third = await refreshWith(second);
    expect(third.status).toBe(200);

    // Much later, the old cookie is a replay: the family is revoked.
    clock.advance(11_000);
    const replay = await refreshWith(second);
    expect(replay.status).toBe(401);
    expect((await refreshWith(refreshCookie(third.headers.getSetCookie()))).status).toBe(401);
  });

  it(`marks cookies Secure in production`, async () => {
    const production = await startTestServer({ env: { NODE_ENV: 'production' } });
    try {
      const account = newAccount();
      await registerAndConfirm(production, production.client(), account);
      const response = await fetch(`${production.url}/auth/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: { email: account.email, password: account.password } }),
      });
      const refresh = response.headers
        .getSetCookie()
        .find((cookie) => cookie.startsWith('picineiros_refresh='));
      expect(refresh).toMatch(/Secure/);
    } finally {
      await production.close();
    }
  });
});

describe(`login throttling`, () => {
  it(`refuses the 6th attempt within 15 minutes, even with the right password, and survives a restart`, async () => {
    const owner = await signUpOwner(server);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const error = await errorOf(
        server.client().auth.login.mutate({ email: owner.email, password: 'senha-errada-1' }),
      );
      expect(error.data?.code).toBe('UNAUTHORIZED');
    }
    await server.restart();
    const refused = await errorOf(
      server.client().auth.login.mutate({ email: owner.email, password: owner.password }),
    );
    expect(refused.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.message).toMatch(/\d+ s\)/);
    const seconds = Number(/\((\d+) s\)/.exec(refused.message)?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(15 * 60);

    clock.advance(seconds * 1000);
    const login = await server.client().auth.login.mutate({ email: owner.email, password: owner.password });
    expect(login.user.id).toBe(owner.userId);

    const events = await server.database
      .fork()
      .find(LoginEvent, { email: owner.email }, { orderBy: { at: 'asc' } });
    expect(events.map((event) => event.outcome)).toEqual([
      'success', // registration
      'failure',
      'failure',
      'failure',
      'failure',
      'failure',
      'throttled',
      'success',
    ]);
  });

  it(`throttles by IP across e-mails`, async () => {
    const ip = { 'x-forwarded-for': '203.0.113.7' };
    const proxied = await startTestServer({ clock, env: { TRUST_PROXY: 'loopback' } });
    try {
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await errorOf(
          proxied
            .client({ headers: ip })
            .auth.login.mutate({ email: `alvo${attempt}@example.com`, password: 'x' }),
        );
      }
      const account = newAccount();
      await registerAndConfirm(proxied, proxied.client(), account);
      const refused = await errorOf(
        proxied
          .client({ headers: ip })
          .auth.login.mutate({ email: account.email, password: account.password }),
      );
      expect(refused.data?.code).toBe('TOO_MANY_REQUESTS');
      const elsewhere = await proxied
        .client({ headers: { 'x-forwarded-for': '198.51.100.1' } })
        .auth.login.mutate({ email: account.email, password: account.password });
      expect(elsewhere.user.email).toBe(account.email);
    } finally {
      await proxied.close();
    }
  });
});
