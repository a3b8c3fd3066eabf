import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../src/config';

// No Docker engine runs in CI, so the compose file and the Dockerfile are checked statically: the stack
// is complete and the server's environment in compose passes the server's own configuration check.
const root = join(import.meta.dirname, '../../..');

type ComposeService = {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
};

/** Resolves compose interpolation the way `docker compose` does for ${VAR}, ${VAR:-default} and ${VAR:?error}. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    const set = env[name];
    if (set !== undefined && set !== '') return set;
    if (kind === '?') throw new Error(`compose requires ${name}: ${rest ?? ''}`);
    return kind === '-' ? (rest ?? '') : '';
  });
}

describe(`docker-compose.yml and Dockerfile`, () => {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, ComposeService>;
    volumes: Record<string, unknown>;
  };

  it(`run postgres 16, the server built from the Dockerfile, and mailpit`, () => {
    expect(Object.keys(compose.services).sort()).toEqual(['backup', 'mailpit', 'postgres', 'server']);
    expect(compose.services['postgres']?.image).toBe('postgres:16');
    expect(compose.services['postgres']?.healthcheck).toBeDefined();
    expect(compose.services['mailpit']?.image).toMatch(/^axllent\/mailpit/);
    expect(compose.services['server']?.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    expect(compose.services['server']?.depends_on?.['postgres']?.condition).toBe('service_healthy');
  });

  it(`give the server an environment its configuration accepts, and refuse to start without APP_SECRET`, () => {
    const environment = compose.services['server']?.environment ?? {};
    const shell = { APP_SECRET: 'a'.repeat(48) };
    const env = Object.fromEntries(
      Object.entries(environment).map(([key, value]) => [key, interpolate(value, shell)]),
    );
    const config = loadConfig({ ...env, DATA_DIR: mkdtempSync(join(tmpdir(), 'picineiros-compose-')) });
    expect(config).toMatchObject({ production: true, host: '0.0.0.0', port: 3000, seedDemo: false });
    expect(config.databaseUrl).toBe('postgres://picineiros:picineiros@postgres:5432/picineiros');
    expect(() => interpolate(environment['APP_SECRET'] ?? '', {})).toThrow(/APP_SECRET/);
  });

  it(`run nightly backups with the server's image, its configuration and a backups volume`, () => {
    const backup = compose.services['backup'] as ComposeService & { command?: string[]; volumes?: string[] };
    expect(backup.build).toEqual(compose.services['server']?.build);
    expect(backup.command?.slice(0, 6)).toEqual([
      'node',
      '--import',
      'tsx',
      'src/backup-command.ts',
      'backup',
      '--cron',
    ]);
    expect(interpolate(backup.command?.[6] ?? '', {})).toBe('0 3 * * *');
    expect(backup.volumes).toContain('backups:/backups');
    expect(compose.volumes).toHaveProperty('backups');
    const shell = { APP_SECRET: 'a'.repeat(48) };
    const env = Object.fromEntries(
      Object.entries(backup.environment ?? {}).map(([key, value]) => [key, interpolate(value, shell)]),
    );
    const config = loadConfig({ ...env, DATA_DIR: mkdtempSync(join(tmpdir(), 'picineiros-compose-')) });
    expect(config).toMatchObject({ backupDir: '/backups', backupKeep: 14 });
    expect(config.databaseUrl).toBe('postgres://picineiros:picineiros@postgres:5432/picineiros');
    // pg_dump must not be older than the Postgres server of the compose file.
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(
      `postgresql-client-${compose.services['postgres']?.image?.split(':')[1] ?? '?'}`,
    );
  });

  it(`build the server in stages and run it unprivileged with a readiness health check`, () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/pnpm install --frozen-lockfile/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/readyz/);
    // Every workspace manifest is copied before the install, or the frozen install fails.
    for (const manifest of ['apps/server', 'apps/desktop', 'packages/api', 'packages/db']) {
      expect(dockerfile).toContain(`COPY ${manifest}/package.json ${manifest}/`);
    }
  });
});
