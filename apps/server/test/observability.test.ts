import type { AppRouter } from '@picineiros/api';
import { MailMessage, type SlowQuery } from '@picineiros/db';
import { createTestDatabase } from '@picineiros/db/testing';
import { createTRPCClient, httpLink } from '@trpc/client';
import pino from 'pino';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildServer } from '../src/app';
import { loadConfig } from '../src/config';
import { startJobScheduler } from '../src/jobs/scheduler';
import { startMailWorker } from '../src/mail/worker';
import { createServerMetrics } from '../src/observability/metrics';
import { createSlowQueryLog } from '../src/observability/slow-queries';
import {
  errorOf,
  newAccount,
  registrationCodeFor,
  signUpOwner,
  startTestServer,
  TEST_APP_SECRET,
  type TestServer,
} from './harness';
import { sample } from './metrics-sample';

const METRICS_TOKEN = 'metrics-token-0123456789';
const logLines: string[] = [];
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    env: { METRICS_TOKEN, LOG_LEVEL: 'info' },
    logStream: { write: (line) => logLines.push(line) },
  });
});
afterAll(async () => {
  await server.close();
});

async function scrape(token = METRICS_TOKEN): Promise<string> {
  const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      void condition().then((done) => {
        if (done) resolve();
        else if (Date.now() > deadline) reject(new Error('timed out'));
        else setTimeout(poll, 50);
      }, reject);
    };
    poll();
  });
}

describe(`Prometheus metrics`, () => {
  it(`refuses /metrics without the bearer token`, async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, {
      headers: { authorization: 'Bearer metrics-token-9876543210' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
  });

  it(`counts tRPC calls per procedure and result code, with a latency histogram`, async () => {
    const owner = await signUpOwner(server);
    const before = await scrape();
    const ok = { procedure: 'clients.list', type: 'query', code: 'OK' };
    await owner.client.clients.list.query({});
    await owner.client.clients.list.query({});
    const unauthorized = { procedure: 'clients.list', type: 'query', code: 'UNAUTHORIZED' };
    expect((await errorOf(server.client().clients.list.query({}))).data?.code).toBe('UNAUTHORIZED');
    const after = await scrape();
    expect(
      sample(after, 'picineiros_trpc_calls_total', ok) - sample(before, 'picineiros_trpc_calls_total', ok),
    ).toBe(2);
    expect(
      sample(after, 'picineiros_trpc_calls_total', unauthorized) -
        sample(before, 'picineiros_trpc_calls_total', unauthorized),
    ).toBe(1);
    expect(sample(after, 'picineiros_trpc_call_duration_seconds_count', ok)).toBeGreaterThanOrEqual(2);
    expect(sample(after, 'picineiros_trpc_call_duration_seconds_bucket', { ...ok, le: '+Inf' })).toBe(
      sample(after, 'picineiros_trpc_call_duration_seconds_count', ok),
    );
    expect(sample(after, 'picineiros_trpc_calls_total', { procedure: 'auth.register', code: 'OK' })).toBe(1);
  });

  it(`counts HTTP requests by route pattern, not by raw URL`, async () => {
    await fetch(`${server.url}/healthz`);
    await fetch(`${server.url}/reports/clients.csv?x=1`);
    const text = await scrape();
    expect(
      sample(text, 'picineiros_http_requests_total', {
        method: 'GET',
        route: '/healthz',
        status_code: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    // Unauthenticated report download: counted under its pattern.
    expect(
      sample(text, 'picineiros_http_requests_total', { route: '/reports/:file', status_code: '401' }),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('clients.csv');
    // A report download is an HTTP route, not a tRPC procedure.
    expect(text).not.toMatch(/picineiros_trpc_calls_total\{procedure="open"/);
  });

  it(`reports process metrics and the database pool`, async () => {
    const text = await scrape();
    expect(sample(text, 'picineiros_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('picineiros_nodejs_eventloop_lag_seconds');
    expect(sample(text, 'picineiros_db_pool_connections', { state: 'max' })).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/picineiros_db_pool_connections\{state="used"\} \d+/);
  });

  it(`shows the mail outbox depth and counts sends and failures of the worker`, async () => {
    const em = server.database.fork();
    // Sign-ups in earlier tests queued their code mails: out of the way, so the outbox holds just ours.
    await em.nativeUpdate(MailMessage, { status: 'pending' }, { status: 'sent' });
    for (const to of ['a@example.com', 'b@example.com']) {
      em.create(MailMessage, {
        kind: 'test',
        to,
        subject: 'Teste',
        text: 'Olá',
        html: '<p>Olá</p>',
        nextAttemptAt: new Date(Date.now() - 1000),
      });
    }
    await em.flush();
    const queued = await scrape();
    expect(sample(queued, 'picineiros_mail_outbox_messages', { state: 'pending' })).toBe(2);
    expect(sample(queued, 'picineiros_mail_outbox_messages', { state: 'due' })).toBe(2);

    const metrics = createServerMetrics(server.database);
    const sent: string[] = [];
    const stop = startMailWorker({
      database: server.database,
      sender: {
        send: (mail) => {
          if (mail.to === 'b@example.com') return Promise.reject(new Error('SMTP 451'));
          sent.push(mail.to);
          return Promise.resolve();
        },
      },
      logger: pino({ level: 'silent' }),
      intervalMs: 100,
      clock: () => new Date(),
      metrics,
    });
    try {
      await waitFor(async () => {
        const text = await metrics.registry.metrics();
        return sample(text, 'picineiros_mail_delivery_failures_total') >= 1;
      });
    } finally {
      await stop();
    }
    const text = await metrics.registry.metrics();
    expect(sample(text, 'picineiros_mail_sent_total')).toBe(1);
    expect(sample(text, 'picineiros_mail_delivery_failures_total')).toBe(1);
    expect(sent).toEqual(['a@example.com']);
    // The failed one waits for its retry: pending, no longer due.
    const after = await scrape();
    expect(sample(after, 'picineiros_mail_outbox_messages', { state: 'pending' })).toBe(1);
    expect(sample(after, 'picineiros_mail_outbox_messages', { state: 'due' })).toBe(0);
  });

  it(`counts daily job runs and their durations`, async () => {
    const metrics = createServerMetrics(server.database);
    const stop = startJobScheduler({
      database: server.database,
      logger: pino({ level: 'silent' }),
      clock: () => new Date(),
      metrics,
      settings: { outboxBodyRetentionDays: 7 },
    });
    try {
      await waitFor(async () =>
        (await metrics.registry.metrics()).includes(
          'picineiros_job_run_duration_seconds_count{job="organization-purge"',
        ),
      );
    } finally {
      stop();
    }
    const text = await metrics.registry.metrics();
    // Maintenance jobs (the purge of deleted organizations) are counted too.
    expect(sample(text, 'picineiros_job_runs_total', { job: 'organization-purge', outcome: 'ran' })).toBe(1);
    for (const job of ['appointment-reminders', 'finance-notices']) {
      expect(sample(text, 'picineiros_job_runs_total', { job, outcome: 'ran' })).toBe(1);
      expect(sample(text, 'picineiros_job_run_duration_seconds_count', { job })).toBe(1);
    }
  });

  it(`counts webhook events reported through the API observer`, async () => {
    const metrics = createServerMetrics(server.database);
    metrics.observer.webhookHandled({ provider: 'asaas', event: 'PAYMENT_RECEIVED', outcome: 'processed' });
    metrics.observer.webhookHandled({ provider: 'asaas', event: 'PAYMENT_RECEIVED', outcome: 'processed' });
    metrics.observer.webhookHandled({ provider: 'asaas', event: 'other', outcome: 'failed' });
    const text = await metrics.registry.metrics();
    expect(
      sample(text, 'picineiros_webhook_events_total', {
        provider: 'asaas',
        event: 'PAYMENT_RECEIVED',
        outcome: 'processed',
      }),
    ).toBe(2);
    expect(sample(text, 'picineiros_webhook_events_total', { outcome: 'failed' })).toBe(1);
  });

  it(`does not serve /metrics in production without a token`, async () => {
    const production = await startTestServer({ env: { NODE_ENV: 'production' } });
    try {
      expect((await fetch(`${production.url}/metrics`)).status).toBe(404);
    } finally {
      await production.close();
    }
  });
});

describe(`structured logs`, () => {
  it(`puts the request id, user id and organization id on the request's log lines`, async () => {
    const owner = await signUpOwner(server);
    const requestId = `obs-${Date.now()}`;
    const client = server.client({
      accessToken: () => owner.accessToken,
      orgId: () => owner.orgId,
      headers: { 'x-request-id': requestId },
    });
    await client.clients.list.query({});
    const lines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const mine = lines.filter((line) => line['reqId'] === requestId);
    const completed = mine.find((line) => line['msg'] === 'request completed');
    expect(completed).toMatchObject({ userId: owner.userId, organizationId: owner.orgId });
    // Bound once, even though two middlewares (authed, org) and the context ran.
    const raw = logLines.find((line) => line.includes(requestId) && line.includes('request completed')) ?? '';
    expect(raw.match(/"userId"/g)).toHaveLength(1);
    // A public call has no user on its lines.
    const anonymous = `anon-${Date.now()}`;
    await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': anonymous } });
    const anonymousLines = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line['reqId'] === anonymous);
    expect(anonymousLines.length).toBeGreaterThan(0);
    for (const line of anonymousLines) expect(line['userId']).toBeUndefined();
  });
});

describe(`slow-query log`, () => {
  // A statement that takes a while on both dialects, with a parameter holding personal data.
  const SLOW_SQL =
    'with recursive c(x) as (select 1 union all select x + 1 from c where x < 400000) select count(*) as n from c where ? <> ?';
  const PERSONAL = 'maria.silva@example.com';

  async function runWith(thresholdMs: number) {
    const lines: Record<string, unknown>[] = [];
    const slowQueryLog = createSlowQueryLog(thresholdMs);
    slowQueryLog.useLogger({ warn: (object, message) => lines.push({ ...object, msg: message }) });
    const testDatabase = await createTestDatabase(inject('databaseTemplate'), {
      slowQuery: slowQueryLog.settings,
    });
    try {
      const em = testDatabase.database.fork();
      // What authedProcedure/orgProcedure put in the EntityManager's logger context, which em.find and
      // flush pass on; em.execute takes it as an argument.
      const loggerContext = {
        label: 'test',
        requestId: 'req-slow-1',
        userId: 'user-1',
        organizationId: 'org-1',
      };
      await em.execute(SLOW_SQL, [PERSONAL, '123.456.789-09'], 'all', loggerContext);
    } finally {
      await testDatabase.dispose();
    }
    return lines;
  }

  it(`logs a statement above the threshold, with its request and without parameter values`, async () => {
    const lines = (await runWith(2)).filter((line) => String(line['sql']).includes('recursive'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'slow query',
      requestId: 'req-slow-1',
      userId: 'user-1',
      organizationId: 'org-1',
      failed: false,
    });
    expect(Number(lines[0]?.['durationMs'])).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(PERSONAL);
    expect(text).not.toContain('123.456.789-09');
  });

  it(`stays silent below the threshold`, async () => {
    expect(await runWith(60_000)).toEqual([]);
  });

  it(`is off with a threshold of 0`, () => {
    expect(createSlowQueryLog(0).settings).toBeUndefined();
  });

  it(`names the request, user and organization of the statements a procedure runs`, async () => {
    // Threshold 0 at the database level: every statement is reported, so the test needs no slow SQL.
    const reported: SlowQuery[] = [];
    const testDatabase = await createTestDatabase(inject('databaseTemplate'), {
      slowQuery: { thresholdMs: 0, report: (query) => reported.push(query) },
    });
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: testDatabase.settings.dataDir,
      APP_SECRET: TEST_APP_SECRET,
      LOG_LEVEL: 'silent',
      ...(testDatabase.settings.databaseUrl ? { DATABASE_URL: testDatabase.settings.databaseUrl } : {}),
    });
    const app = await buildServer({ config, database: testDatabase.database, webRoot: null });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const client = (headers: Record<string, string>) =>
        createTRPCClient<AppRouter>({
          links: [httpLink({ url: `${url}/trpc`, transformer: superjson, headers })],
        });
      const account = newAccount();
      await client({}).auth.register.mutate(account);
      const registered = await client({}).auth.confirmRegistration.mutate({
        email: account.email,
        code: await registrationCodeFor({ database: testDatabase.database }, account.email),
        client: 'desktop',
      });
      const organizationId = registered.memberships[0]?.organizationId ?? '';
      reported.length = 0;
      await client({
        authorization: `Bearer ${registered.accessToken}`,
        'x-org-id': organizationId,
        'x-request-id': 'req-traced-0001',
      }).clients.list.query({});
      const listed = reported.filter((query) => /from .?clients.? /.test(query.sql));
      expect(listed.length).toBeGreaterThan(0);
      for (const query of listed) {
        expect(query.context).toMatchObject({
          requestId: 'req-traced-0001',
          userId: registered.user.id,
          organizationId,
        });
      }
      expect(JSON.stringify(reported)).not.toContain(account.email);
    } finally {
      await app.close();
      await testDatabase.dispose();
    }
  });
});

describe(`error tracking wiring`, () => {
  it(`reports an internal procedure error with its request id and procedure, and not client errors`, async () => {
    const captured: { error: unknown; context: { requestId?: string; procedure?: string } }[] = [];
    const testDatabase = await createTestDatabase(inject('databaseTemplate'));
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: testDatabase.settings.dataDir,
      APP_SECRET: TEST_APP_SECRET,
      LOG_LEVEL: 'silent',
      ...(testDatabase.settings.databaseUrl ? { DATABASE_URL: testDatabase.settings.databaseUrl } : {}),
    });
    const app = await buildServer({
      config,
      database: testDatabase.database,
      webRoot: null,
      errorTracker: {
        enabled: true,
        capture: (error, context = {}) => captured.push({ error, context }),
        close: () => Promise.resolve(),
      },
    });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const client = createTRPCClient<AppRouter>({
        links: [
          httpLink({
            url: `${url}/trpc`,
            transformer: superjson,
            headers: { 'x-request-id': 'req-broken-01' },
          }),
        ],
      });
      // A client error (no token) is not an incident.
      await errorOf(client.clients.list.query({}));
      expect(captured).toEqual([]);
      // The database goes away under the server: the next call fails inside.
      await testDatabase.database.close();
      const failure = await errorOf(
        client.auth.login.mutate({ email: 'x@example.com', password: 'senha-forte-123', client: 'desktop' }),
      );
      expect(failure.data?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(captured).toHaveLength(1);
      expect(captured[0]?.context).toEqual({ requestId: 'req-broken-01', procedure: 'auth.login' });
    } finally {
      await app.close();
      await testDatabase.dispose();
    }
  });
});
