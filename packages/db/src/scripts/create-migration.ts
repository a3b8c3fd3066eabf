// Generates a migration per dialect from the difference between the entities and a database that has
// every committed migration applied. Usage: pnpm --filter @picineiros/db migration:create [name]
// Postgres is taken from MIGRATIONS_DATABASE_URL (default: a scratch database on 127.0.0.1).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../database';

const name = process.argv[2] ?? 'update';
const adminUrl = process.env['MIGRATIONS_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scratch = `picineiros_migrations_${process.pid}`;

async function createFor(settings: Parameters<typeof openDatabase>[0]): Promise<void> {
  const database = await openDatabase(settings);
  try {
    const result = await database.orm.getMigrator().createMigration(undefined, false, false, name);
    console.log(result.fileName ? `${database.dialect}: wrote ${result.fileName}` : `${database.dialect}: no changes`);
  } finally {
    await database.close();
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'picineiros-migrations-'));
try {
  await createFor({ dataDir });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${scratch}`);
await admin.query(`CREATE DATABASE ${scratch}`);
try {
  const url = new URL(adminUrl);
  url.pathname = `/${scratch}`;
  await createFor({ databaseUrl: url.toString(), dataDir });
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${scratch}`);
  await admin.end();
}
