// Backups by hand or on a schedule:
//   pnpm --filter @picineiros/server backup                  one backup now into BACKUP_DIR, then retention
//   pnpm --filter @picineiros/server backup --cron "0 3 * * *"   stays running, one backup per schedule tick
//   pnpm --filter @picineiros/server restore <file> [--target <postgres-url | sqlite-file>] [--force]
import { parseArgs } from 'node:util';
import { Cron } from 'croner';
import { BackupError, backupDatabase, restoreBackup } from './backup/index';
import { ConfigError, loadConfig } from './config';

const USAGE = `usage: backup [--cron "<expression>"] | restore <file> [--target <postgres-url | sqlite-file>] [--force]`;

async function backupOnce(): Promise<void> {
  const config = loadConfig();
  const result = await backupDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    backupDir: config.backupDir,
    keep: config.backupKeep,
  });
  console.log(JSON.stringify({ event: 'backup', at: new Date().toISOString(), ...result }));
}

function parseCommandLine(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        cron: { type: 'string' },
        target: { type: 'string' },
        force: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseCommandLine(rest);
  if (command === 'backup' && positionals.length === 0 && !values.target && !values.force) {
    loadConfig(); // a configuration error stops here, not at the first tick
    if (!values.cron) return backupOnce();
    // A failed run is logged and the next tick tries again; `protect` skips a tick while one still runs.
    const job = new Cron(values.cron, { protect: true }, () =>
      backupOnce().catch((error: unknown) => {
        console.error(JSON.stringify({ event: 'backup_failed', error: String(error) }));
      }),
    );
    console.log(JSON.stringify({ event: 'backup_scheduled', next: job.nextRun()?.toISOString() }));
    return new Promise(() => undefined);
  }
  const [file] = positionals;
  if (command === 'restore' && file && positionals.length === 1 && !values.cron) {
    const config = loadConfig();
    const result = await restoreBackup({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, file, {
      target: values.target,
      force: values.force,
    });
    console.log(JSON.stringify({ event: 'restore', ...result }));
    return;
  }
  console.error(USAGE);
  process.exit(2);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof BackupError;
  console.error(known ? error.message : error);
  process.exit(1);
});
