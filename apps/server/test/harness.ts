// Boots the real server (Fastify + tRPC + ORM) on a loopback port over a fresh test database, and gives
// typed tRPC clients that talk to it over real HTTP, with a cookie jar like a browser's.
import type { AppRouter } from '@picineiros/api';
import { clientSearchColumns } from '@picineiros/api/client';
import { hashPassword } from '@picineiros/api/server';
import {
  createFixtures,
  MailMessage,
  type EntityManager,
  type MembershipRole,
  type SessionClient,
} from '@picineiros/db';
import { createTestDatabase, type TestDatabase } from '@picineiros/db/testing';
import { createTRPCClient, httpLink, splitLink, TRPCClientError } from '@trpc/client';
import makeFetchCookie from 'fetch-cookie';
import superjson from 'superjson';
import type { CookieJar } from 'tough-cookie';
import { inject } from 'vitest';
import { buildServer } from '../src/app';
import { loadConfig } from '../src/config';
import { codeFrom } from './smtp';

export const TEST_APP_SECRET = 'test-secret-that-is-long-enough-0123456789';

export type TestClock = { now: Date; advance(ms: number): void };

export function createClock(start = new Date()): TestClock & (() => Date) {
  const clock = Object.assign(() => clock.now, {
    now: start,
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  });
  return clock;
}

export type ClientOptions = {
  accessToken?: () => string | undefined;
  orgId?: () => string | undefined;
  csrfToken?: () => string | undefined;
  jar?: CookieJar;
  headers?: Record<string, string>;
};

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

export async function startTestServer(
  options: {
    clock?: () => Date;
    env?: Record<string, string>;
    logStream?: { write(line: string): void };
  } = {},
) {
  const testDatabase: TestDatabase = await createTestDatabase(inject('databaseTemplate'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATA_DIR: testDatabase.settings.dataDir,
    APP_SECRET: TEST_APP_SECRET,
    LOG_LEVEL: 'silent',
    // No test touches the internet: CEP lookups answer "unavailable" unless a test points them at a fake.
    CEP_LOOKUP_URL: 'off',
    // Every test registers its accounts from 127.0.0.1; the per-IP limit has its own test.
    RATE_LIMIT_REGISTRATIONS_PER_IP_HOUR: '100000',
    ...(testDatabase.settings.databaseUrl ? { DATABASE_URL: testDatabase.settings.databaseUrl } : {}),
    ...options.env,
  });

  async function boot(database = testDatabase.database) {
    const app = await buildServer({
      config,
      database,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.logStream ? { logStream: options.logStream } : {}),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    return { app, url: `http://127.0.0.1:${address.port}` };
  }

  let current = await boot();

  function client(clientOptions: ClientOptions = {}) {
    const fetchWithCookies = clientOptions.jar ? makeFetchCookie(fetch, clientOptions.jar) : fetch;
    const headers = () => {
      const result: Record<string, string> = { ...clientOptions.headers };
      const token = clientOptions.accessToken?.();
      if (token) result['authorization'] = `Bearer ${token}`;
      const orgId = clientOptions.orgId?.();
      if (orgId) result['x-org-id'] = orgId;
      const csrf = clientOptions.csrfToken?.();
      if (csrf) result['x-csrf-token'] = csrf;
      return result;
    };
    const link = (path: string) =>
      httpLink({ url: `${current.url}${path}`, transformer: superjson, headers, fetch: fetchWithCookies });
    // Like the web build: auth.* goes to /auth (where the refresh cookie is sent), the rest to /trpc.
    return createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.path.startsWith('auth.'),
          true: link('/auth'),
          false: link('/trpc'),
        }),
      ],
    });
  }

  return {
    dialect: testDatabase.dialect,
    config,
    get url() {
      return current.url;
    },
    /** The running Fastify instance (replaced by restart()). */
    get app() {
      return current.app;
    },
    get database() {
      return testDatabase.database;
    },
    testDatabase,
    client,
    /** Stops the HTTP server and starts a new one on a new connection pool: nothing kept in memory survives. */
    async restart() {
      await current.app.close();
      current = await boot(await testDatabase.reopen());
    },
    async close() {
      await current.app.close();
      await testDatabase.dispose();
    },
  };
}

/** The tRPC error code of a rejected call, for assertions. */
export async function errorOf(promise: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<AppRouter>;
    throw error;
  }
  throw new Error('expected the call to fail');
}

let counter = 0;
/** A unique, valid registration. */
export function newAccount(
  overrides: Partial<{ name: string; email: string; password: string; organizationName: string }> = {},
) {
  counter += 1;
  return {
    name: 'Ana Lima',
    email: `ana.${counter}.${Math.random().toString(36).slice(2, 8)}@example.com`,
    password: 'senha-forte-123',
    organizationName: 'Piscinas Lima',
    ...overrides,
  };
}

export type SignedIn = {
  client: ReturnType<TestServer['client']>;
  accessToken: string;
  userId: string;
  orgId: string;
  email: string;
  password: string;
};

/** The code of the last sign-up mail queued for `email`, read from the outbox (test servers send no mail). */
export async function registrationCodeFor(
  server: Pick<TestServer, 'database'>,
  email: string,
): Promise<string> {
  const mail = await server.database
    .fork()
    .findOne(
      MailMessage,
      { to: email.toLowerCase(), kind: 'registration_code' },
      { orderBy: { createdAt: 'desc', id: 'desc' } },
    );
  return codeFrom(mail?.text);
}

/** The whole sign-up: auth.register, then auth.confirmRegistration with the code from the mail. */
export async function registerAndConfirm(
  server: TestServer,
  api: ReturnType<TestServer['client']>,
  account: ReturnType<typeof newAccount>,
  client: SessionClient = 'desktop',
) {
  await api.auth.register.mutate(account);
  const code = await registrationCodeFor(server, account.email);
  return api.auth.confirmRegistration.mutate({ email: account.email, code, client });
}

/** Registers a new owner (with a new organization) as a desktop client and returns a client signed in. */
export async function signUpOwner(
  server: TestServer,
  overrides: Parameters<typeof newAccount>[0] = {},
): Promise<SignedIn> {
  const account = newAccount(overrides);
  const result = await registerAndConfirm(server, server.client(), account);
  const orgId = result.memberships[0]?.organizationId;
  if (!orgId) throw new Error('registration returned no organization');
  const signedIn = { accessToken: result.accessToken, orgId };
  return {
    client: server.client({ accessToken: () => signedIn.accessToken, orgId: () => signedIn.orgId }),
    accessToken: result.accessToken,
    userId: result.user.id,
    orgId,
    email: account.email,
    password: account.password,
  };
}

/** The shared row builders (packages/db/src/seed/fixtures.ts), folding clients' search text as the API does. */
export const { seedOrganization, seedMember, seedClient, seedAppointment, seedFinanceEntry } = createFixtures(
  { clientSearchColumns },
);

/** The same builders for rows written around the unit of work with `em.insertMany` (query-plan tests). */
export const bulkFixtures = createFixtures({ clientSearchColumns, persist: false });

/**
 * Writes the rows `build` adds with the builders above in one flush on a fresh fork, straight in the
 * database (for tests whose subject is not how those rows are made), and returns what `build` returns.
 */
export async function seed<T>(server: TestServer, build: (em: EntityManager) => T): Promise<T> {
  const em = server.database.fork();
  const built = build(em);
  await em.flush();
  return built;
}

/**
 * Adds a member with the given role to an organization straight in the database (invitations are their
 * own feature), then signs them in. Their e-mail is not verified, as an older account's may not be.
 */
export async function addMember(
  server: TestServer,
  orgId: string,
  role: MembershipRole,
  overrides: Parameters<typeof newAccount>[0] = {},
): Promise<SignedIn> {
  const account = newAccount({ name: `Membro ${role}`, ...overrides });
  const passwordHash = await hashPassword(account.password);
  await seed(server, (em) =>
    seedMember(em, orgId, { email: account.email, name: account.name, passwordHash, role }),
  );
  return signInExisting(server, account, orgId);
}

/**
 * Signs an existing account in as a desktop client (e.g. one registered through the page), acting in
 * `orgId` or in its first organization.
 */
export async function signInExisting(
  server: TestServer,
  account: { email: string; password: string },
  orgId?: string,
): Promise<SignedIn> {
  const login = await server
    .client()
    .auth.login.mutate({ email: account.email, password: account.password, client: 'desktop' });
  const organizationId = orgId ?? login.memberships[0]?.organizationId;
  if (!organizationId) throw new Error('the account belongs to no organization');
  return {
    client: server.client({ accessToken: () => login.accessToken, orgId: () => organizationId }),
    accessToken: login.accessToken,
    userId: login.user.id,
    orgId: organizationId,
    email: account.email,
    password: account.password,
  };
}
