import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from 'helmet';
import fastifyStatic from '@fastify/static';
import { messages } from '@picineiros/api/client';
import {
  appRouter,
  AUTH_COOKIE_PATH,
  createContext,
  createCepLookup,
  createAsaasGateway,
  DATABASE_RETRY_AFTER_SECONDS,
  isDatabaseUnavailable,
  RequestBudget,
  type ApiDependencies,
  type LogBindings,
  type RequestInfo,
  type AsaasGateway,
} from '@picineiros/api/server';
import type { Database } from '@picineiros/db';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { registerAsaasWebhook } from './billing/webhook-route';
import type { Config } from './config';
import { createPdfPool } from './pdf/pool';
import { isShuttingDown } from './shutdown';
import { registerExportRoutes } from './exports/routes';
import { createServerMetrics, registerMetricsRoute, type ServerMetrics } from './observability/metrics';
import { registerTrpcHttp, type TrpcHttpOptions } from './trpc-http';
import { initErrorTracking, type ErrorTracker } from './observability/sentry';
import type { SlowQueryLog } from './observability/slow-queries';
import { registerCalendarRoutes } from './calendar';
import { recordRoutes, registerApiDocs } from './openapi/routes';
import { registerReportRoutes } from './reports';

export type ServerDependencies = {
  config: Config;
  database: Database;
  clock?: () => Date;
  /** Where JSON log lines go (default stdout); tests read them. */
  logStream?: { write(line: string): void };
  /** The web build of the UI (apps/desktop, `pnpm --filter @picineiros/desktop build:web`); null: none. */
  webRoot?: string | null;
  /** Prometheus metrics (default: a new registry); main shares it with the jobs and the mail worker. */
  metrics?: ServerMetrics;
  /** Error tracking (default: Sentry when SENTRY_DSN is set, else nothing). */
  errorTracker?: ErrorTracker;
  /** The database's slow-query log, which writes to this server's logger once it exists. */
  slowQueryLog?: SlowQueryLog;
  /** What /metrics serves (default: this process's registry; a cluster worker's: the whole cluster's). */
  renderMetrics?: () => Promise<string>;
};

/** Payments go through Asaas (or the fake, which main points the config at); without a key: off. */
function asaasGatewayOf(config: Config): AsaasGateway | null {
  const { mode, asaasApiKey, asaasBaseUrl } = config.billing;
  return mode !== 'off' && asaasApiKey
    ? createAsaasGateway({ baseUrl: asaasBaseUrl, apiKey: asaasApiKey })
    : null;
}

const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../desktop/dist/web/', import.meta.url));
const API_PREFIXES = [
  '/trpc',
  '/auth',
  '/healthz',
  '/readyz',
  '/reports',
  '/calendar',
  '/metrics',
  '/exports',
  '/webhooks',
  '/openapi.json',
  '/docs',
];

// Exactly the auth procedures: the /auth mount (where the refresh cookie is sent) serves nothing else.
const AUTH_PROCEDURES: ReadonlySet<string> = new Set(
  Object.keys(appRouter._def.procedures).filter((path) => path.startsWith('auth.')),
);

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Fastify's `trustProxy` from the config. A hop count is a function (Fastify 5 ignores a bare number): the
 * client is the address `hops` entries back in X-Forwarded-For, whoever the peer is, so it is only safe when
 * nothing but the proxy can reach the server; a list of proxy addresses believes only those peers.
 */
function trustProxyOf(config: Config): boolean | string[] | ((address: string, hop: number) => boolean) {
  const trust = config.trustProxy;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}

function isPinoLogger(logger: object): logger is { setBindings(bindings: Record<string, string>): void } {
  return 'setBindings' in logger && typeof logger.setBindings === 'function';
}

// The keys already bound to a request's logger: pino appends bindings, so each is bound once.
const boundLogKeys = new WeakMap<FastifyRequest, Set<string>>();

function bindLogContext(request: FastifyRequest, bindings: LogBindings): void {
  const bound = boundLogKeys.get(request) ?? new Set<string>();
  boundLogKeys.set(request, bound);
  const fresh = Object.fromEntries(Object.entries(bindings).filter(([key]) => !bound.has(key)));
  if (Object.keys(fresh).length === 0) return;
  for (const key of Object.keys(fresh)) bound.add(key);
  // request.log is this request's own child logger (reply.log is the same one): later lines, including
  // 'request completed', carry the ids.
  if (isPinoLogger(request.log)) request.log.setBindings(fresh);
}

function requestInfo(request: FastifyRequest, reply: FastifyReply): RequestInfo {
  return {
    id: request.id,
    ip: request.ip || null,
    userAgent: request.headers['user-agent'] ?? null,
    header: (name) => {
      const value = request.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    },
    cookie: (name) => request.cookies[name],
    setCookie: (name, value, options) => {
      void reply.setCookie(name, value, {
        httpOnly: options.httpOnly,
        secure: options.secure,
        sameSite: options.sameSite,
        path: options.path,
        ...(options.maxAgeSeconds === undefined ? {} : { maxAge: options.maxAgeSeconds }),
      });
    },
    clearCookie: (name, options) => {
      void reply.clearCookie(name, { path: options.path });
    },
    bindLogContext: (bindings) => {
      bindLogContext(request, bindings);
    },
  };
}

export async function buildServer({
  config,
  database,
  clock = () => new Date(),
  logStream,
  webRoot = DEFAULT_WEB_ROOT,
  metrics = createServerMetrics(database),
  errorTracker: givenErrorTracker,
  slowQueryLog,
  renderMetrics = () => metrics.registry.metrics(),
}: ServerDependencies) {
  const errorTracker = givenErrorTracker ?? (await initErrorTracking(config));
  const app = Fastify({
    trustProxy: trustProxyOf(config),
    // A request must arrive whole (headers and body) within requestTimeout: a client that declares a body
    // and stalls is cut off instead of holding a socket (and a shutdown) open.
    requestTimeout: config.timeouts.requestMs,
    keepAliveTimeout: config.timeouts.keepAliveMs,
    // How often node checks requestTimeout and headersTimeout (its default, 30 s, would let a stalled
    // request live up to 30 s past its deadline).
    http: { connectionsCheckingInterval: 1000 },
    // tRPC batches can carry many calls in one URL.
    routerOptions: { maxParamLength: 5000 },
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    logger: {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.refreshToken',
          '*.accessToken',
          '*.token',
        ],
        censor: '[redacted]',
      },
    },
  });

  app.server.headersTimeout = config.timeouts.headersMs;
  recordRoutes(app);
  // Every 503 (database unavailable, PDF queue full, shutting down) tells the client when to try again.
  app.addHook('onSend', async (_request, reply) => {
    if (reply.statusCode === 503 && !reply.hasHeader('retry-after')) {
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    }
  });
  // The routes outside tRPC (reports, exports, calendar, webhooks): an unreachable database is a 503.
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    // (A client's own aborted request carries ECONNRESET too, with a 4xx status: not the database.)
    const clientError = typeof error.statusCode === 'number' && error.statusCode < 500;
    if (!clientError && isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply.code(503).send({ error: messages.databaseUnavailable });
    }
    throw error;
  });
  // PDF reports render in worker threads (see pdf/pool.ts), never on this event loop.
  const pdfPool = createPdfPool({
    size: config.pdf.workers,
    maxQueue: config.pdf.queueLimit,
    timeoutMs: config.pdf.timeoutMs,
  });
  app.addHook('onClose', async () => {
    await pdfPool.close();
  });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  slowQueryLog?.useLogger(app.log);
  metrics.instrument(app);
  // tRPC answers its own errors (see onError below); this sees the other routes' 5xx.
  app.addHook('onError', async (request, _reply, error) => {
    if ((error.statusCode ?? 500) >= 500) errorTracker.capture(error, { requestId: request.id });
  });

  // helmet's security headers, its middleware built once: @fastify/helmet built it (parsing the CSP
  // directives again) on every request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Only a server published over HTTPS asks browsers to upgrade: served over plain HTTP on a local
        // network, the upgrade would break every asset of the web UI.
        upgradeInsecureRequests: config.publicUrl.startsWith('https:') ? [] : null,
      },
    },
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => {
      done(error instanceof Error ? error : undefined);
    });
  });
  await app.register(cors, {
    origin: (origin, callback) => {
      callback(null, origin === undefined || config.corsOrigins.includes(origin) ? (origin ?? false) : false);
    },
    credentials: true,
    allowedHeaders: [
      'content-type',
      'authorization',
      'x-org-id',
      'x-csrf-token',
      'x-request-id',
      'trpc-accept',
    ],
  });
  await app.register(cookie);

  const dependencies: ApiDependencies = {
    database,
    clock,
    settings: {
      appSecret: config.appSecret,
      production: config.production,
      publicUrl: config.publicUrl,
      billing: { trialDays: config.billing.trialDays, graceDays: config.billing.graceDays },
      limits: config.limits,
    },
    asaas: asaasGatewayOf(config),
    requestBudget: new RequestBudget(config.limits.requestsPerMinute),
    cepLookup: config.cepLookup
      ? createCepLookup({ baseUrl: config.cepLookup.url, timeoutMs: config.cepLookup.timeoutMs })
      : null,
    observer: metrics.observer,
  };
  const trpcOptions: TrpcHttpOptions<typeof appRouter> = {
    router: appRouter,
    maxBatch: config.maxBatch,
    createContext: (request, reply) => createContext(dependencies, requestInfo(request, reply), request.log),
    onError: ({ error, path, req }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        req.log.error({ err: error, path }, 'procedure failed');
        errorTracker.capture(error.cause ?? error, {
          requestId: req.id,
          ...(path === undefined ? {} : { procedure: path }),
        });
      }
    },
  };
  await app.register((scope, _options, done) => {
    registerTrpcHttp(scope, '/trpc', trpcOptions);
    done();
  });
  // The same API is mounted under /auth for auth.* calls only, the one path the refresh cookie is sent to.
  await app.register((auth, _options, done) => {
    registerTrpcHttp(auth, AUTH_COOKIE_PATH, { ...trpcOptions, onlyProcedures: AUTH_PROCEDURES });
    done();
  });

  // Without the observer: report and calendar downloads count as HTTP routes, not as the internal
  // access procedure they run through.
  const { observer: _observer, ...unobserved } = dependencies;
  if (dependencies.asaas && config.billing.webhookToken) {
    registerAsaasWebhook(app, {
      database,
      clock,
      token: config.billing.webhookToken,
      observer: metrics.observer,
    });
  }
  registerReportRoutes(app, unobserved, requestInfo, pdfPool.render);
  registerCalendarRoutes(app, unobserved, requestInfo);
  registerExportRoutes(app, unobserved, config.dataDir, requestInfo);
  registerMetricsRoute(app, metrics, {
    token: config.metricsToken,
    production: config.production,
    render: renderMetrics,
  });

  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    // From the first moment of shutdown: the load balancer stops sending new requests here.
    if (isShuttingDown(app)) return reply.code(503).send({ status: 'stopping', database: database.dialect });
    try {
      await database.orm.em.getConnection().execute('select 1');
      return { status: 'ready', database: database.dialect };
    } catch (error) {
      request.log.warn({ err: error }, 'database not reachable');
      return reply.code(503).send({ status: 'unavailable', database: database.dialect });
    }
  });
  // The API's description is for developers: not published by a production server.
  if (!config.production) await registerApiDocs(app);

  // The web build of the UI at `/`. The UI routes with the URL hash, so any other GET that is not an API
  // path (a bookmark, a reload) gets index.html; unknown API paths keep their 404.
  if (webRoot && existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: 'index.html', maxAge: '1h' });
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      const api = API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
      if (request.method !== 'GET' || api || path.startsWith('/assets/')) {
        return reply.code(404).send({ error: 'Not found' });
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }

  return app;
}
