import {
  billingJobs,
  dailyJobs,
  maintenanceJobs,
  runDailyJob,
  type MaintenanceJob,
  type MaintenanceSettings,
} from '@picineiros/api/server';
import type { Database } from '@picineiros/db';
import { Cron } from 'croner';
import type { FastifyBaseLogger } from 'fastify';
import type { WorkMetrics } from '../observability/metrics';

/**
 * Every 5 minutes, runs each daily job for the organizations whose local hour has come and that have not
 * had today's run (runDailyJob decides; the schedule only calls it). Also runs once at start, which
 * catches up on the runs missed while the server was down.
 */
type SchedulerOptions = {
  database: Database;
  logger: FastifyBaseLogger;
  clock: () => Date;
  metrics?: Pick<WorkMetrics, 'jobRan'>;
  settings: MaintenanceSettings;
};

async function runMaintenanceJob(job: MaintenanceJob, options: SchedulerOptions): Promise<void> {
  const startedAt = performance.now();
  try {
    const result = await job.run(options.database, options.clock(), options.settings);
    options.metrics?.jobRan(job.name, 'ran', performance.now() - startedAt);
    if (Object.values(result).some((value) => typeof value === 'number' && value > 0)) {
      options.logger.info({ job: job.name, ...result }, 'maintenance job ran');
    }
  } catch (error) {
    options.metrics?.jobRan(job.name, 'failed', performance.now() - startedAt);
    options.logger.error({ err: error, job: job.name }, 'maintenance job failed');
  }
}

export function startJobScheduler(options: SchedulerOptions): () => void {
  const runAll = async () => {
    for (const job of Object.values(dailyJobs)) {
      const startedAt = performance.now();
      try {
        const result = await runDailyJob(options.database, job, options.clock());
        options.metrics?.jobRan(job.name, result, performance.now() - startedAt);
        if (result.organizations > 0 || result.skipped) {
          options.logger.info(
            { ...result, durationMs: Math.round(performance.now() - startedAt) },
            'daily job ran',
          );
        }
      } catch (error) {
        options.metrics?.jobRan(job.name, 'failed', performance.now() - startedAt);
        options.logger.error({ err: error, job: job.name }, 'daily job failed');
      }
    }
    for (const job of Object.values(maintenanceJobs)) await runMaintenanceJob(job, options);
  };
  // protect: a slow run is never overlapped by the next tick of the same process.
  const cron = new Cron('*/5 * * * *', { protect: true, unref: true }, runAll);
  void runAll();
  return () => {
    cron.stop();
  };
}

/** Every minute, while billing talks to Asaas: the billing jobs (stored webhook events whose processing failed). */
export function startBillingJobs(options: SchedulerOptions): () => void {
  const cron = new Cron('* * * * *', { protect: true, unref: true }, async () => {
    for (const job of Object.values(billingJobs)) await runMaintenanceJob(job, options);
  });
  return () => {
    cron.stop();
  };
}
