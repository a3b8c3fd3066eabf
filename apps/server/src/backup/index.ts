import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { dialectOf, sqliteFileOf } from '@picineiros/db';
import { applyRetention, backupFileName, dialectOfBackup, verifyChecksum, writeChecksum } from './files';
import { BackupError, countPostgresTables, dumpPostgres, restorePostgres } from './postgres';
import { backupSqlite, restoreSqlite, sqliteHasData, sqliteInUse } from './sqlite';

export { BackupError } from './postgres';

export type BackupSettings = {
  /** postgres://… or a SQLite path/`file:` URL; none: the SQLite file under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  backupDir: string;
  /** How many backups of this database's dialect to keep (the newest). */
  keep: number;
};

export type BackupResult = {
  file: string;
  sha256: string;
  bytes: number;
  /** Older backups deleted by the retention policy. */
  deleted: string[];
};

/**
 * Backs the database up into `backupDir` under a timestamped name, writes its SHA-256 beside it and then
 * applies the retention. The file appears under its final name only when complete (written as .partial
 * and renamed), so retention and restores never see half a backup.
 */
export async function backupDatabase(settings: BackupSettings, now = new Date()): Promise<BackupResult> {
  const dialect = dialectOf(settings.databaseUrl);
  await mkdir(settings.backupDir, { recursive: true });
  const file = join(settings.backupDir, backupFileName(dialect, now));
  const partial = `${file}.partial`;
  try {
    if (dialect === 'postgresql' && settings.databaseUrl) {
      await dumpPostgres(settings.databaseUrl, partial);
    } else {
      const source = sqliteFileOf(settings);
      if (!existsSync(source)) throw new BackupError(`no SQLite database at ${source}`);
      await backupSqlite(settings.dataDir, settings.databaseUrl, partial);
    }
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
  const sha256 = await writeChecksum(file);
  const deleted = await applyRetention(settings.backupDir, dialect, settings.keep);
  return { file, sha256, bytes: (await stat(file)).size, deleted };
}

export type RestoreOptions = {
  /** Postgres URL or SQLite file to restore into; default: the configured database. */
  target?: string | undefined;
  /** Restore over a database that has data (Postgres: --clean --if-exists; SQLite: replace the file). */
  force?: boolean;
};

export type RestoreResult = { target: string; dialect: 'postgresql' | 'sqlite'; sha256: string };

/** Restores a backup made by `backupDatabase`, after checking its SHA-256. */
export async function restoreBackup(
  settings: Pick<BackupSettings, 'databaseUrl' | 'dataDir'>,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const source = resolve(file);
  if (!existsSync(source)) throw new BackupError(`no backup file at ${source}`);
  const dialect = dialectOfBackup(source);
  if (!dialect) throw new BackupError(`${source} is not a Picineiros backup (.dump or .sqlite)`);
  const checksum = await verifyChecksum(source);
  if (!checksum.ok) throw new BackupError(`refusing to restore ${source}: ${checksum.reason}`);

  const configuredDialect = dialectOf(settings.databaseUrl);
  const target =
    options.target ??
    (dialect === configuredDialect
      ? dialect === 'postgresql'
        ? settings.databaseUrl
        : sqliteFileOf(settings)
      : undefined);
  if (!target) {
    throw new BackupError(
      `${source} is a ${dialect} backup but the configured database is ${configuredDialect}: name one with --target`,
    );
  }
  if (dialect !== dialectOf(target)) {
    throw new BackupError(`${source} is a ${dialect} backup; the target ${describeTarget(target)} is not`);
  }

  if (dialect === 'postgresql') {
    const tables = await countPostgresTables(target);
    if (tables > 0 && !options.force) {
      throw new BackupError(
        `the target database ${describeTarget(target)} is not empty (${String(tables)} tables): restore into a new database, or add --force to replace what the backup holds`,
      );
    }
    await restorePostgres(source, target, tables > 0);
  } else {
    const path = resolve(target.replace(/^file:/, ''));
    if (sqliteInUse(path) && !options.force) {
      throw new BackupError(
        `${path} is in use (its -wal file exists): stop the server first (or add --force if it is stopped and the -wal is stale)`,
      );
    }
    if ((await sqliteHasData(path)) && !options.force) {
      throw new BackupError(
        `${path} already holds a database: stop the server and add --force to replace it`,
      );
    }
    await mkdir(resolve(path, '..'), { recursive: true });
    await restoreSqlite(source, path);
  }
  return { target: describeTarget(target), dialect, sha256: checksum.digest };
}

/** A target for messages: a URL without its password. */
function describeTarget(target: string): string {
  if (!/^postgres(ql)?:\/\//.test(target)) return target;
  const url = new URL(target);
  url.password = '';
  return url.toString();
}
