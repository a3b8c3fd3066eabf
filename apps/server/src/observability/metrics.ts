import { timingSafeEqual } from 'node:crypto';
import type { ApiObserver, DailyJobResult, DeliveryResult } from '@picineiros/api/server';
import { MailMessage, type Database } from '@picineiros/db';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const PREFIX = 'picineiros_';
// Seconds: most procedures answer in a few milliseconds; reports and jobs can take seconds.
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300];

/** The pool (tarn) behind knex, as far as the metrics need it. */
type ConnectionPool = {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
  max: number;
};

function isConnectionPool(value: unknown): value is ConnectionPool {
  return (
    typeof value === 'object' &&
    value !== null &&
    'numUsed' in value &&
    typeof value.numUsed === 'function' &&
    'numFree' in value &&
    'numPendingAcquires' in value &&
    'numPendingCreates' in value
  );
}

/**
 * One Prometheus registry per server instance (tests start many): HTTP and tRPC traffic, jobs, the mail
 * outbox, webhooks, the database pool and the default process metrics (CPU, memory, event loop lag, GC).
 */
export function createServerMetrics(database: Database) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });

  const procedureCalls = new Counter({
    name: `${PREFIX}trpc_calls_total`,
    help: 'tRPC procedure calls by procedure, type and result code (OK or the tRPC error code)',
    labelNames: ['procedure', 'type', 'code'] as const,
    registers: [registry],
  });
  const procedureDuration = new Histogram({
    name: `${PREFIX}trpc_call_duration_seconds`,
    help: 'tRPC procedure duration (middlewares, validation and handler) by procedure, type and result code',
    labelNames: ['procedure', 'type', 'code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const httpRequests = new Counter({
    name: `${PREFIX}http_requests_total`,
    help: 'HTTP requests by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'HTTP request duration until the response is sent, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const jobRuns = new Counter({
    name: `${PREFIX}job_runs_total`,
    help: 'Daily job runs by job and outcome (ran, skipped: another instance held the lock, failed)',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: `${PREFIX}job_run_duration_seconds`,
    help: 'Daily job run duration by job',
    labelNames: ['job'] as const,
    buckets: JOB_BUCKETS,
    registers: [registry],
  });
  const jobOrganizations = new Counter({
    name: `${PREFIX}job_organizations_total`,
    help: 'Organizations processed by daily job runs',
    labelNames: ['job'] as const,
    registers: [registry],
  });
  const mailSent = new Counter({
    name: `${PREFIX}mail_sent_total`,
    help: 'Mails handed to the SMTP server (or the embedded sender)',
    registers: [registry],
  });
  const mailFailures = new Counter({
    name: `${PREFIX}mail_delivery_failures_total`,
    help: 'Failed send attempts (each is retried with backoff until the attempt limit)',
    registers: [registry],
  });
  const mailRoundFailures = new Counter({
    name: `${PREFIX}mail_round_failures_total`,
    help: 'Delivery rounds that failed as a whole (database unreachable, …)',
    registers: [registry],
  });
  const webhookEvents = new Counter({
    name: `${PREFIX}webhook_events_total`,
    help: 'Webhook events by provider, event type and outcome (processed, ignored, failed)',
    labelNames: ['provider', 'event', 'outcome'] as const,
    registers: [registry],
  });

  // Read at scrape time: the outbox as it is in the database, so every instance reports the same depth.
  new Gauge({
    name: `${PREFIX}mail_outbox_messages`,
    help: 'Mails in the outbox: pending (all), due (pending and due now), failed (gave up)',
    labelNames: ['state'] as const,
    registers: [registry],
    // Every process reads the same table: across a cluster, one reading, not the sum.
    aggregator: 'max',
    async collect() {
      const em = database.fork();
      try {
        const [pending, due, failed] = await Promise.all([
          em.count(MailMessage, { status: 'pending' }),
          em.count(MailMessage, { status: 'pending', nextAttemptAt: { $lte: new Date() } }),
          em.count(MailMessage, { status: 'failed' }),
        ]);
        this.set({ state: 'pending' }, pending);
        this.set({ state: 'due' }, due);
        this.set({ state: 'failed' }, failed);
      } catch {
        // An unreachable database must not break the scrape; /readyz and the pool gauges show it.
        this.reset();
      }
    },
  });
  new Gauge({
    name: `${PREFIX}db_pool_connections`,
    help: 'Database pool connections by state: used, free, pending_acquires, pending_creates, max',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const client: unknown = database.orm.em.getConnection().getKnex().client;
      const pool = typeof client === 'object' && client !== null && 'pool' in client ? client.pool : null;
      if (!isConnectionPool(pool)) return;
      this.set({ state: 'used' }, pool.numUsed());
      this.set({ state: 'free' }, pool.numFree());
      this.set({ state: 'pending_acquires' }, pool.numPendingAcquires());
      this.set({ state: 'pending_creates' }, pool.numPendingCreates());
      this.set({ state: 'max' }, pool.max);
    },
  });

  const observer: ApiObserver = {
    procedureCompleted({ path, type, code, durationMs }) {
      const labels = { procedure: path, type, code };
      procedureCalls.inc(labels);
      procedureDuration.observe(labels, durationMs / 1000);
    },
    webhookHandled({ provider, event, outcome }) {
      webhookEvents.inc({ provider, event, outcome });
    },
  };

  return {
    registry,
    /** Give this to the API (ApiDependencies.observer) and to the webhook handlers. */
    observer,
    /** Counts every HTTP response by its route pattern (bounded labels: never the raw URL). */
    instrument(app: FastifyInstance): void {
      app.addHook('onResponse', async (request, reply) => {
        const labels = {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status_code: String(reply.statusCode),
        };
        httpRequests.inc(labels);
        httpDuration.observe(labels, reply.elapsedTime / 1000);
      });
    },
    /** A daily job's result, or 'failed'; other jobs (maintenance) may pass 'ran'. */
    jobRan(job: string, result: DailyJobResult | 'ran' | 'failed', durationMs: number): void {
      const outcome = typeof result === 'string' ? result : result.skipped ? 'skipped' : 'ran';
      jobRuns.inc({ job, outcome });
      jobDuration.observe({ job }, durationMs / 1000);
      if (typeof result !== 'string') jobOrganizations.inc({ job }, result.organizations);
    },
    mailDelivered(result: DeliveryResult | 'failed'): void {
      if (result === 'failed') {
        mailRoundFailures.inc();
        return;
      }
      mailSent.inc(result.sent);
      mailFailures.inc(result.failed);
    },
  };
}

export type ServerMetrics = ReturnType<typeof createServerMetrics>;

/** Job and mail hooks for callers that have no registry (the job command). */
export type WorkMetrics = Pick<ServerMetrics, 'jobRan' | 'mailDelivered'>;

/**
 * `GET /metrics` in the Prometheus text format. With a token: only `Authorization: Bearer <token>`.
 * Without one: open outside production (a developer's machine) and not served at all in production,
 * so a forgotten token never exposes the metrics.
 */
export function registerMetricsRoute(
  app: FastifyInstance,
  metrics: ServerMetrics,
  options: { token: string | undefined; production: boolean; render: () => Promise<string> },
): void {
  if (!options.token && options.production) return;
  const expected = options.token ? Buffer.from(`Bearer ${options.token}`) : undefined;
  app.get('/metrics', async (request, reply) => {
    if (expected) {
      const given = Buffer.from(request.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'Unauthorized' });
      }
    }
    const body = await options.render();
    return reply
      .header('content-type', metrics.registry.contentType)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
