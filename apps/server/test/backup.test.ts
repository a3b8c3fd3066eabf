import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { clientSearchColumns } from '@picineiros/api/client';
import { hashPassword } from '@picineiros/api/server';
import { openDatabase, seedDemo, type Database } from '@picineiros/db';
import { postgresUrlFor, withPostgresAdmin } from '@picineiros/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreBackup, type BackupSettings } from '../src/backup/index';
import { TEST_APP_SECRET, addMember, signUpOwner, startTestServer, type TestServer } from './harness';
import { seedOneOfEverything } from './procedure-cases';

// Backup → restore into a fresh database → every table has the same rows (count and a checksum of its
// rows), on the dialect of the run; plus retention, checksums and the refusals of restore.
const run = promisify(execFile);
const dialect = process.env['TEST_DIALECT'];
let server: TestServer;
let backupDir: string;
let settings: BackupSettings;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  server = await startTestServer();
  backupDir = mkdtempSync(join(tmpdir(), 'picineiros-backups-'));
  settings = {
    databaseUrl: server.testDatabase.settings.databaseUrl,
    dataDir: server.testDatabase.settings.dataDir,
    backupDir,
    keep: 3,
  };
  // The demo organization, plus a second organization with members, sign-ins, mail and audit rows.
  await seedDemo(server.database.fork(), { hashPassword, clientSearchColumns });
  const owner = await signUpOwner(server, { name: 'Dona Ção', organizationName: 'Piscinas "Aspas" & Cia' });
  await addMember(server, owner.orgId, 'staff');
  await seedOneOfEverything(server, owner);
});

afterAll(async () => {
  await server.close();
  for (const cleanup of cleanups) await cleanup();
  rmSync(backupDir, { recursive: true, force: true });
});

/** A value as stable text: dates as ISO, bytes as hex, objects with sorted keys. */
function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Buffer.isBuffer(value)) return JSON.stringify(value.toString('hex'));
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonical(child)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Per table: row count and the SHA-256 of its rows in a stable order. */
async function fingerprint(database: Database): Promise<Record<string, { rows: number; sha256: string }>> {
  const connection = database.fork().getConnection();
  const tables = (
    await connection.execute<{ name: string }[]>(
      database.dialect === 'postgresql'
        ? `select table_name as name from information_schema.tables
           where table_schema = 'public' and table_type = 'BASE TABLE'`
        : `select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`,
    )
  )
    .map((row) => row.name)
    .sort();
  const result: Record<string, { rows: number; sha256: string }> = {};
  for (const table of tables) {
    const rows = await connection.execute<Record<string, unknown>[]>(`select * from "${table}"`);
    const lines = rows.map(canonical).sort();
    result[table] = {
      rows: rows.length,
      sha256: createHash('sha256').update(lines.join('\n')).digest('hex'),
    };
  }
  return result;
}

/** A new, empty database of the run's dialect: a Postgres URL or a SQLite file path. */
async function freshTarget(): Promise<string> {
  if (dialect === 'postgresql') {
    const name = `picineiros_restore_${randomBytes(5).toString('hex')}`;
    await withPostgresAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
    cleanups.push(() =>
      withPostgresAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
    );
    return postgresUrlFor(name);
  }
  const directory = mkdtempSync(join(tmpdir(), 'picineiros-restore-'));
  cleanups.push(() => {
    rmSync(directory, { recursive: true, force: true });
    return Promise.resolve();
  });
  return join(directory, 'picineiros.sqlite');
}

async function openTarget(target: string): Promise<Database> {
  const database = await openDatabase({ databaseUrl: target, dataDir: tmpdir() }, { migrate: false });
  cleanups.unshift(() => database.close());
  return database;
}

describe(`backup and restore on ${String(dialect)}`, () => {
  let backupFile: string;

  it('restores a backup into a fresh database with every table equal, row for row', async () => {
    const before = await fingerprint(server.database);
    const result = await backupDatabase(settings);
    backupFile = result.file;
    // Nothing wrote meanwhile, so the comparison below is against what the backup saw.
    expect(await fingerprint(server.database)).toEqual(before);
    expect(basename(result.file)).toMatch(
      dialect === 'postgresql'
        ? /^picineiros-postgresql-\d{8}T\d{9}Z\.dump$/
        : /^picineiros-sqlite-\d{8}T\d{9}Z\.sqlite$/,
    );
    const sha256 = createHash('sha256').update(readFileSync(result.file)).digest('hex');
    expect(result.sha256).toBe(sha256);
    expect(readFileSync(`${result.file}.sha256`, 'utf8')).toBe(`${sha256}  ${basename(result.file)}\n`);

    const target = await freshTarget();
    const restored = await restoreBackup(settings, result.file, { target });
    expect(restored).toMatchObject({ dialect, sha256 });
    const after = await fingerprint(await openTarget(target));

    // A meaningful database: every table of the schema, the demo's rows and the extra organization's.
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(15);
    expect(before['clients']?.rows).toBeGreaterThan(20);
    expect(before['audit_entries']?.rows).toBeGreaterThan(0);
    expect(before['login_events']?.rows).toBeGreaterThanOrEqual(2);
    expect(before['mikro_orm_migrations']?.rows).toBeGreaterThan(0);
    expect(after).toEqual(before);
  });

  it('refuses to restore over a database with data unless forced, and a backup whose checksum fails', async () => {
    const target = await freshTarget();
    await restoreBackup(settings, backupFile, { target });
    await expect(restoreBackup(settings, backupFile, { target })).rejects.toThrow(
      dialect === 'postgresql' ? /is not empty .*--force/ : /already holds a database.*--force/,
    );
    if (dialect === 'sqlite') {
      // The forced restore replaces a changed database entirely.
      const database = await openDatabase({ databaseUrl: target, dataDir: tmpdir() }, { migrate: false });
      await database.fork().getConnection().execute(`delete from login_events`);
      await database.close();
    }
    await restoreBackup(settings, backupFile, { target, force: true });
    expect(await fingerprint(await openTarget(target))).toEqual(await fingerprint(server.database));

    const bytes = readFileSync(backupFile);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    const altered = join(mkdtempSync(join(backupDir, 'altered-')), basename(backupFile));
    writeFileSync(altered, bytes);
    writeFileSync(`${altered}.sha256`, readFileSync(`${backupFile}.sha256`));
    await expect(restoreBackup(settings, altered, { target: await freshTarget() })).rejects.toThrow(
      /checksum mismatch/,
    );
    rmSync(`${altered}.sha256`);
    await expect(restoreBackup(settings, altered, { target: await freshTarget() })).rejects.toThrow(
      /no checksum file/,
    );
  });

  it('keeps the newest BACKUP_KEEP backups and deletes the oldest with their checksums', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'picineiros-retention-'));
    cleanups.push(() => {
      rmSync(directory, { recursive: true, force: true });
      return Promise.resolve();
    });
    const days = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'];
    const made: string[] = [];
    for (const day of days) {
      const result = await backupDatabase(
        { ...settings, backupDir: directory, keep: 3 },
        new Date(`${day}T03:00:00Z`),
      );
      made.push(basename(result.file));
      if (made.length === 4) expect(result.deleted.map((file) => basename(file))).toEqual([made[0]]);
    }
    expect(readdirSync(directory).sort()).toEqual(
      made
        .slice(1)
        .flatMap((name) => [name, `${name}.sha256`])
        .sort(),
    );
  });

  it('runs as a command: backup, then restore into a fresh database', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'picineiros-command-'));
    cleanups.push(() => {
      rmSync(directory, { recursive: true, force: true });
      return Promise.resolve();
    });
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      APP_SECRET: TEST_APP_SECRET,
      DATA_DIR: settings.dataDir,
      BACKUP_DIR: directory,
      BACKUP_KEEP: '2',
      ...(settings.databaseUrl ? { DATABASE_URL: settings.databaseUrl } : {}),
    };
    const command = 'src/backup-command.ts';
    const cwd = join(import.meta.dirname, '..');
    const backup = await run('node', ['--import', 'tsx', command, 'backup'], { env, cwd });
    const made = JSON.parse(backup.stdout.trim()) as { file: string; sha256: string };
    expect(made.file.startsWith(directory)).toBe(true);

    const target = await freshTarget();
    const restoreArgs = ['--import', 'tsx', command, 'restore', made.file, '--target', target];
    const restore = await run('node', restoreArgs, { env, cwd });
    expect(JSON.parse(restore.stdout.trim())).toMatchObject({ event: 'restore', sha256: made.sha256 });
    expect(await fingerprint(await openTarget(target))).toEqual(await fingerprint(server.database));

    const again = await run('node', restoreArgs, { env, cwd }).catch(
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(again).toMatchObject({ code: 1 });
    expect((again as { stderr: string }).stderr).toMatch(/--force/);
  });
});
