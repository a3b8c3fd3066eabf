// Test databases for the suites that run on both dialects. The vitest project sets TEST_DIALECT; global
// setup migrates one template per run, and each test file clones it (CREATE DATABASE … TEMPLATE on
// Postgres, a file copy on SQLite), so files run in parallel on their own empty, migrated database.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type {} from 'vitest';
import { openDatabase, type Database } from './database';
import type { DatabaseSettings, Dialect } from './config';

const env = process.env;

export function testDialect(): Dialect {
  const dialect = env['TEST_DIALECT'];
  if (dialect !== 'postgresql' && dialect !== 'sqlite') {
    throw new Error('TEST_DIALECT must be postgresql or sqlite (set by the vitest project)');
  }
  return dialect;
}

export function postgresAdminUrl(): string {
  return env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function postgresUrlFor(database: string): string {
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withPostgresAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Tests need PostgreSQL at ${postgresAdminUrl()} (set TEST_POSTGRES_URL to change it): ${String(error)}`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: TemplateInfo;
  }
}

export type TemplateInfo = {
  dialect: Dialect;
  postgresTemplate?: string;
  sqliteTemplate?: string;
  runId: string;
};

/** Global setup: an empty database with every migration applied, cloned by each test file. */
export async function createTemplate(
  dialect: Dialect,
): Promise<{ info: TemplateInfo; teardown: () => Promise<void> }> {
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'picineiros-template-'));
    const database = await openDatabase({ dataDir });
    await database.close();
    return {
      info: { dialect, sqliteTemplate: join(dataDir, 'picineiros.sqlite'), runId },
      teardown: () => {
        rmSync(dataDir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const template = `picineiros_tpl_${runId}`;
  await withPostgresAdmin((admin) => admin.query(`CREATE DATABASE ${template}`));
  const database = await openDatabase({ databaseUrl: postgresUrlFor(template), dataDir: tmpdir() });
  await database.close();
  return {
    info: { dialect, postgresTemplate: template, runId },
    teardown: () =>
      withPostgresAdmin(async (admin) => {
        const { rows } = await admin.query<{ datname: string }>(
          `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
          [`picineiros_t_${runId}_%`, template],
        );
        for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
      }),
  };
}

export type TestDatabase = {
  dialect: Dialect;
  settings: DatabaseSettings;
  /** An open, migrated database on a fresh copy of the template. */
  database: Database;
  /** Opens another connection pool on the same data (a second server instance, a restart). */
  reopen(extra?: Partial<DatabaseSettings>): Promise<Database>;
  dispose(): Promise<void>;
};

export async function createTestDatabase(
  template: TemplateInfo,
  extra: Partial<DatabaseSettings> = {},
): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'picineiros-test-'));
  let settings: DatabaseSettings;
  let name: string | undefined;
  if (template.dialect === 'sqlite') {
    if (!template.sqliteTemplate) throw new Error('no SQLite template');
    copyFileSync(template.sqliteTemplate, join(dataDir, 'picineiros.sqlite'));
    settings = { dataDir, ...extra };
  } else {
    name = `picineiros_t_${template.runId}_${randomBytes(4).toString('hex')}`;
    await withPostgresAdmin((admin) =>
      admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.postgresTemplate}`),
    );
    settings = { databaseUrl: postgresUrlFor(name), dataDir, ...extra };
  }
  const opened: Database[] = [];
  const reopen = async (more: Partial<DatabaseSettings> = {}) => {
    const database = await openDatabase({ ...settings, ...more }, { migrate: false });
    opened.push(database);
    return database;
  };
  const database = await reopen();
  return {
    dialect: template.dialect,
    settings,
    database,
    reopen,
    dispose: async () => {
      for (const db of opened) await db.close();
      if (name)
        await withPostgresAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
