import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'picineiros-config-'));

describe(`configuration`, () => {
  it(`defaults to the embedded SQLite setup with a generated, persisted secret`, () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      seedDemo: true,
      production: false,
    });
    expect(config.appSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'app-secret'), 'utf8')).toBe(config.appSecret);
    expect(loadConfig({ DATA_DIR: dir }).appSecret).toBe(config.appSecret);
  });

  it(`selects Postgres from a postgres:// URL and does not seed the demo there by default`, () => {
    const config = loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://u:p@db:5432/picineiros' });
    expect(config.seedDemo).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT /],
    [{ PORT: '70000' }, /^Invalid configuration: PORT /],
    [{ NODE_ENV: 'production' }, /^Invalid configuration: APP_SECRET is required when NODE_ENV=production/],
    [{ APP_SECRET: 'short' }, /^Invalid configuration: APP_SECRET must be at least 32 characters$/],
    [{ CORS_ORIGINS: 'https://ok.example, not a url' }, /^Invalid configuration: CORS_ORIGINS /],
    [{ PUBLIC_URL: 'example.com' }, /^Invalid configuration: PUBLIC_URL /],
    [{ DATABASE_URL: 'postgres://' }, /^Invalid configuration: DATABASE_URL /],
    [{ DATABASE_URL: 'postgres://db:5432' }, /^Invalid configuration: DATABASE_URL /],
    [{ DATABASE_URL: 'mysql://db/picineiros' }, /^Invalid configuration: DATABASE_URL /],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL /],
    [{ TRUST_PROXY: 'maybe' }, /^Invalid configuration: TRUST_PROXY must be false, a number of proxy hops/],
    [{ TRUST_PROXY: 'true' }, /^Invalid configuration: TRUST_PROXY true would trust any X-Forwarded-For/],
    [{ TRUST_PROXY: '10.0.0.0/33' }, /^Invalid configuration: TRUST_PROXY must be false/],
    [{ TRUST_PROXY: '11' }, /^Invalid configuration: TRUST_PROXY must be false/],
    [
      { REQUEST_TIMEOUT_MS: '10' },
      /^Invalid configuration: REQUEST_TIMEOUT_MS must be a number of milliseconds/,
    ],
    [{ SHUTDOWN_TIMEOUT_MS: 'soon' }, /^Invalid configuration: SHUTDOWN_TIMEOUT_MS /],
    [{ PDF_WORKERS: '0' }, /^Invalid configuration: PDF_WORKERS must be a number of threads/],
    [{ ASAAS_API_KEY: '$aact_0123456789' }, /^Invalid configuration: ASAAS_WEBHOOK_TOKEN is required/],
    [{ ASAAS_BASE_URL: 'sandbox' }, /^Invalid configuration: ASAAS_BASE_URL /],
    [{ ASAAS_WEBHOOK_TOKEN: 'short' }, /^Invalid configuration: ASAAS_WEBHOOK_TOKEN /],
    [{ BILLING_GRACE_DAYS: 'seven' }, /^Invalid configuration: BILLING_GRACE_DAYS /],
    [{ BILLING_TRIAL_DAYS: '0' }, /^Invalid configuration: BILLING_TRIAL_DAYS /],
  ])(`names the variable in one line for %o`, (env, message) => {
    const load = () => loadConfig({ DATA_DIR: dataDir(), ...env });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });

  it(`takes TRUST_PROXY as a hop count or a list of proxy addresses/CIDRs, and timeouts with defaults`, () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(
      loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: 'loopback, 10.0.0.0/8,2001:db8::1' }).trustProxy,
    ).toEqual(['loopback', '10.0.0.0/8', '2001:db8::1']);
    const config = loadConfig({
      DATA_DIR: dataDir(),
      HEADERS_TIMEOUT_MS: '60000',
      REQUEST_TIMEOUT_MS: '20000',
    });
    // Node requires headersTimeout <= requestTimeout.
    expect(config.timeouts).toEqual({
      requestMs: 20_000,
      headersMs: 20_000,
      keepAliveMs: 72_000,
      drainMs: 0,
      shutdownMs: 10_000,
    });
    expect(config.pdf).toEqual({ workers: 1, queueLimit: 8, timeoutMs: 60_000 });
    expect(config.outboxBodyRetentionDays).toBe(7);
  });

  it(`parses the CORS allow-list`, () => {
    const config = loadConfig({ DATA_DIR: dataDir(), CORS_ORIGINS: 'https://a.example, https://b.example' });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it(`runs billing on Asaas with a key, on the local fake without one, and turns it off in production`, () => {
    const asaas = loadConfig({
      DATA_DIR: dataDir(),
      ASAAS_API_KEY: '$aact_0123456789',
      ASAAS_WEBHOOK_TOKEN: 'token-of-sixteen-or-more',
    });
    expect(asaas.billing).toMatchObject({
      mode: 'asaas',
      asaasBaseUrl: 'https://api-sandbox.asaas.com/v3',
      graceDays: 7,
      trialDays: 14,
    });
    expect(loadConfig({ DATA_DIR: dataDir() }).billing.mode).toBe('fake');
    const production = loadConfig({
      DATA_DIR: dataDir(),
      NODE_ENV: 'production',
      APP_SECRET: 'a'.repeat(40),
    });
    expect(production.billing).toMatchObject({ mode: 'off', asaasBaseUrl: 'https://api.asaas.com/v3' });
    expect(loadConfig({ DATA_DIR: dataDir(), BILLING_GRACE_DAYS: '3' }).billing.graceDays).toBe(3);
  });
  it(`runs one server process by default, several on Postgres, and refuses several on SQLite`, () => {
    const postgres = 'postgres://u:p@db:5432/picineiros';
    expect(loadConfig({ DATA_DIR: dataDir() }).serverWorkers).toBe(1);
    expect(loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: postgres }).serverWorkers).toBe(
      availableParallelism(),
    );
    expect(
      loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: postgres, SERVER_WORKERS: '3' }).serverWorkers,
    ).toBe(3);
    expect(
      loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: postgres, SERVER_WORKERS: 'auto' }).serverWorkers,
    ).toBe(availableParallelism());
    expect(loadConfig({ DATA_DIR: dataDir(), SERVER_WORKERS: '1' }).serverWorkers).toBe(1);
    const sqlite = () => loadConfig({ DATA_DIR: dataDir(), SERVER_WORKERS: '2' });
    expect(sqlite).toThrow(ConfigError);
    expect(sqlite).toThrow(
      /^Invalid configuration: SERVER_WORKERS must be 1 with SQLite \(got 2\); set DATABASE_URL/,
    );
    expect(() => loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: postgres, SERVER_WORKERS: 'many' })).toThrow(
      /^Invalid configuration: SERVER_WORKERS /,
    );
    expect(() => loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: postgres, SERVER_WORKERS: '0' })).toThrow(
      /^Invalid configuration: SERVER_WORKERS /,
    );
  });
});
