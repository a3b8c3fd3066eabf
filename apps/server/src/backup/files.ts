import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Dialect } from '@picineiros/db';

// Backup files: `picineiros-<dialect>-<UTC timestamp>.<dump|sqlite>`, each with a `.sha256` beside it in
// the format of `sha256sum` (so `sha256sum -c file.sha256` checks it by hand too). The timestamp sorts
// lexicographically, which is all retention needs.

export const BACKUP_EXTENSIONS: Record<Dialect, string> = { postgresql: 'dump', sqlite: 'sqlite' };

const NAME_PATTERN = /^picineiros-(postgresql|sqlite)-(\d{8}T\d{6}\d{3}Z)\.(dump|sqlite)$/;

/** `picineiros-postgresql-20261130T030000123Z.dump` */
export function backupFileName(dialect: Dialect, at: Date): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  return `picineiros-${dialect}-${stamp}.${BACKUP_EXTENSIONS[dialect]}`;
}

/** The dialect a backup file holds, from its name; null for a file that is not one of ours. */
export function dialectOfBackup(file: string): Dialect | null {
  const name = basename(file);
  const match = NAME_PATTERN.exec(name);
  if (match) return match[1] as Dialect;
  if (name.endsWith('.dump')) return 'postgresql';
  if (name.endsWith('.sqlite')) return 'sqlite';
  return null;
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function checksumFileOf(file: string): string {
  return `${file}.sha256`;
}

export async function writeChecksum(file: string): Promise<string> {
  const digest = await sha256Of(file);
  await writeFile(checksumFileOf(file), `${digest}  ${basename(file)}\n`);
  return digest;
}

export type ChecksumCheck = { ok: true; digest: string } | { ok: false; reason: string };

/** Compares a file with the `.sha256` beside it. */
export async function verifyChecksum(file: string): Promise<ChecksumCheck> {
  let expected: string | undefined;
  try {
    expected = (await readFile(checksumFileOf(file), 'utf8')).trim().split(/\s+/)[0];
  } catch {
    return { ok: false, reason: `no checksum file ${basename(checksumFileOf(file))} beside the backup` };
  }
  const digest = await sha256Of(file);
  return digest === expected
    ? { ok: true, digest }
    : { ok: false, reason: `checksum mismatch: expected ${expected ?? '?'}, file has ${digest}` };
}

/** The backups of one dialect in a directory, newest first. */
export async function listBackups(directory: string, dialect: Dialect): Promise<string[]> {
  const names = await readdir(directory).catch(() => [] as string[]);
  return names
    .filter((name) => NAME_PATTERN.exec(name)?.[1] === dialect)
    .sort()
    .reverse()
    .map((name) => join(directory, name));
}

/** Deletes all but the newest `keep` backups of the dialect (and their checksums); returns what went. */
export async function applyRetention(directory: string, dialect: Dialect, keep: number): Promise<string[]> {
  const expired = (await listBackups(directory, dialect)).slice(keep);
  for (const file of expired) {
    await rm(file, { force: true });
    await rm(checksumFileOf(file), { force: true });
  }
  return expired;
}
