// Runs a daily job by hand: pnpm --filter @picineiros/server job <name> [--date YYYY-MM-DD]
// With --date, the job runs for that local day in every organization whatever the hour (once per day:
// a day already done is skipped, like the scheduler does). Maintenance and billing jobs (organization-purge,
// asaas-webhook-retry) take no date.
import { billingJobs, dailyJobs, maintenanceJobs, runDailyJob } from '@picineiros/api/server';
import { openDatabase } from '@picineiros/db';
import { ConfigError, loadConfig } from './config';

async function main(): Promise<void> {
  const [name, flag, date] = process.argv.slice(2);
  const maintenance = name && !flag ? (maintenanceJobs[name] ?? billingJobs[name]) : undefined;
  if (maintenance) {
    const config = loadConfig();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const settings = { outboxBodyRetentionDays: config.outboxBodyRetentionDays };
      console.log(JSON.stringify(await maintenance.run(database, new Date(), settings)));
    } finally {
      await database.close();
    }
    return;
  }
  const job = name ? dailyJobs[name] : undefined;
  if (!job || (flag !== undefined && (flag !== '--date' || !date || !/^\d{4}-\d{2}-\d{2}$/.test(date)))) {
    console.error(
      `usage: job <${Object.keys(dailyJobs).join(' | ')}> [--date YYYY-MM-DD] | job <${[...Object.keys(maintenanceJobs), ...Object.keys(billingJobs)].join(' | ')}>`,
    );
    process.exit(2);
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const result = await runDailyJob(database, job, new Date(), date ? { localDate: date } : {});
    console.log(JSON.stringify(result));
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
