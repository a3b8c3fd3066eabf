// Rules that count (throttles, rate limits) under parallel requests, on both dialects: each case sends its
// requests at once and checks that the count held, never just that a sequential caller is refused.
import type { AppRouter } from '@picineiros/api';
import { LoginEvent, RateLimitHit } from '@picineiros/db';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/app';
import {
  addMember,
  createClock,
  errorOf,
  newAccount,
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

/** Settles every promise and counts the outcomes by tRPC error code ('OK' for a success). */
async function outcomes(calls: Promise<unknown>[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const result of await Promise.allSettled(calls)) {
    const code =
      result.status === 'fulfilled'
        ? 'OK'
        : result.reason instanceof TRPCClientError
          ? String((result.reason as TRPCClientError<AppRouter>).data?.code)
          : 'UNKNOWN';
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

describe('login throttle under parallel attempts', () => {
  it('checks at most 5 of 40 parallel wrong passwords; the right one hidden in the burst does not sign in after', async () => {
    const owner = await signUpOwner(server);
    const login = (password: string) => server.client().auth.login.mutate({ email: owner.email, password });
    const burst = Array.from({ length: 40 }, (_, index) =>
      index === 20 ? login(owner.password) : login(`senha-errada-${index}`),
    );
    const counts = await outcomes(burst);
    // Five attempts are checked (the right password may be one of them); every other one is refused.
    expect((counts['UNAUTHORIZED'] ?? 0) + (counts['OK'] ?? 0)).toBe(5);
    expect(counts['TOO_MANY_REQUESTS']).toBe(35);

    // Once the five are used, the right password is refused like any other.
    const refused = await errorOf(login(owner.password));
    expect(refused.data?.code).toBe('TOO_MANY_REQUESTS');
    const events = await server.database.fork().find(LoginEvent, { email: owner.email });
    const byOutcome = (outcome: string) => events.filter((event) => event.outcome === outcome).length;
    expect(byOutcome('failure') + byOutcome('success') - 1).toBe(5); // minus the registration's success
    expect(byOutcome('throttled')).toBe(36);
  });

  it('answers 429 with Retry-After and the pt-BR wait', async () => {
    const owner = await signUpOwner(server);
    await outcomes(
      Array.from({ length: 5 }, () =>
        server.client().auth.login.mutate({ email: owner.email, password: 'senha-errada-0' }),
      ),
    );
    const response = await fetch(`${server.url}/auth/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { email: owner.email, password: owner.password } }),
    });
    expect(response.status).toBe(429);
    const seconds = Number(response.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
    const body = (await response.json()) as { error: { json: { message: string } } };
    expect(body.error.json.message).toMatch(/^Muitas tentativas de entrada\. .*\(\d+ s\)\.$/);
  });
});

describe('rate limits under parallel requests', () => {
  it('sends at most 5 password-reset mails for one address out of 12 parallel requests', async () => {
    const owner = await signUpOwner(server);
    const counts = await outcomes(
      Array.from({ length: 12 }, () =>
        server.client().auth.requestPasswordReset.mutate({ email: owner.email }),
      ),
    );
    expect(counts).toEqual({ OK: 5, TOO_MANY_REQUESTS: 7 });
    expect(
      await server.database
        .fork()
        .count(RateLimitHit, { bucket: 'account-mail:email', subject: owner.email }),
    ).toBe(5);
  });
});

describe('a lone UTF-16 surrogate in any text', () => {
  it('is a field error, never a 500, and changes nothing (clients, visits, finance create and update)', async () => {
    const owner = await signUpOwner(server);
    const api = owner.client;
    const broken = 'a\ud800b';
    const client = await api.clients.create.mutate({ name: 'Cliente Íntegro', pools: [{ type: 'other' }] });
    const visit = await api.appointments.create.mutate({
      clientId: client.id,
      date: '2026-03-20',
      startTime: '09:00',
    });
    const entry = await api.finance.create.mutate({
      clientId: client.id,
      description: 'Mensalidade',
      amountCents: 10_000,
      dueDate: '2026-03-20',
    });
    const attempts: [string, Promise<unknown>, string][] = [
      ['clients.create', api.clients.create.mutate({ name: broken, pools: [{ type: 'other' }] }), 'name'],
      ['clients.update', api.clients.update.mutate({ id: client.id, notes: 'x\udc00' }), 'notes'],
      [
        'appointments.create',
        api.appointments.create.mutate({
          clientId: client.id,
          date: '2026-03-21',
          startTime: '09:00',
          notes: broken,
        }),
        'notes',
      ],
      ['appointments.update', api.appointments.update.mutate({ id: visit.id, notes: broken }), 'notes'],
      [
        'finance.create',
        api.finance.create.mutate({
          clientId: client.id,
          description: broken,
          amountCents: 1,
          dueDate: '2026-03-20',
        }),
        'description',
      ],
      ['finance.update', api.finance.update.mutate({ id: entry.id, description: broken }), 'description'],
    ];
    for (const [procedure, call, field] of attempts) {
      const error = await errorOf(call);
      expect({ procedure, code: error.data?.code, fieldErrors: error.data?.fieldErrors }).toEqual({
        procedure,
        code: 'BAD_REQUEST',
        fieldErrors: { [field]: expect.stringMatching(/caractere inválido/i) as unknown },
      });
    }
    // A well-formed pair (an emoji) is fine.
    expect((await api.clients.update.mutate({ id: client.id, notes: 'ok 🏊' })).notes).toBe('ok 🏊');
    expect((await api.clients.list.query({})).total).toBe(1);
    expect((await api.finance.get.query({ id: entry.id })).description).toBe('Mensalidade');
  });
});

describe('errors never carry SQL', () => {
  it('a failing statement answers the generic message, without SQL or stack, even in development', async () => {
    const development = await startTestServer({ clock, env: { NODE_ENV: 'development' } });
    try {
      const owner = await signUpOwner(development);
      // A table gone from under the server: every audit.list statement fails in the database.
      await development.database.fork().getConnection().execute('drop table audit_entries');
      const response = await fetch(
        `${development.url}/trpc/audit.list?input=${encodeURIComponent('{"json":{}}')}`,
        {
          headers: { authorization: `Bearer ${owner.accessToken}`, 'x-org-id': owner.orgId },
        },
      );
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).toContain('Erro inesperado. Tente novamente em instantes.');
      expect(text).not.toMatch(/audit_entries|select\s|no such table|does not exist/i);
      const body = JSON.parse(text) as { error: { json: { data: { stack?: string } } } };
      expect(body.error.json.data.stack ?? null).toBeNull();
    } finally {
      await development.close();
    }
  });
});

describe('finance.markPaid: strict dates and the version', () => {
  async function newEntry() {
    const owner = await signUpOwner(server);
    const client = await owner.client.clients.create.mutate({ name: 'Pagador', pools: [{ type: 'other' }] });
    const entry = await owner.client.finance.create.mutate({
      clientId: client.id,
      description: 'Mensalidade',
      amountCents: 10_000,
      dueDate: '2026-03-05',
    });
    return { owner, entry };
  }

  it('refuses rolled-over, numeric, array and bare dates with a field error, changing nothing', async () => {
    const { owner, entry } = await newEntry();
    for (const paidAt of ['2026-02-30T12:00:00Z', '2026-02-29T12:00:00Z', '1', '2026-03-01', [1, 2], 1, '']) {
      // Raw JSON, as a script would send it (the typed client only sends Dates).
      const response = await fetch(`${server.url}/trpc/finance.markPaid`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${owner.accessToken}`,
          'x-org-id': owner.orgId,
        },
        body: JSON.stringify({ json: { id: entry.id, method: 'pix', paidAt } }),
      });
      const body = (await response.json()) as { error?: { json: { data: { fieldErrors?: unknown } } } };
      expect({ paidAt, status: response.status, fieldErrors: body.error?.json.data.fieldErrors }).toEqual({
        paidAt,
        status: 400,
        fieldErrors: { paidAt: 'Informe uma data de pagamento válida.' },
      });
    }
    expect((await owner.client.finance.get.query({ id: entry.id })).status).toBe('pending');
    // A full ISO instant with its offset, and a Date, are fine.
    const paid = await owner.client.finance.markPaid.mutate({
      id: entry.id,
      method: 'pix',
      paidAt: '2026-03-09T09:00:00-03:00',
    });
    expect(paid.paidAt?.toISOString()).toBe('2026-03-09T12:00:00.000Z');
  });

  it('10 parallel calls with one version: one records the payment, the others get CONFLICT', async () => {
    const { owner, entry } = await newEntry();
    const methods = ['pix', 'cash', 'boleto', 'card', 'bank_transfer'] as const;
    const calls = Array.from({ length: 10 }, (_, index) =>
      owner.client.finance.markPaid.mutate({
        id: entry.id,
        version: entry.version,
        method: methods[index % methods.length] ?? 'pix',
      }),
    );
    expect(await outcomes(calls)).toEqual({ OK: 1, CONFLICT: 9 });
    const winner = (await Promise.allSettled(calls)).find((result) => result.status === 'fulfilled');
    const stored = await owner.client.finance.get.query({ id: entry.id });
    expect(stored.paymentMethod).toBe(winner?.status === 'fulfilled' ? winner.value.paymentMethod : null);
    expect(stored.version).toBe(entry.version + 1);
  });
});

describe('rate limits on heavy and guessable actions (small limits, parallel requests)', () => {
  const limitsClock = createClock(new Date('2026-03-10T12:00:00Z'));
  let limited: TestServer;

  beforeAll(async () => {
    limited = await startTestServer({
      clock: limitsClock,
      env: {
        TRUST_PROXY: '1',
        RATE_LIMIT_REQUESTS_PER_MINUTE: '30',
        RATE_LIMIT_DOWNLOADS_PER_MEMBER_HOUR: '3',
        RATE_LIMIT_DOWNLOADS_PER_ORG_HOUR: '5',
        RATE_LIMIT_REGISTRATIONS_PER_IP_HOUR: '4',
        RATE_LIMIT_PASSWORD_CHECKS_PER_HOUR: '5',
        TRPC_MAX_BATCH: '20',
      },
    });
  });
  afterAll(async () => {
    await limited.close();
  });

  it('registration: 4 per IP and hour out of 8 parallel attempts, another IP unaffected', async () => {
    const register = (ip: string, index: number) =>
      limited
        .client({ headers: { 'x-forwarded-for': ip } })
        .auth.register.mutate(newAccount({ email: `registro.${ip}.${index}@example.com` }));
    const counts = await outcomes(Array.from({ length: 8 }, (_, index) => register('203.0.113.50', index)));
    expect(counts).toEqual({ OK: 4, TOO_MANY_REQUESTS: 4 });
    expect(await register('198.51.100.7', 0)).toEqual({
      status: 'code-sent',
      email: 'registro.198.51.100.7.0@example.com',
    });
  });

  it('changePassword: 5 password checks per user and hour, parallel guesses included; then 429 with Retry-After', async () => {
    const owner = await signUpOwner(limited);
    const counts = await outcomes(
      Array.from({ length: 8 }, (_, index) =>
        owner.client.auth.changePassword.mutate({
          currentPassword: `palpite-${index}`,
          newPassword: 'senha-nova-segura-1',
        }),
      ),
    );
    expect(counts).toEqual({ BAD_REQUEST: 5, TOO_MANY_REQUESTS: 3 });
    // The right password too, until the hour has passed; deleteAccount shares the allowance.
    const response = await fetch(`${limited.url}/auth/auth.changePassword`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.accessToken}` },
      body: JSON.stringify({ json: { currentPassword: owner.password, newPassword: 'senha-nova-segura-1' } }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      (await errorOf(owner.client.privacy.deleteAccount.mutate({ password: owner.password }))).data?.code,
    ).toBe('TOO_MANY_REQUESTS');
    limitsClock.advance(60 * 60 * 1000);
    // An hour later (a new access token: the old one expired) the right password is checked again.
    const login = await limited.client().auth.login.mutate({ email: owner.email, password: owner.password });
    await limited.client({ accessToken: () => login.accessToken }).auth.changePassword.mutate({
      currentPassword: owner.password,
      newPassword: 'senha-nova-segura-1',
    });
  });

  it('report downloads: 3 per member and 5 per organization and hour, in parallel', async () => {
    const owner = await signUpOwner(limited);
    const admin = await addMember(limited, owner.orgId, 'admin');
    const download = (member: { accessToken: string }) =>
      fetch(`${limited.url}/reports/clients.csv`, {
        headers: { authorization: `Bearer ${member.accessToken}`, 'x-org-id': owner.orgId },
      });
    const statuses = async (responses: Promise<Response>[]) =>
      (await Promise.all(responses)).map((response) => response.status).sort();
    expect(await statuses(Array.from({ length: 6 }, () => download(owner)))).toEqual([
      200, 200, 200, 429, 429, 429,
    ]);
    // The organization has 2 of its 5 left: the admin gets those, whatever their own allowance.
    const adminTries = await Promise.all(Array.from({ length: 4 }, () => download(admin)));
    expect(adminTries.map((response) => response.status).sort()).toEqual([200, 200, 429, 429]);
    const refused = adminTries.find((response) => response.status === 429);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused?.json()) as { error: string }).error).toMatch(
      /^Muitas solicitações em pouco tempo/,
    );
  });

  it('the per-token budget (30 calls a minute) holds across two server instances on one database', async () => {
    const owner = await signUpOwner(limited);
    // A second instance: its own process state (budget tallies), the same database.
    const second = await buildServer({
      config: limited.config,
      database: limited.database,
      clock: limitsClock,
    });
    await second.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = second.server.address();
      const secondUrl = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
      const me = (url: string) =>
        fetch(`${url}/auth/auth.me`, { headers: { authorization: `Bearer ${owner.accessToken}` } });
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, index) => me(index % 2 === 0 ? limited.url : secondUrl)),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(30);
      expect(statuses.filter((status) => status === 429)).toHaveLength(20);
      const refused = responses.find((response) => response.status === 429);
      expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another minute, another budget.
      limitsClock.advance(60_000);
      expect((await me(secondUrl)).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('a batch of more than 20 calls is a 400; /auth serves exactly the auth procedures, %2C included', async () => {
    const owner = await signUpOwner(limited);
    const headers = { authorization: `Bearer ${owner.accessToken}`, 'x-org-id': owner.orgId };
    const batch = (count: number, prefix = '/trpc') =>
      fetch(`${limited.url}${prefix}/${Array.from({ length: count }, () => 'auth.me').join(',')}?batch=1`, {
        headers,
      });
    limitsClock.advance(60_000);
    expect((await batch(20)).status).toBe(200);
    const tooMany = await batch(21);
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: string }).error).toBe(
      'Chamadas demais numa só requisição (até 20).',
    );
    limitsClock.advance(60_000);
    const smuggled = await fetch(`${limited.url}/auth/auth.me%2Cclients.list?batch=1`, { headers });
    expect(smuggled.status).toBe(404);
    expect((await fetch(`${limited.url}/auth/clients.list`, { headers })).status).toBe(404);
    expect((await fetch(`${limited.url}/auth/auth.me%2Cauth.me?batch=1`, { headers })).status).toBe(200);
  });
});
