import { existsSync } from 'node:fs';
import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { openDatabase } from '@picineiros/db';

// SQLite: `VACUUM INTO` writes a consistent copy of the database from one read transaction, so it runs
// while the server keeps reading and writing (WAL mode), and the copy is compact and self-contained (no
// -wal file to go with it). Restoring is a file copy, done only while the server is stopped.

export async function backupSqlite(dataDir: string, databaseUrl: string | undefined, file: string) {
  const database = await openDatabase(
    { dataDir, ...(databaseUrl ? { databaseUrl } : {}) },
    { migrate: false },
  );
  try {
    await database.fork().getConnection().execute('vacuum into ?', [file]);
  } finally {
    await database.close();
  }
}

/** Is there a database at `target` (a non-empty file)? */
export async function sqliteHasData(target: string): Promise<boolean> {
  const info = await stat(target).catch(() => undefined);
  return info !== undefined && info.size > 0;
}

/** A -wal file beside the database means a connection is open, or a process died with one open. */
export function sqliteInUse(target: string): boolean {
  return existsSync(`${target}-wal`);
}

/**
 * Copies the backup beside the target and renames it into place (atomic on one file system), after
 * removing the target's -wal and -shm files: left behind, SQLite would replay the old database's log
 * over the restored one.
 */
export async function restoreSqlite(file: string, target: string): Promise<void> {
  const staging = `${target}.restoring`;
  await copyFile(file, staging);
  await rm(`${target}-wal`, { force: true });
  await rm(`${target}-shm`, { force: true });
  await rename(staging, target);
}
