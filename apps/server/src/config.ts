import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { AbuseLimits } from '@picineiros/api/server';
import { dialectOf } from '@picineiros/db';
import { z } from 'zod';

// The only module that reads process.env: everything else receives a validated Config.

const booleanString = z
  .enum(['true', 'false', '1', '0'], { error: 'use true or false' })
  .transform((value) => value === 'true' || value === '1');

// `SENTRY_DSN=` (as docker-compose passes an unset variable) means not set.
function emptyAsUnset<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema);
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((url) => !url || isUsableDatabaseUrl(url), {
      error:
        'must be postgres://user:password@host:port/database, file:/path/to.sqlite or a SQLite file path',
    }),
  DATA_DIR: z.string().min(1).default('./data'),
  APP_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .refine((origins) => origins.every((origin) => URL.canParse(origin)), {
      error: 'must be a comma-separated list of origins such as https://app.example.com',
    }),
  PUBLIC_URL: z.url({ error: 'must be an absolute URL such as https://app.example.com' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform(parseTrustProxy)
    .refine((value) => value !== 'everyone', {
      error:
        'true would trust any X-Forwarded-For (a client could choose its own IP): set the number of proxies in front of the server (1 behind one nginx or load balancer) or their addresses/CIDRs, comma-separated',
    })
    .refine((value) => value !== 'invalid', {
      error:
        'must be false, a number of proxy hops (1-10) or a comma-separated list of proxy addresses/CIDRs (loopback, 10.0.0.0/8, 2001:db8::1)',
    }),
  REQUEST_TIMEOUT_MS: milliseconds(1000, 600_000, 30_000),
  HEADERS_TIMEOUT_MS: milliseconds(1000, 120_000, 10_000),
  KEEP_ALIVE_TIMEOUT_MS: milliseconds(1000, 600_000, 72_000),
  SHUTDOWN_TIMEOUT_MS: milliseconds(1000, 600_000, 10_000),
  SHUTDOWN_DRAIN_MS: milliseconds(0, 120_000, 0),
  PDF_WORKERS: z.coerce
    .number({ error: 'must be a number of threads (1-16)' })
    .int({ error: 'must be a number of threads (1-16)' })
    .min(1, { error: 'must be a number of threads (1-16)' })
    .max(16, { error: 'must be a number of threads (1-16)' })
    .optional(),
  PDF_QUEUE_LIMIT: z.coerce
    .number({ error: 'must be a number of waiting PDFs (0-1000)' })
    .int({ error: 'must be a number of waiting PDFs (0-1000)' })
    .min(0, { error: 'must be a number of waiting PDFs (0-1000)' })
    .max(1000, { error: 'must be a number of waiting PDFs (0-1000)' })
    .default(8),
  PDF_TIMEOUT_MS: milliseconds(1000, 600_000, 60_000),
  OUTBOX_BODY_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a whole number of days (0-365)' })
    .int({ error: 'must be a whole number of days (0-365)' })
    .min(0, { error: 'must be a whole number of days (0-365)' })
    .max(365, { error: 'must be a whole number of days (0-365)' })
    .default(7),
  SEED_DEMO: booleanString.optional(),
  SMTP_URL: z
    .string()
    .optional()
    .refine((url) => !url || (URL.canParse(url) && /^smtps?:$/.test(new URL(url).protocol)), {
      error: 'must be smtp://user:password@host:port or smtps://…',
    }),
  MAIL_FROM: z.string().min(3).max(200).default('Picineiros <nao-responda@picineiros.local>'),
  JOBS_ENABLED: booleanString.default(true),
  MAIL_POLL_INTERVAL_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(100)
    .default(5000),
  ASAAS_BASE_URL: z
    .url({ error: 'must be the Asaas API URL with its version, such as https://api-sandbox.asaas.com/v3' })
    .optional(),
  ASAAS_API_KEY: z.string().min(10, { error: 'must be an Asaas API key' }).optional(),
  ASAAS_WEBHOOK_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  BILLING_GRACE_DAYS: z.coerce
    .number({ error: 'must be a whole number of days' })
    .int({ error: 'must be a whole number of days' })
    .min(0)
    .max(60)
    .default(7),
  BILLING_TRIAL_DAYS: z.coerce
    .number({ error: 'must be a whole number of days' })
    .int({ error: 'must be a whole number of days' })
    .min(1)
    .max(90)
    .default(14),
  CEP_LOOKUP_URL: z
    .union([
      z.literal('off'),
      z.url({ error: 'must be the CEP service URL, such as https://viacep.com.br/ws, or off' }),
    ])
    .default('https://viacep.com.br/ws'),
  CEP_LOOKUP_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int({ error: 'must be a number of milliseconds' })
    .min(100)
    .max(30_000)
    .default(3000),
  METRICS_TOKEN: emptyAsUnset(z.string().min(16, { error: 'must be at least 16 characters' }).optional()),
  SENTRY_DSN: emptyAsUnset(
    z.url({ error: 'must be a Sentry DSN such as https://key@o0.ingest.sentry.io/0' }).optional(),
  ),
  SENTRY_ENVIRONMENT: z.string().min(1).max(64).optional(),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_KEEP: z.coerce
    .number({ error: 'must be a whole number of backups to keep (at least 1)' })
    .int({ error: 'must be a whole number of backups to keep (at least 1)' })
    .min(1, { error: 'must be a whole number of backups to keep (at least 1)' })
    .default(14),
  SLOW_QUERY_MS: z.coerce
    .number({ error: 'must be a number of milliseconds (0 turns the slow-query log off)' })
    .int()
    .min(0)
    .default(200),
  SERVER_WORKERS: z
    .union([
      z.literal('auto'),
      z.coerce
        .number({ error: 'must be a number of processes (1-64) or auto' })
        .int({ error: 'must be a number of processes (1-64) or auto' })
        .min(1, { error: 'must be a number of processes (1-64) or auto' })
        .max(64, { error: 'must be a number of processes (1-64) or auto' }),
    ])
    .optional(),
  RATE_LIMIT_REQUESTS_PER_MINUTE: limit(1200),
  RATE_LIMIT_DOWNLOADS_PER_MEMBER_HOUR: limit(60),
  RATE_LIMIT_DOWNLOADS_PER_ORG_HOUR: limit(200),
  RATE_LIMIT_REGISTRATIONS_PER_IP_HOUR: limit(10),
  RATE_LIMIT_PASSWORD_CHECKS_PER_HOUR: limit(10),
  TRPC_MAX_BATCH: z.coerce
    .number({ error: 'must be a number of calls (1-200)' })
    .int({ error: 'must be a number of calls (1-200)' })
    .min(1, { error: 'must be a number of calls (1-200)' })
    .max(200, { error: 'must be a number of calls (1-200)' })
    .default(20),
});

/** A rate limit: a whole number of uses per window; 0 turns it off. */
function limit(fallback: number) {
  const error = 'must be a whole number (0 turns the limit off)';
  return z.coerce.number({ error }).int({ error }).min(0, { error }).default(fallback);
}

function milliseconds(min: number, max: number, fallback: number) {
  const error = `must be a number of milliseconds (${min}-${max})`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback);
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * Fastify's `trustProxy`: false (no proxy: the peer's address is the client's), a hop count (how many
 * proxies in front append to X-Forwarded-For; the client is the address that many hops back) or the
 * proxies' addresses/CIDRs (only a peer in that list is believed). `true` would believe any peer.
 */
function parseTrustProxy(text: string): false | number | string[] | 'everyone' | 'invalid' {
  const value = text.trim();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') return 'everyone';
  if (/^\d+$/.test(value)) return Number(value) >= 1 && Number(value) <= 10 ? Number(value) : 'invalid';
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.length > 0 && entries.every(isProxyAddress) ? entries : 'invalid';
}

function isUsableDatabaseUrl(url: string): boolean {
  if (dialectOf(url) === 'postgresql') {
    if (!URL.canParse(url)) return false;
    const parsed = new URL(url);
    return parsed.hostname !== '' && parsed.pathname.length > 1;
  }
  return url.startsWith('file:') || !url.includes('://');
}

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  production: boolean;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  appSecret: string;
  corsOrigins: string[];
  publicUrl: string;
  logLevel: string;
  /** false, a number of proxy hops, or the trusted proxies' addresses/CIDRs (see parseTrustProxy). */
  trustProxy: false | number | string[];
  /** Receiving a whole request (headers and body) / its headers; idle keep-alive; the shutdown deadline. */
  timeouts: {
    requestMs: number;
    headersMs: number;
    keepAliveMs: number;
    /** After SIGTERM: /readyz 503 but still serving (drain), then the deadline for open connections. */
    drainMs: number;
    shutdownMs: number;
  };
  /** PDF reports render in a pool of worker threads with a bounded queue and a time limit. */
  pdf: { workers: number; queueLimit: number; timeoutMs: number };
  /** Sent e-mails keep their metadata; their bodies (which may hold links with tokens) go after this. */
  outboxBodyRetentionDays: number;
  seedDemo: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  mailPollIntervalMs: number;
  jobsEnabled: boolean;
  /**
   * Payments through Asaas. `mode`: `asaas` (ASAAS_API_KEY set), `fake` (embedded default outside
   * production: the local fake Asaas runs in-process), `off` (production without a key: no payments, and
   * no trial or limits enforced).
   */
  billing: {
    mode: 'asaas' | 'fake' | 'off';
    asaasBaseUrl: string;
    asaasApiKey: string | undefined;
    webhookToken: string | undefined;
    graceDays: number;
    trialDays: number;
  };
  /**
   * The CEP lookup that fills addresses in the forms (ViaCEP by default; any service answering ViaCEP's
   * JSON at <url>/<cep>/json/). null: off (CEP_LOOKUP_URL=off).
   */
  cepLookup: { url: string; timeoutMs: number } | null;
  /** Bearer token for /metrics; without it /metrics is open outside production and off in production. */
  metricsToken: string | undefined;
  sentryDsn: string | undefined;
  sentryEnvironment: string;
  /** Statements at least this slow are logged; 0: off. */
  slowQueryMs: number;
  /** Where `backup` writes (default DATA_DIR/backups) and how many of the newest it keeps. */
  backupDir: string;
  backupKeep: number;
  /** HTTP server processes (node:cluster) sharing the port; above 1 only with Postgres. */
  serverWorkers: number;
  /** Rate limits on heavy and guessable actions (RATE_LIMIT_*; 0: off), stored in the database. */
  limits: AbuseLimits;
  /** Procedures in one batched HTTP request; more is a 400. */
  maxBatch: number;
};

export class ConfigError extends Error {}

/** Validates the environment; a wrong or missing value throws one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    const value = env[variable];
    throw new ConfigError(
      `Invalid configuration: ${variable} ${issue?.message ?? 'is invalid'}${value === undefined ? ' (not set)' : ''}`,
    );
  }
  const values = parsed.data;
  const production = values.NODE_ENV === 'production';
  if (production && !values.APP_SECRET) {
    throw new ConfigError('Invalid configuration: APP_SECRET is required when NODE_ENV=production (not set)');
  }
  if (values.ASAAS_API_KEY && !values.ASAAS_WEBHOOK_TOKEN) {
    throw new ConfigError(
      'Invalid configuration: ASAAS_WEBHOOK_TOKEN is required when ASAAS_API_KEY is set (not set)',
    );
  }
  const dataDir = resolve(values.DATA_DIR);
  const databaseUrl = values.DATABASE_URL || undefined;
  const sqlite = dialectOf(databaseUrl) === 'sqlite';
  // Unset: one HTTP process per CPU on Postgres (Node runs JavaScript on one core per process), one on
  // SQLite.
  const serverWorkers =
    values.SERVER_WORKERS === 'auto' || (values.SERVER_WORKERS === undefined && !sqlite)
      ? availableParallelism()
      : (values.SERVER_WORKERS ?? 1);
  if (serverWorkers > 1 && sqlite) {
    // The embedded SQLite file takes one writer at a time and every process would run its own jobs.
    throw new ConfigError(
      `Invalid configuration: SERVER_WORKERS must be 1 with SQLite (got ${env['SERVER_WORKERS']}); set DATABASE_URL to Postgres to run several server processes`,
    );
  }
  return {
    nodeEnv: values.NODE_ENV,
    production,
    port: values.PORT,
    host: values.HOST,
    databaseUrl,
    dataDir,
    appSecret: values.APP_SECRET ?? embeddedAppSecret(dataDir),
    corsOrigins: values.CORS_ORIGINS,
    publicUrl: values.PUBLIC_URL ?? `http://localhost:${values.PORT}`,
    logLevel: values.LOG_LEVEL,
    trustProxy: values.TRUST_PROXY,
    timeouts: {
      requestMs: values.REQUEST_TIMEOUT_MS,
      headersMs: Math.min(values.HEADERS_TIMEOUT_MS, values.REQUEST_TIMEOUT_MS),
      keepAliveMs: values.KEEP_ALIVE_TIMEOUT_MS,
      drainMs: values.SHUTDOWN_DRAIN_MS,
      shutdownMs: values.SHUTDOWN_TIMEOUT_MS,
    },
    pdf: {
      // One thread leaves the other cores to the HTTP processes; a report waits rather than starve them.
      workers: values.PDF_WORKERS ?? 1,
      queueLimit: values.PDF_QUEUE_LIMIT,
      timeoutMs: values.PDF_TIMEOUT_MS,
    },
    outboxBodyRetentionDays: values.OUTBOX_BODY_RETENTION_DAYS,
    limits: {
      requestsPerMinute: values.RATE_LIMIT_REQUESTS_PER_MINUTE,
      downloadsPerMemberHour: values.RATE_LIMIT_DOWNLOADS_PER_MEMBER_HOUR,
      downloadsPerOrganizationHour: values.RATE_LIMIT_DOWNLOADS_PER_ORG_HOUR,
      registrationsPerIpHour: values.RATE_LIMIT_REGISTRATIONS_PER_IP_HOUR,
      passwordChecksPerUserHour: values.RATE_LIMIT_PASSWORD_CHECKS_PER_HOUR,
    },
    maxBatch: values.TRPC_MAX_BATCH,
    seedDemo: values.SEED_DEMO ?? dialectOf(databaseUrl) === 'sqlite',
    smtpUrl: values.SMTP_URL || undefined,
    mailFrom: values.MAIL_FROM,
    mailPollIntervalMs: values.MAIL_POLL_INTERVAL_MS,
    jobsEnabled: values.JOBS_ENABLED,
    billing: {
      mode: values.ASAAS_API_KEY ? 'asaas' : production ? 'off' : 'fake',
      asaasBaseUrl:
        values.ASAAS_BASE_URL ??
        (production ? 'https://api.asaas.com/v3' : 'https://api-sandbox.asaas.com/v3'),
      asaasApiKey: values.ASAAS_API_KEY,
      webhookToken: values.ASAAS_WEBHOOK_TOKEN,
      graceDays: values.BILLING_GRACE_DAYS,
      trialDays: values.BILLING_TRIAL_DAYS,
    },
    cepLookup:
      values.CEP_LOOKUP_URL === 'off'
        ? null
        : { url: values.CEP_LOOKUP_URL, timeoutMs: values.CEP_LOOKUP_TIMEOUT_MS },
    metricsToken: values.METRICS_TOKEN || undefined,
    sentryDsn: values.SENTRY_DSN || undefined,
    sentryEnvironment: values.SENTRY_ENVIRONMENT ?? values.NODE_ENV,
    slowQueryMs: values.SLOW_QUERY_MS,
    backupDir: values.BACKUP_DIR ? resolve(values.BACKUP_DIR) : join(dataDir, 'backups'),
    backupKeep: values.BACKUP_KEEP,
    serverWorkers,
  };
}

// Outside production the secret is generated once and kept under DATA_DIR, so sessions survive restarts.
function embeddedAppSecret(dataDir: string): string {
  const file = join(dataDir, 'app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
