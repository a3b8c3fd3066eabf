import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import superjson from 'superjson';
import { newAccount, registerAndConfirm, signUpOwner, startTestServer, type TestServer } from './harness';

const logLines: string[] = [];
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    env: { LOG_LEVEL: 'debug', CORS_ORIGINS: 'https://app.picineiros.com.br' },
    logStream: { write: (line) => logLines.push(line) },
  });
});
afterAll(async () => {
  await server.close();
});

describe(`HTTP surface`, () => {
  it(`answers /healthz and /readyz with the dialect`, async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: server.dialect });
  });

  it(`gives each request an id, echoes a sane incoming one and sends security headers`, async () => {
    const response = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'abc12345-trace' } });
    expect(response.headers.get('x-request-id')).toBe('abc12345-trace');
    const generated = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'bad id!' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    // PUBLIC_URL is plain HTTP here: no upgrade of the UI's requests to HTTPS.
    expect(response.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });

  it(`allows CORS only for configured origins`, async () => {
    const allowed = await fetch(`${server.url}/healthz`, {
      headers: { origin: 'https://app.picineiros.com.br' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.picineiros.com.br');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const denied = await fetch(`${server.url}/healthz`, { headers: { origin: 'https://evil.example' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it(`answers a single GET query (its own fast path) exactly as tRPC's batch path answers it`, async () => {
    const owner = await signUpOwner(server);
    await owner.client.clients.create.mutate({ name: 'Cliente da Comparação', pools: [{ type: 'vinyl' }] });
    const signedIn = { authorization: `Bearer ${owner.accessToken}`, 'x-org-id': owner.orgId };
    const cases: [string, unknown, Record<string, string>][] = [
      ['clients.list', { search: 'comparação' }, signedIn],
      ['clients.list', undefined, signedIn],
      ['clients.list', { page: 0, search: 'x'.repeat(101) }, signedIn],
      ['clients.list', {}, {}],
      ['clients.list', {}, { ...signedIn, 'x-org-id': crypto.randomUUID() }],
      ['clients.get', { id: crypto.randomUUID() }, signedIn],
    ];
    // Stack traces (development only) differ by call path; everything else must not.
    const withoutStack = (body: unknown) =>
      JSON.parse(JSON.stringify(body), (key, value: unknown) =>
        key === 'stack' ? undefined : value,
      ) as unknown;
    for (const [path, input, headers] of cases) {
      const encoded = (value: unknown) => encodeURIComponent(JSON.stringify(value));
      const single = await fetch(
        `${server.url}/trpc/${path}${input === undefined ? '' : `?input=${encoded(superjson.serialize(input))}`}`,
        { headers },
      );
      const batch = await fetch(
        `${server.url}/trpc/${path}?batch=1&input=${encoded(input === undefined ? {} : { 0: superjson.serialize(input) })}`,
        { headers },
      );
      const label = `${path} ${JSON.stringify(input)} ${Object.keys(headers).join(',')}`;
      expect(single.status, label).toBe(batch.status);
      expect(single.headers.get('content-type'), label).toBe(batch.headers.get('content-type'));
      expect(single.headers.get('vary'), label).toBe(batch.headers.get('vary'));
      // The fast path answered (a whole body with its length; tRPC's adapter streams it chunked).
      expect(single.headers.get('content-length'), label).not.toBeNull();
      expect(batch.headers.get('transfer-encoding'), label).toBe('chunked');
      const [batchBody] = (await batch.json()) as unknown[];
      expect(withoutStack(await single.json()), label).toEqual(withoutStack(batchBody));
    }
  });

  it(`never answers 500 to malformed requests`, async () => {
    const requests: [string, RequestInit][] = [
      [
        '/trpc/auth.login',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' },
      ],
      ['/trpc/auth.login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' }],
      ['/trpc/auth.login', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' }],
      ['/trpc/auth.login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'null' }],
      ['/trpc/auth.login', { method: 'GET' }],
      ['/trpc/auth.me?input=%7Bbroken', { method: 'GET' }],
      ['/trpc/nope.nothing', { method: 'GET' }],
      [
        '/trpc/auth.register',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ json: { name: 'x'.repeat(100_000) } }),
        },
      ],
      [
        '/trpc/auth.login',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ json: { email: ['a'], password: { $gt: '' } } }),
        },
      ],
      ['/trpc/organizations.current', { method: 'GET', headers: { authorization: 'Bearer x.y.z' } }],
      [
        '/trpc/auth.register',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            json: {
              name: 'Ana\u0000',
              email: 'nul@example.com',
              password: 'senha-longa-123',
              organizationName: 'Nul',
            },
          }),
        },
      ],
      ['/trpc/organizations.current', { method: 'GET', headers: { authorization: 'Basic abc' } }],
    ];
    for (const [path, init] of requests) {
      const response = await fetch(`${server.url}${path}`, init);
      expect(response.status, `${init.method ?? 'GET'} ${path}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${init.method ?? 'GET'} ${path}`).toBeLessThan(500);
    }
  });

  it(`keeps passwords, tokens and cookies out of the logs`, async () => {
    const account = newAccount({ password: 'senha-secreta-que-nao-vaza' });
    const api = server.client({ headers: { cookie: 'picineiros_refresh=segredo-do-cookie' } });
    const result = await registerAndConfirm(server, api, account);
    await server.client({ accessToken: () => result.accessToken }).auth.me.query();
    const logs = logLines.join('\n');
    expect(logs).toContain('incoming request');
    for (const secret of [
      account.password,
      result.accessToken,
      result.refreshToken ?? '-',
      'segredo-do-cookie',
    ]) {
      expect(logs).not.toContain(secret);
    }
  });

  it(`answers 503 on /readyz when the database is unreachable`, async () => {
    await server.database.close();
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', database: server.dialect });
  });
});
