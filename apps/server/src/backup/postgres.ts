import { spawn } from 'node:child_process';
import { openDatabase } from '@picineiros/db';

// pg_dump / pg_restore as child processes. The password travels in PGPASSWORD, never on the command line
// (where `ps` would show it to every user of the machine).

export class BackupError extends Error {}

type Connection = { url: string; env: NodeJS.ProcessEnv };

/** The URL without its password, and an environment carrying it. */
function connectionOf(databaseUrl: string): Connection {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new BackupError(
          error.code === 'ENOENT'
            ? `${command} not found: install the PostgreSQL client tools (Debian: apt-get install postgresql-client)`
            : `${command}: ${error.message}`,
        ),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new BackupError(`${command} failed (exit ${String(code)}): ${stderr.trim()}`));
    });
  });
}

/** Major version of a tool (`pg_dump (PostgreSQL) 16.4` → 16). */
async function toolMajorVersion(tool: string): Promise<number> {
  const output = await run(tool, ['--version'], process.env);
  const major = /\)\s*(\d+)/.exec(output)?.[1];
  if (!major) throw new BackupError(`cannot read the version of ${tool}: ${output.trim()}`);
  return Number(major);
}

/** Runs `sql` on the database and returns the first column of the first row. */
async function scalar(databaseUrl: string, sql: string): Promise<string> {
  const database = await openDatabase({ databaseUrl, dataDir: '.' }, { migrate: false });
  try {
    const [row] = await database.fork().getConnection().execute<Record<string, string | number>[]>(sql);
    return String(Object.values(row ?? {})[0] ?? '');
  } finally {
    await database.close();
  }
}

/**
 * pg_dump refuses a server newer than itself, and a dump from an older pg_dump may miss features; say so
 * before starting rather than after a failed run.
 */
async function checkToolVersion(tool: 'pg_dump' | 'pg_restore', databaseUrl: string): Promise<void> {
  const [toolMajor, serverVersion] = await Promise.all([
    toolMajorVersion(tool),
    scalar(databaseUrl, 'show server_version_num'),
  ]);
  const serverMajor = Math.floor(Number(serverVersion) / 10_000);
  if (toolMajor < serverMajor) {
    throw new BackupError(
      `${tool} ${String(toolMajor)} is older than the PostgreSQL server (${String(serverMajor)}): install postgresql-client-${String(serverMajor)}`,
    );
  }
}

/** pg_dump in the custom format (compressed, restorable table by table with pg_restore). */
export async function dumpPostgres(databaseUrl: string, file: string): Promise<void> {
  await checkToolVersion('pg_dump', databaseUrl);
  const connection = connectionOf(databaseUrl);
  await run(
    'pg_dump',
    ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${connection.url}`],
    connection.env,
  );
}

/** Number of tables in the target's user schemas: a database with any is not empty. */
export async function countPostgresTables(databaseUrl: string): Promise<number> {
  return Number(
    await scalar(
      databaseUrl,
      `select count(*) from information_schema.tables
       where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'`,
    ),
  );
}

/**
 * pg_restore into the target. Into an empty database it simply creates everything; with `clean`, objects
 * of the dump that exist in the target are dropped first (`--clean --if-exists`). One transaction: a
 * failed restore leaves the target as it was.
 */
export async function restorePostgres(file: string, databaseUrl: string, clean: boolean): Promise<void> {
  await checkToolVersion('pg_restore', databaseUrl);
  const connection = connectionOf(databaseUrl);
  await run(
    'pg_restore',
    [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      ...(clean ? ['--clean', '--if-exists'] : []),
      `--dbname=${connection.url}`,
      file,
    ],
    connection.env,
  );
}
