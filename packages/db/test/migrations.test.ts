import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, schemaDrift, type Database } from '../src';
import { postgresUrlFor, testDialect, withPostgresAdmin } from '../src/testing';

const dialect = testDialect();

describe(`migrations on ${dialect}`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'picineiros-migrations-test-'));
  const scratch = `picineiros_migrations_test_${process.pid}`;
  let database: Database | undefined;

  afterAll(async () => {
    await database?.close();
    if (dialect === 'postgresql') {
      await withPostgresAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`));
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('apply from an empty database and match the entities exactly (no drift)', async () => {
    if (dialect === 'postgresql') {
      await withPostgresAdmin(async (admin) => {
        await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${scratch}`);
      });
    }
    database = await openDatabase({
      dataDir,
      ...(dialect === 'postgresql' ? { databaseUrl: postgresUrlFor(scratch) } : {}),
    });
    expect(database.dialect).toBe(dialect);
    const migrator = database.orm.migrator;
    expect(await migrator.getPendingMigrations()).toEqual([]);
    expect((await migrator.getExecutedMigrations()).length).toBeGreaterThan(0);
    // An entity change without a migration makes this fail: run `pnpm --filter @picineiros/db migration:create`.
    expect(await schemaDrift(database)).toBe('');
  });

  it('are idempotent: a second start applies nothing', async () => {
    if (!database) throw new Error('first test did not open the database');
    const again = await database.orm.migrator.up();
    expect(again).toEqual([]);
  });
});
